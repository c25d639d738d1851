import { sql, type Kysely } from 'kysely';

/**
 * A name query falls back from whole words to a fragment inside one call (decision 76).
 *
 * The list searches whole words first ("nguyen van hung" → names holding the three words) and,
 * when nothing matches, the fragment ("nguyen van hu" → Hùng, Hưng…). That was two calls, so a
 * name being typed read a province's ~29,000 covering-index entries twice (PGlite, 1,000,000
 * members: words 11–15 ms, then the fragment 11–13 ms, of a ~31 ms request). With
 * `p_fallback`, one call answers both: in a subtree of up to 2,000 units the entries are read
 * once, every candidate matching the words or the fragment, and the whole-word matches win when
 * there are any; elsewhere (larger subtrees, the whole association, where indexes choose the
 * rows) the fragment query runs only when the words found nothing. Each row says whether it
 * matched by whole words (`by_words`), so the caller knows which mode the next pages use.
 *
 * Same results as the two calls. The function gains one parameter (default false) and one
 * result column, so it is dropped and created again; callers name the columns they read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function hoi_member_page(text, text, text, uuid[], text[], text[], text, int, int, int, boolean, int, text, uuid, int, text[])`.execute(db);
  await sql`
    create function hoi_member_page(
      p_name text, p_exact text, p_phone text, p_units uuid[], p_statuses text[], p_categories text[],
      p_gender text, p_birth_from int, p_birth_to int, p_join_year int, p_in_transit boolean,
      p_paid_before int, p_after_key text, p_after_id uuid, p_limit int, p_words text[] default null,
      p_fallback boolean default false
    ) returns table (id uuid, sort_key text, by_words boolean)
    language plpgsql stable security definer set search_path = public
    as $fn$
    declare
      -- In a subtree of up to 2,000 units (a province of the bench: ~300 units) names are
      -- checked on the subtree's own entries in the covering index: "is true" keeps the planner
      -- off the association-wide name indexes, whose estimates are small and whose costs are
      -- not (decision 71). Larger subtrees and the whole association leave the choice to it.
      small boolean := p_units is not null and coalesce(array_length(p_units, 1), 0) <= 2000;
      both_ boolean := p_fallback and p_words is not null and p_name is not null;
      words_c text := case when small then ' and (m.name_words @> $16) is true' else ' and m.name_words @> $16' end;
      name_c text := case when small then ' and (m.name_fold like $2) is true' else ' and m.name_fold like $2' end;
      c text := 'm.association_id = $1';
      sel text;
      q text;
      q_words text;
      q_name text;
    begin
      if hoi_tenant() is null then return; end if;
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

      -- The rows matching c plus a name condition %N%, with a flag %W% (whether they match the
      -- whole words): of the subtree's units, then those in transit to them from elsewhere
      -- (never both), the latter through the transit index alone (the subquery is a fence).
      if p_units is null then
        sel := 'select m.id, m.sort_key::text as sort_key, %W% as w from memberships m where ' || c || '%N%';
      else
        sel := 'select m.id, m.sort_key, m.w from (select m.id, m.sort_key::text as sort_key, %W% as w from memberships m where '
          || c || '%N% and m.unit_id = any($5)'
          || ' union all select m.id, m.sort_key::text, %W% from (select * from memberships t'
          || ' where t.association_id = $1 and t.transit_to_unit_id = any($5) and not (t.unit_id = any($5))'
          || ' offset 0) m where ' || c || '%N%) m';
      end if;
      -- With whole-word matches the sort-order index would be walked hoping for early hits that
      -- come late (a given name sorts mid-list): sort the (few) matches instead.
      q_words := replace(replace(sel, '%N%', words_c), '%W%', 'true') || ' order by (m.sort_key || '''') collate "C", m.id limit $15';
      q_name := replace(replace(sel, '%N%', case when p_name is not null then name_c else '' end), '%W%', 'false')
        || ' order by m.sort_key collate "C", m.id limit $15';

      if both_ and small then
        -- One read of the subtree's entries: every candidate by words or fragment, then the
        -- whole-word matches if there are any, else the fragment's.
        q := 'with cand as materialized ('
          || replace(replace(sel, '%N%', ' and (m.name_words @> $16 or m.name_fold like $2) is true'),
                     '%W%', 'coalesce(m.name_words @> $16, false)')
          || ') select m.id, m.sort_key, m.w from cand m where m.w = coalesce((select bool_or(x.w) from cand x), false)'
          || ' order by m.sort_key collate "C", m.id limit $15';
      elsif both_ then
        return query execute q_words using hoi_tenant(), p_name, p_exact, p_phone, p_units, p_statuses, p_categories,
          p_gender, p_birth_from, p_birth_to, p_join_year, p_paid_before, p_after_key, p_after_id, p_limit, p_words;
        if found then return; end if;
        q := q_name;
      elsif p_words is not null then
        q := q_words;
      else
        q := q_name;
      end if;
      return query execute q using hoi_tenant(), p_name, p_exact, p_phone, p_units, p_statuses, p_categories,
        p_gender, p_birth_from, p_birth_to, p_join_year, p_paid_before, p_after_key, p_after_id, p_limit, p_words;
    end
    $fn$`.execute(db);
  await sql`grant execute on function hoi_member_page(text, text, text, uuid[], text[], text[], text, int, int, int, boolean, int, text, uuid, int, text[], boolean) to hoi_app`.execute(db);
}
