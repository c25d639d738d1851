import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * Membership counts kept on 1 January of each year (decision 78), so that counts as of a date D
 * read the nearest base (1 January of D's year or of the next) and the periods that began or
 * ended between the two dates, instead of every period of the association (1,000,000 members:
 * 1.8 million periods scanned and 447,000 hashed into 77,000 groups, ~0.7–1.2 s on PostgreSQL).
 *
 * - `member_count_bases`: counts by unit × status × category × gender on 1 January of a year.
 * - `member_count_base_state`: one row per base that is current. Only a base with its row is used.
 * - A statement trigger on `membership_periods` deletes the state rows of the bases a write
 *   changes (those on or after the earliest date whose validity it changes), in the writer's own
 *   transaction: a past-dated admission, a correction, an import. Everyday writes (today's
 *   admission, a period closed today) change no base of a past 1 January.
 * - The bases are rebuilt by a background task (members/member-counts.service.ts). The task holds
 *   an exclusive advisory lock while it builds, writers a shared one from their trigger until
 *   they commit: a base never misses a write that did not mark it stale.
 * - Derived data: not in backups (rebuilt after a restore).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Derived rows, replaced as a whole per base: no key of their own (never backed up).
  await sql`
    create table member_count_bases (
      association_id uuid not null,
      as_of date not null,
      unit_id uuid not null,
      status text not null,
      category text not null,
      gender text,
      n integer not null
    )`.execute(db);
  await sql`create index member_count_bases_as_of on member_count_bases (association_id, as_of)`.execute(db);
  await sql`
    create table member_count_base_state (
      association_id uuid not null,
      as_of date not null,
      built_at timestamptz not null default now(),
      primary key (association_id, as_of)
    )`.execute(db);
  await enableTenantRls(db, 'member_count_bases', 'select, insert, delete');
  await enableTenantRls(db, 'member_count_base_state', 'select, insert, delete');

  // The periods that began, or ended, between a base's date and the date asked, read from the
  // index alone (the periods' heap pages are spread over the whole table: reading them for a
  // year's changes read the table one and a half times over).
  await sql`create index membership_periods_from on membership_periods (association_id, valid_from)
    include (valid_to, unit_id, status, category, gender)`.execute(db);
  await sql`create index membership_periods_to on membership_periods (association_id, valid_to)
    include (valid_from, unit_id, status, category, gender) where valid_to is not null`.execute(db);

  // Each branch reads only the transition tables its event has (one trigger per event below).
  await sql`
    create function hoi_member_counts_stale() returns trigger language plpgsql as $$
    declare
      a uuid[];
      d date[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(association_id), array_agg(since) into a, d
          from (select association_id, min(valid_from) as since from changed_rows_new group by 1) x;
      elsif tg_op = 'DELETE' then
        select array_agg(association_id), array_agg(since) into a, d
          from (select association_id, min(valid_from) as since from changed_rows_old group by 1) x;
      else
        select array_agg(association_id), array_agg(since) into a, d
          from (select n.association_id,
                       min(least(
                         case when (o.membership_id, o.unit_id, o.status, o.category, o.gender, o.valid_from)
                                   is distinct from (n.membership_id, n.unit_id, n.status, n.category, n.gender, n.valid_from)
                              then least(o.valid_from, n.valid_from) end,
                         -- least() skips nulls: an open end closed on D changes the dates from D on.
                         case when o.valid_to is distinct from n.valid_to then least(o.valid_to, n.valid_to) end)) as since
                  from changed_rows_old o
                  join changed_rows_new n on n.association_id = o.association_id and n.id = o.id
                 group by 1) x
         where since is not null;
      end if;
      if a is null then
        return null;
      end if;
      -- Shared with other writers, exclusive with a base being built (see the note above).
      perform pg_advisory_xact_lock_shared(hashtext('hoi_member_count_bases'), hashtext(x::text)) from unnest(a) x;
      delete from member_count_base_state s
       using unnest(a, d) as x(association_id, since)
       where s.association_id = x.association_id and s.as_of >= x.since;
      return null;
    end $$`.execute(db);
  await sql`create trigger membership_periods_counts_ins after insert on membership_periods
    referencing new table as changed_rows_new
    for each statement execute function hoi_member_counts_stale()`.execute(db);
  await sql`create trigger membership_periods_counts_upd after update on membership_periods
    referencing old table as changed_rows_old new table as changed_rows_new
    for each statement execute function hoi_member_counts_stale()`.execute(db);
  await sql`create trigger membership_periods_counts_del after delete on membership_periods
    referencing old table as changed_rows_old
    for each statement execute function hoi_member_counts_stale()`.execute(db);
}
