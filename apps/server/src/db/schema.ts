import type { ColumnType, Generated } from 'kysely';

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
  | 'create'
  | 'rename'
  | 'recode'
  | 'move'
  | 'merge'
  | 'split'
  | 'dissolve'
  | 'admin_unit';
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
}
