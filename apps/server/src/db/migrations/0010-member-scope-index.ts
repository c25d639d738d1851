import { sql, type Kysely } from 'kysely';

/**
 * Searching and listing members inside a unit subtree from one covering index (decision 68).
 * `memberships_unit_cover` replaces `memberships_unit_sort` (same key) and carries the columns
 * the list filters on, so a province's members are read from the index alone (with a vacuumed
 * table) instead of one heap page per member; and `hoi_member_page` reads a subtree as two arms,
 * the members of its units UNION ALL those in transit to them, because an OR of the two made the
 * planner combine bitmaps (and a name-word bitmap over the whole association) instead.
 * Measured on 1,000,000 members: "nguyen van hung" in a 12,700-member province 33 → 11 ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index memberships_unit_cover on memberships (association_id, unit_id, sort_key, id)
    include (name_words, name_fold, status, category, gender, birth_year)`.execute(db);
  await sql`drop index memberships_unit_sort`.execute(db);
  await sql`
    create or replace function hoi_member_page(
      p_name text, p_exact text, p_phone text, p_units uuid[], p_statuses text[], p_categories text[],
      p_gender text, p_birth_from int, p_birth_to int, p_join_year int, p_in_transit boolean,
      p_paid_before int, p_after_key text, p_after_id uuid, p_limit int, p_words text[] default null
    ) returns table (id uuid, sort_key text)
    language plpgsql stable security definer set search_path = public
    as $fn$
    declare
      c text := 'm.association_id = $1';
      q text;
    begin
      if hoi_tenant() is null then return; end if;
      if p_words is not null then c := c || ' and m.name_words @> $16';
      elsif p_name is not null then c := c || ' and m.name_fold like $2'; end if;
      if p_exact is not null or p_phone is not null then
        c := c || ' and (m.member_number = $3 or m.id_number = $3 or m.phone = $4)';
      end if;
      if p_statuses is not null then c := c || ' and m.status = any($6)'; end if;
      if p_categories is not null then c := c || ' and m.category = any($7)'; end if;
      if p_gender is not null then c := c || ' and m.gender = $8'; end if;
      if p_birth_from is not null then c := c || ' and m.birth_year >= $9'; end if;
      if p_birth_to is not null then c := c || ' and m.birth_year <= $10'; end if;
      if p_join_year is not null then
        c := c || ' and m.joined_on >= make_date($11, 1, 1) and m.joined_on < make_date($11 + 1, 1, 1)';
      end if;
      if p_in_transit is not null then
        c := c || case when p_in_transit then ' and m.transit_to_unit_id is not null' else ' and m.transit_to_unit_id is null' end;
      end if;
      if p_paid_before is not null then
        c := c || ' and m.status in (''active'', ''suspended'') and m.category <> ''honorary'' and coalesce(m.dues_paid_through, extract(year from m.joined_on)::int - 1) < $12';
      end if;
      if p_after_key is not null then c := c || ' and (m.sort_key, m.id) > ($13 collate "C", $14)'; end if;
      if p_units is null then
        q := 'select m.id, m.sort_key::text as sort_key from memberships m where ' || c;
      else
        -- Members of the units, then those in transit to them from elsewhere (never both).
        q := 'select m.id, m.sort_key::text as sort_key from memberships m where ' || c || ' and m.unit_id = any($5)'
          || ' union all select m.id, m.sort_key::text from memberships m where ' || c
          || ' and m.transit_to_unit_id = any($5) and not (m.unit_id = any($5))';
        q := 'select m.id, m.sort_key from (' || q || ') m';
      end if;
      -- With whole-word matches the sort-order index would be walked hoping for early hits that
      -- come late (a given name sorts mid-list): sort the (few) matches instead.
      if p_words is not null then
        q := q || ' order by (m.sort_key || '''') collate "C", m.id limit $15';
      else
        q := q || ' order by m.sort_key collate "C", m.id limit $15';
      end if;
      return query execute q using hoi_tenant(), p_name, p_exact, p_phone, p_units, p_statuses, p_categories,
        p_gender, p_birth_from, p_birth_to, p_join_year, p_paid_before, p_after_key, p_after_id, p_limit, p_words;
    end
    $fn$`.execute(db);
}
