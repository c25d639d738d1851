import type { ColumnType, Generated } from 'kysely';
import type {
  CalendarDaysTable,
  CalendarYearsTable,
  CaseAttachmentsTable,
  CaseClearancesTable,
  CaseDocumentsTable,
  CaseEventsTable,
  CaseExtensionsTable,
  CaseRecordsTable,
  CaseRuleSetsTable,
  CaseSealedTable,
  CasesTable,
  CaseSuspensionsTable,
  CaseVerifiersTable,
  DocumentCountersTable,
  NotificationsTable,
  EmailOutboxTable,
} from './schema-cases.js';

export type * from './schema-cases.js';
export type * from './schema-reports.js';
import type {
  ReportEventsTable,
  ReportIndicatorsTable,
  ReportRemindersTable,
  ReportTemplatesTable,
  ReportsTable,
  ReportSlotsTable,
} from './schema-reports.js';

/** Table types as Kysely sees them (camelCase through CamelCasePlugin). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns travel as 'YYYY-MM-DD' strings on both engines (see engine.ts parsers). */
type DateStr = string;

export interface AssociationsTable {
  id: string;
  kind: 'association' | 'oversight';
  code: string;
  name: string;
  shortName: string | null;
  tags: string[];
  levelNames: string[];
  settings: ColumnType<AssociationSettings, string | undefined, string>;
  oversightId: string | null;
  /** Bumped by every tree change (with its event): the key of cached tree views. */
  treeVersion: Generated<number>;
  createdAt: Timestamp;
  version: Generated<number>;
}
export interface AssociationSettings {
  requireTotpForAdmins?: boolean;
  /** Dues for a year are due by the end of this month (default 3). */
  duesDueMonth?: number;
  /** Months of arrears after which a member is flagged for review (default 12). */
  duesReviewAfterMonths?: number;
  /** Days before an unanswered transfer escalates to the common parent (default 15). */
  transferEscalationDays?: number;
}

export interface AdminUnitsTable {
  code: string;
  level: 'province' | 'commune';
  name: string;
  divisionType: string;
  codename: string | null;
  provinceCode: string | null;
}

/** Official pre-2025 commune → new commune conversion rows (global reference data). */
export interface AdminUnitConversionsTable {
  oldProvinceCode: string | null;
  oldProvinceName: string;
  oldDistrictCode: string | null;
  oldDistrictName: string;
  oldCommuneCode: string;
  oldCommuneName: string;
  newProvinceCode: string;
  newCommuneCode: string;
  newCommuneName: string;
  note: string;
}

export type UnitStatus = 'active' | 'dissolved' | 'merged' | 'split';
export interface UnitsTable {
  associationId: string;
  id: string;
  node: Generated<number>;
  code: string;
  name: string;
  level: number;
  parentId: string | null;
  adminUnitCode: string | null;
  status: Generated<UnitStatus>;
  validFrom: DateStr;
  validTo: DateStr | null;
  version: Generated<number>;
  createdAt: Timestamp;
}
/** The materialized current path of each unit (ltree of node numbers), for subtree queries. */
export interface UnitPathsTable {
  associationId: string;
  unitId: string;
  path: string;
}
export interface UnitNamesTable {
  associationId: string;
  id: Generated<number>;
  unitId: string;
  name: string;
  validFrom: DateStr;
  validTo: DateStr | null;
}
export interface UnitParentsTable {
  associationId: string;
  id: Generated<number>;
  unitId: string;
  parentId: string | null;
  validFrom: DateStr;
  validTo: DateStr | null;
}
export type UnitEventKind =
  'create' | 'rename' | 'recode' | 'move' | 'merge' | 'split' | 'dissolve' | 'admin_unit';
export interface UnitEventsTable {
  associationId: string;
  id: string;
  kind: UnitEventKind;
  effectiveDate: DateStr;
  actorUserId: string | null;
  actorName: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  createdAt: Timestamp;
}
export interface UnitEventUnitsTable {
  associationId: string;
  eventId: string;
  unitId: string;
  role: 'subject' | 'predecessor' | 'successor';
}
export interface UnitSuccessorsTable {
  associationId: string;
  eventId: string;
  predecessorId: string;
  successorId: string;
  effectiveDate: DateStr;
}
export interface UsersTable {
  associationId: string;
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  status: Generated<'active' | 'disabled'>;
  failedAttempts: Generated<number>;
  lockedUntil: Date | null;
  totpSecret: string | null;
  totpEnabled: Generated<boolean>;
  createdAt: Timestamp;
  version: Generated<number>;
}
export interface RoleAssignmentsTable {
  associationId: string;
  id: string;
  userId: string;
  role: string;
  unitId: string;
  validFrom: DateStr;
  validTo: DateStr | null;
  createdAt: Timestamp;
}
export interface SessionsTable {
  associationId: string;
  id: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Date;
}
export interface ApiTokensTable {
  associationId: string;
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: Timestamp;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}
export interface AuditLogTable {
  associationId: string;
  seq: number;
  id: string;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  prevHash: string;
  hash: string;
}

