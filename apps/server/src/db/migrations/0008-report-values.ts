import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * Report values as numbers by position (decision 65). `report_slots` gives every slot key an
 * association has ever stored (`members.active`, `members.active|sex:female`…) a fixed position;
 * `reports.vals[pos]` holds the value of that slot, kept equal to `data` by a trigger on every
 * insert and update whoever writes. A roll-up reads `vals[pos]` (an array subscript) instead of
 * looking each key up in the jsonb object, which was most of a year-long roll-up's time.
 * Positions are never reused or renumbered, so a report keeps its meaning across template edits.
 * A restore loads `report_slots` before `reports` (dependency order, ties by name), so the
 * trigger finds every key and rebuilds the same arrays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_slots (
      association_id uuid not null,
      key text not null,
      pos int not null check (pos > 0),
      primary key (association_id, key),
      unique (association_id, pos)
    )`.execute(db);
  await enableTenantRls(db, 'report_slots', 'select, insert');
  await sql`alter table reports add column vals float8[]`.execute(db);

  // New keys get the next positions under a per-association lock (two writers adding keys at
  // once must not both take max+1). The array runs to the highest position the report uses.
  await sql`
    create function hoi_report_vals() returns trigger language plpgsql as $fn$
    declare
      top int;
    begin
      if tg_op = 'UPDATE' and new.data = old.data and old.vals is not null then
        new.vals := old.vals;
        return new;
      end if;
      if exists (
        select 1 from jsonb_object_keys(new.data) k
         where not exists (select 1 from report_slots s
                            where s.association_id = new.association_id and s.key = k)
      ) then
        perform pg_advisory_xact_lock(hashtext('hoi.report_slots'), hashtext(new.association_id::text));
        insert into report_slots (association_id, key, pos)
        select new.association_id, k,
               coalesce((select max(pos) from report_slots where association_id = new.association_id), 0)
                 + row_number() over (order by k)
          from jsonb_object_keys(new.data) k
         where not exists (select 1 from report_slots s
                            where s.association_id = new.association_id and s.key = k);
      end if;
      select max(s.pos) into top
        from jsonb_object_keys(new.data) k
        join report_slots s on s.association_id = new.association_id and s.key = k;
      if top is null then
        new.vals := '{}';
      else
        new.vals := array(
          select (new.data ->> s.key)::float8
            from generate_series(1, top) p
            left join report_slots s on s.association_id = new.association_id and s.pos = p
           order by p);
      end if;
      return new;
    end
    $fn$`.execute(db);
  await sql`
    create trigger reports_vals before insert or update of data on reports
      for each row execute function hoi_report_vals()`.execute(db);
  await sql`update reports set data = data`.execute(db);
  await sql`alter table reports alter column vals set not null`.execute(db);
}
