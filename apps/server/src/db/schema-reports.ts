import type { ColumnType, Generated } from 'kysely';

/** Table types of the reports module (migration 0006), as Kysely sees them; part of `DB`. */
type DateStr = string;
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ReportIndicatorsTable {
  associationId: string;
  code: string;
  body: Json<Record<string, unknown>>;
  createdAt: Generated<Date>;
}
export interface ReportTemplatesTable {
  associationId: string;
  id: string;
  code: string;
  body: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<Date>;
}
export interface ReportSlotsTable {
  associationId: string;
  key: string;
  pos: number;
}
export type StoredReportStatus =
  'draft' | 'submitted' | 'returned' | 'approved' | 'accepted' | 'locked';
export interface ReportsTable {
  associationId: string;
  id: string;
  templateId: string;
  period: string;
  periodFrom: DateStr;
  periodTo: DateStr;
  unitId: string;
  parentUnitId: string | null;
  unitLevel: number;
  status: StoredReportStatus;
  data: Json<Record<string, number | null>>;
  texts: Json<Record<string, string>>;
  /** `data` by slot position (report_slots), written by the `reports_vals` trigger only. */
  vals: ColumnType<(number | null)[], never, never>;
  computedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  dueDate: DateStr;
  firstSubmittedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  submittedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  approvedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  approvedBy: string | null;
  acceptedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  lockedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  returnComment: string | null;
  docNumber: number | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}
export interface ReportEventsTable {
  associationId: string;
  id: string;
  reportId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
  actorUserId: string | null;
  actorName: string | null;
  at: Timestamp;
}
export interface ReportRemindersTable {
  associationId: string;
  templateId: string;
  period: string;
  unitId: string;
  kind: string;
  sentAt: Generated<Date>;
}
