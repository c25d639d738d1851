import { sql, type Kysely } from 'kysely';

/**
 * A subtree's name search reads the subtree, not an association-wide name index (decision 71).
 *
 * The members in transit to a subtree are read through the transit index alone.
 * `hoi_member_page` reads a subtree as two arms (decision 68): the members of its units, from
 * the covering index, and the few in transit to them (a province: ~150) from `memberships_transit`.
 * With a name filter the planner ANDed the second arm's bitmap with a name-index bitmap over the
 * whole association — the trigram posting lists of "nguyen van hu" (54–75 ms) or the word list
 * of "nguyen" — to spare itself ~150 heap reads; a name being typed then took ten times the
 * scan of the subtree itself (~6 ms). The transit arm is now a fenced subquery (`offset 0`), so
 * the name conditions apply to its rows after the index read. A fragment ("nguyen van hu") is
 * likewise checked on the subtree's own entries in the covering index rather than looked up in
 * the trigram index. Same signature and results.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
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
      -- In a subtree of up to 2,000 units (a province of the bench: ~300 units, ~12,700
      -- members) names are checked on the subtree's own entries in the covering index: "is
      -- true" keeps the planner off the association-wide name indexes, whose estimates are
      -- small and whose costs are not ("le van ph": trigram bitmap 94 ms for 704 candidates;
      -- "pham thi hoa": word bitmap 12 ms; the province's scan: ~6–11 ms). Larger subtrees and
      -- the whole association leave the choice to the planner.
      if p_units is not null and coalesce(array_length(p_units, 1), 0) <= 2000 then
        if p_words is not null then c := c || ' and (m.name_words @> $16) is true';
        elsif p_name is not null then c := c || ' and (m.name_fold like $2) is true'; end if;
      elsif p_words is not null then c := c || ' and m.name_words @> $16';
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
        -- Members of the units, then those in transit to them from elsewhere (never both); the
        -- latter through the transit index alone (the subquery is a fence, see above).
        q := 'select m.id, m.sort_key::text as sort_key from memberships m where ' || c || ' and m.unit_id = any($5)'
          || ' union all select m.id, m.sort_key::text from (select * from memberships t'
          || ' where t.association_id = $1 and t.transit_to_unit_id = any($5) and not (t.unit_id = any($5))'
          || ' offset 0) m where ' || c;
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
