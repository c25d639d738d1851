import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the periodic reports' automatic indicators of the member registry
 * (modules/members/members.indicators.ts). Those read a period's changes out of tables that are
 * otherwise read per member — a quarter's admissions, departures and payments are a small slice
 * of millions of rows — and one unit's report reads only its subtree's units.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Admissions by date (members.admitted): a small share of the timeline's rows.
  await sql`create index member_events_admitted on member_events (association_id, effective_date)
    where kind = 'admitted'`.execute(db);
  // Departures by status and date (members.removed, resigned, deceased, aged_out): final
  // statuses only, so the index grows with departures, not with every change.
  await sql`create index membership_periods_ended on membership_periods (association_id, status, valid_from)
    where status in ('resigned', 'aged_out', 'removed', 'deceased')`.execute(db);
  // One subtree's periods (a unit's report; also the member counts of an officer's scope).
  await sql`create index membership_periods_unit on membership_periods (association_id, unit_id)`.execute(
    db,
  );
  // Payments by date (dues.collected), with the year they pay for (the late payments of
  // members.in_arrears are told apart in the index), and one subtree's collections by date.
  await sql`create index dues_payments_paid_on on dues_payments (association_id, paid_on, year)`.execute(
    db,
  );
  await sql`create index dues_payments_unit on dues_payments (association_id, collected_by_unit_id, paid_on)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('The indicator indexes migration cannot be reverted; restore a backup instead');
}
