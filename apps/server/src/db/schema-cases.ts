import type { ColumnType, Generated } from 'kysely';

/** Table types of the cases module (migration 0005), as Kysely sees them; part of `DB` in schema.ts. */
type DateStr = string;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface CalendarDaysTable {
  day: DateStr;
  kind: 'holiday' | 'workday';
  name: string;
  source: 'rule' | 'manual';
  updatedAt: Generated<Date>;
}
export interface CalendarYearsTable {
  year: number;
  seededAt: Generated<Date>;
}
export interface CaseRuleSetsTable {
  associationId: string;
  id: string;
  code: string;
  effectiveFrom: DateStr;
  body: Json<Record<string, unknown>>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}
export interface CasePartyJson {
  fullName: string;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}
export interface CasesTable {
  associationId: string;
  id: string;
  number: string;
  unitId: string;
  type: string;
  round: number;
  channel: string;
  status: string;
  receivedOn: DateStr;
  subject: string;
  content: string | null;
  accused: string | null;
  complainant: NullableJson<CasePartyJson>;
  anonymous: boolean;
  sealedRoles: string[];
  complexity: Generated<string>;
  remote: boolean;
  acceptedOn: DateStr | null;
  lateReason: string | null;
  notAccepted: NullableJson<{ ground: string; note: string | null; on: string }>;
  forwarded: NullableJson<{ to: string; on: string }>;
  withdrawn: NullableJson<{ on: string; continueHandling: boolean; reason: string | null }>;
  concludedOn: DateStr | null;
  findings: string | null;
  conclusion: string | null;
  publication: NullableJson<{ from: string; until: string; place: string; text: string }>;
  closedOn: DateStr | null;
  parentCaseId: string | null;
  duplicateOfCaseId: string | null;
  handlerUserId: string | null;
  nextDeadline: DateStr | null;
  nextMilestone: string | null;
  isOpen: boolean;
  resolutionDue: DateStr | null;
  escalatedOn: DateStr | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  version: Generated<number>;
}
export interface CaseSealedTable {
  associationId: string;
  id: string;
  caseId: string;
  role: string;
  keyId: string;
  iv: Uint8Array;
  tag: Uint8Array;
  ciphertext: Uint8Array;
}
export interface CaseClearancesTable {
  associationId: string;
  id: string;
  caseId: string;
  userId: string;
  kind: 'intake' | 'granted' | 'emergency';
  reason: string | null;
  grantedBy: string | null;
  grantedAt: Generated<Date>;
  revokedAt: Date | null;
}
export interface CaseVerifiersTable {
  associationId: string;
  caseId: string;
  userId: string;
  assignedBy: string | null;
  assignedAt: Generated<Date>;
}
export interface CaseExtensionsTable {
  associationId: string;
  caseId: string;
  ordinal: number;
  days: number;
  decisionNumber: string;
  decidedOn: DateStr;
  reason: string;
}
export interface CaseSuspensionsTable {
  associationId: string;
  id: string;
  caseId: string;
  fromOn: DateStr;
  toOn: DateStr | null;
  decisionNumber: string;
  reason: string;
}
export interface CaseRecordsTable {
  associationId: string;
  id: string;
  caseId: string;
  kind: string;
  onDate: DateStr;
  text: string;
  byUserId: string | null;
  byName: string | null;
  createdAt: Generated<Date>;
}
export interface CaseEventsTable {
  associationId: string;
  id: string;
  caseId: string;
  at: Generated<Date>;
  kind: string;
  byUserId: string | null;
  byName: string | null;
  note: string | null;
}
export interface CaseAttachmentsTable {
  associationId: string;
  id: string;
  caseId: string;
  name: string;
  mime: string;
  size: number;
  identityBearing: boolean;
  keyId: string | null;
  iv: Uint8Array | null;
  tag: Uint8Array | null;
  body: Uint8Array;
  createdBy: string | null;
  createdAt: Generated<Date>;
}
export interface CaseDocumentsTable {
  associationId: string;
  id: string;
  caseId: string;
  kind: string;
  number: number;
  year: number;
  symbol: string;
  issuedOn: DateStr;
  body: Uint8Array;
  createdBy: string | null;
  createdAt: Generated<Date>;
}
export interface DocumentCountersTable {
  associationId: string;
  unitId: string;
  year: number;
  series: string;
  last: number;
}
export interface NotificationsTable {
  associationId: string;
  id: string;
  userId: string;
  kind: string;
  title: string;
  titleEn: string;
  body: string | null;
  link: string | null;
  createdAt: Generated<Date>;
  readAt: Date | null;
}
/** E-mail copies of notices waiting for (or done with) SMTP (migration 0009). */
export interface EmailOutboxTable {
  associationId: string;
  id: string;
  userId: string;
  toAddress: string;
  subject: string;
  body: string;
  createdAt: Generated<Date>;
  sentAt: Date | null;
  attempts: Generated<number>;
  lastError: string | null;
}