export interface AuditHeadsTable {
  associationId: string;
  seq: number;
  hash: string;
}

/** A person, shared across associations; visible to an association through its memberships. */
export interface PeopleTable {
  id: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: 'male' | 'female' | null;
  idNumber: string | null;
  legacyIdNumber: string | null;
  phone: string | null;
  email: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  addressDetail: string | null;
  addressLegacy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface MembershipsTable {
  associationId: string;
  id: string;
  personId: string;
  memberNumber: string;
  unitId: string;
  category: 'official' | 'associate' | 'honorary';
  status:
    | 'applicant'
    | 'active'
    | 'suspended'
    | 'resigned'
    | 'aged_out'
    | 'removed'
    | 'deceased'
    | 'rejected';
  appliedOn: DateStr | null;
  joinedOn: DateStr | null;
  endedOn: DateStr | null;
  admissionNumber: string | null;
  admissionDate: DateStr | null;
  admissionSigner: string | null;
  admissionUnitId: string | null;
  notes: string | null;
  warnings: Generated<string[]>;
  fullName: string;
  nameFold: Generated<string>;
  nameWords: Generated<string[]>;
  sortKey: string;
  gender: 'male' | 'female' | null;
  birthYear: number | null;
  birthDate: string | null;
  phone: string | null;
  idNumber: string | null;
  transitToUnitId: string | null;
  duesPaidThrough: number | null;
  userId: string | null;
  cardToken: string;
  lastEventDate: DateStr;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface MembershipPeriodsTable {
  associationId: string;
  id: Generated<number>;
  membershipId: string;
  personId: string;
  unitId: string;
  status: string;
  category: string;
  gender: string | null;
  validFrom: DateStr;
  validTo: DateStr | null;
}

/** Derived counts on 1 January of a year (decision 78); used only while its state row exists. */
export interface MemberCountBasesTable {
  associationId: string;
  asOf: DateStr;
  unitId: string;
  status: string;
  category: string;
  gender: string | null;
  n: number;
}

export interface MemberCountBaseStateTable {
  associationId: string;
  asOf: DateStr;
  builtAt: Generated<Timestamp>;
}

export interface MemberEventsTable {
  associationId: string;
  id: string;
  membershipId: string;
  kind: string;
  effectiveDate: DateStr;
  at: Timestamp;
  actorUserId: string | null;
  actorName: string | null;
  unitId: string | null;
  decisionNumber: string | null;
  decisionDate: DateStr | null;
  decisionSigner: string | null;
  reason: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface MemberSensitiveTable {
  associationId: string;
  membershipId: string;
  ethnicityCode: string | null;
  religionCode: string | null;
  partyMember: boolean | null;
  partyJoinedOn: DateStr | null;
  healthNotes: string | null;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface MemberPhotosTable {
  associationId: string;
  membershipId: string;
  mime: string;
  bytes: Uint8Array;
  updatedAt: Timestamp;
}

export interface MemberConsentsTable {
  associationId: string;
  id: Generated<number>;
  membershipId: string;
  purpose: string;
  granted: boolean;
  source: 'member' | 'officer';
  evidence: string | null;
  recordedBy: string | null;
  recordedAt: Timestamp;
}

export interface MemberCountersTable {
  associationId: string;
  nextNumber: number;
}

export interface TransfersTable {
  associationId: string;
  id: string;
  membershipId: string;
  fromUnitId: string;
  toUnitId: string;
  commonParentId: string;
  status: 'pending' | 'accepted' | 'refused' | 'cancelled';
  releasedOn: DateStr;
  dueOn: DateStr;
  reason: string | null;
  requestedBy: string | null;
  answeredOn: DateStr | null;
  answeredBy: string | null;
  refusalReason: string | null;
  escalatedAt: Timestamp | null;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface DuesRatesTable {
  associationId: string;
  id: string;
  unitId: string;
  year: number;
  category: 'official' | 'associate' | 'honorary' | null;
  amount: number;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface DuesExemptionsTable {
  associationId: string;
  id: string;
  membershipId: string;
  reason: 'elderly' | 'poor_household' | 'honorary' | 'other';
  fromYear: number;
  toYear: number | null;
  note: string | null;
  endedAt: Timestamp | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface DuesPaymentsTable {
  associationId: string;
  id: string;
  membershipId: string;
  year: number;
  amount: number;
  paidOn: DateStr;
  receiptNumber: string | null;
  batchId: string | null;
  collectedByUnitId: string;
  recordedBy: string | null;
  createdAt: Timestamp;
}

export interface SavedFiltersTable {
  associationId: string;
  id: string;
  userId: string;
  name: string;
  filter: ColumnType<Record<string, unknown>, string, string>;
  createdAt: Timestamp;
}

export interface MemberInvitationsTable {
  associationId: string;
  id: string;
  membershipId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  createdAt: Timestamp;
}

export interface ChangeRequestsTable {
  associationId: string;
  id: string;
  membershipId: string;
  fields: ColumnType<Record<string, unknown>, string, string>;
  current: ColumnType<Record<string, unknown>, string, string>;
  note: string | null;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  createdAt: Timestamp;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface DataRequestsTable {
  associationId: string;
  id: string;
  membershipId: string;
  kind: string;
  details: string;
  receivedAt: Timestamp;
  dueOn: DateStr;
  status: Generated<'open' | 'done' | 'refused'>;
  resolvedAt: Timestamp | null;
  resolvedBy: string | null;
  response: string | null;
}

export interface JobsTable {
  associationId: string;
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  unitId: string | null;
  params: ColumnType<Record<string, unknown>, string, string>;
  checkpoint: ColumnType<Record<string, unknown>, string | undefined, string>;
  rowsDone: ColumnType<string, number | undefined, number>;
  rowsTotal: ColumnType<string | null, number | null | undefined, number | null>;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  heartbeatAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

export interface ImportRowsTable {
  associationId: string;
  jobId: string;
  rowNumber: number;
  outcome: 'new' | 'update' | 'duplicate' | 'error';
  issues: ColumnType<unknown[], string, string>;
  cells: ColumnType<unknown[] | null, string | null, string | null>;
  membershipId: string | null;
}

export interface ImportTemplatesTable {
  associationId: string;
  id: string;
  name: string;
  columns: ColumnType<{ heading: string; field: string | null }[], string, string>;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface DB {
  auditHeads: AuditHeadsTable;
  associations: AssociationsTable;
  adminUnits: AdminUnitsTable;
  adminUnitConversions: AdminUnitConversionsTable;
  units: UnitsTable;
  unitPaths: UnitPathsTable;
  unitNames: UnitNamesTable;
  unitParents: UnitParentsTable;
  unitEvents: UnitEventsTable;
  unitEventUnits: UnitEventUnitsTable;
  unitSuccessors: UnitSuccessorsTable;
  users: UsersTable;
  roleAssignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  people: PeopleTable;
  memberships: MembershipsTable;
  membershipPeriods: MembershipPeriodsTable;
  memberCountBases: MemberCountBasesTable;
  memberCountBaseState: MemberCountBaseStateTable;
  memberEvents: MemberEventsTable;
  memberSensitive: MemberSensitiveTable;
  memberPhotos: MemberPhotosTable;
  memberConsents: MemberConsentsTable;
  memberCounters: MemberCountersTable;
  transfers: TransfersTable;
  duesRates: DuesRatesTable;
  duesExemptions: DuesExemptionsTable;
  duesPayments: DuesPaymentsTable;
  savedFilters: SavedFiltersTable;
  memberInvitations: MemberInvitationsTable;
  changeRequests: ChangeRequestsTable;
  dataRequests: DataRequestsTable;
  jobs: JobsTable;
  importRows: ImportRowsTable;
  importTemplates: ImportTemplatesTable;
  calendarDays: CalendarDaysTable;
  calendarYears: CalendarYearsTable;
  caseRuleSets: CaseRuleSetsTable;
  cases: CasesTable;
  caseSealed: CaseSealedTable;
  caseClearances: CaseClearancesTable;
  caseVerifiers: CaseVerifiersTable;
  caseExtensions: CaseExtensionsTable;
  caseSuspensions: CaseSuspensionsTable;
  caseRecords: CaseRecordsTable;
  caseEvents: CaseEventsTable;
  caseAttachments: CaseAttachmentsTable;
  caseDocuments: CaseDocumentsTable;
  documentCounters: DocumentCountersTable;
  notifications: NotificationsTable;
  emailOutbox: EmailOutboxTable;
  reportIndicators: ReportIndicatorsTable;
  reportTemplates: ReportTemplatesTable;
  reports: ReportsTable;
  reportSlots: ReportSlotsTable;
  reportEvents: ReportEventsTable;
  reportReminders: ReportRemindersTable;
}
