import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * The member registry: people (shared across associations), memberships (one association's
 * record of a person, with denormalized search columns), membership periods (the effective-dated
 * history that counts are computed from), the member timeline, protected personal data kept
 * apart, consents, transfers, dues, cards, invitations, correction and data-subject requests.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // People are shared: an association sees a person only through one of its own memberships.
  await sql`
    create table people (
      id uuid primary key,
      full_name text not null,
      birth_date text,
      birth_year smallint,
      gender text check (gender in ('male', 'female')),
      id_number text,
      legacy_id_number text,
      phone text,
      email text,
      province_code text,
      commune_code text,
      address_detail text,
      address_legacy text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index people_id_number on people (id_number) where id_number is not null`.execute(db);

  await sql`
    create table memberships (
      association_id uuid not null,
      id uuid not null,
      person_id uuid not null references people(id),
      member_number text not null,
      unit_id uuid not null,
      category text not null check (category in ('official', 'associate', 'honorary')),
      status text not null check (status in ('applicant', 'active', 'suspended', 'resigned', 'aged_out', 'removed', 'deceased', 'rejected')),
      applied_on date,
      joined_on date,
      ended_on date,
      admission_number text,
      admission_date date,
      admission_signer text,
      admission_unit_id uuid,
      notes text,
      warnings text[] not null default '{}',
      -- Denormalized from people for search, sorting and lists (kept in step by hoi_sync_person).
      full_name text not null,
      name_fold text generated always as (hoi_fold(full_name)) stored,
      name_words text[] generated always as (string_to_array(hoi_fold(full_name), ' ')) stored,
      sort_key text collate "C" not null,
      gender text,
      birth_year smallint,
      birth_date text,
      phone text,
      id_number text,
      -- Transfers: while pending, the receiving unit sees the member too.
      transit_to_unit_id uuid,
      dues_paid_through smallint,
      user_id uuid,
      card_token text not null,
      last_event_date date not null,
      created_at timestamptz not null default now(),
      version int not null default 1,
      primary key (association_id, id),
      foreign key (association_id, unit_id) references units(association_id, id)
    )`.execute(db);
  await sql`create unique index memberships_number on memberships (association_id, member_number)`.execute(db);
  // One current membership per person and association: the race-free guard for admissions.
  await sql`create unique index memberships_current_person on memberships (association_id, person_id)
    where status in ('applicant', 'active', 'suspended')`.execute(db);
  await sql`create unique index memberships_card_token on memberships (card_token)`.execute(db);
  await sql`create index memberships_person on memberships (person_id)`.execute(db);
  await sql`create index memberships_sort on memberships (association_id, sort_key, id)`.execute(db);
  await sql`create index memberships_unit_sort on memberships (association_id, unit_id, sort_key, id)`.execute(db);
  await sql`create index memberships_transit on memberships (association_id, transit_to_unit_id) where transit_to_unit_id is not null`.execute(db);
  await sql`create index memberships_phone on memberships (association_id, phone) where phone is not null`.execute(db);
  await sql`create index memberships_id_number on memberships (association_id, id_number) where id_number is not null`.execute(db);
  await sql`create index memberships_user on memberships (association_id, user_id) where user_id is not null`.execute(db);
  await sql`create index memberships_name_trgm on memberships using gin (name_fold gin_trgm_ops)`.execute(db);
  // Whole-word search: far fewer, shorter posting lists than trigrams of common family names.
  await sql`create index memberships_name_words on memberships using gin (name_words)`.execute(db);

  // Effective-dated history: [valid_from, valid_to) per membership; counts as of D read only this.
  await sql`
    create table membership_periods (
      association_id uuid not null,
      id bigint generated always as identity,
      membership_id uuid not null,
      person_id uuid not null,
      unit_id uuid not null,
      status text not null,
      category text not null,
      gender text,
      valid_from date not null,
      valid_to date,
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index membership_periods_member on membership_periods (association_id, membership_id, valid_from)`.execute(db);

  await sql`
    create table member_events (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      kind text not null,
      effective_date date not null,
      at timestamptz not null default now(),
      actor_user_id uuid,
      actor_name text,
      unit_id uuid,
      decision_number text,
      decision_date date,
      decision_signer text,
      reason text,
      details jsonb,
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index member_events_member on member_events (association_id, membership_id, at)`.execute(db);

  // Protected personal data (Decree 356/2025 Art. 4), apart from the profile.
  await sql`
    create table member_sensitive (
      association_id uuid not null,
      membership_id uuid not null,
      ethnicity_code text,
      religion_code text,
      party_member boolean,
      party_joined_on date,
      health_notes text,
      updated_at timestamptz not null default now(),
      updated_by text,
      primary key (association_id, membership_id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);

  await sql`
    create table member_photos (
      association_id uuid not null,
      membership_id uuid not null,
      mime text not null,
      bytes bytea not null,
      updated_at timestamptz not null default now(),
      primary key (association_id, membership_id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);

  // Consent per purpose, append-only: the latest row per purpose is in force.
  await sql`
    create table member_consents (
      association_id uuid not null,
      id bigint generated always as identity,
      membership_id uuid not null,
      purpose text not null,
      granted boolean not null,
      source text not null check (source in ('member', 'officer')),
      evidence text,
      recorded_by text,
      recorded_at timestamptz not null default now(),
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index member_consents_member on member_consents (association_id, membership_id, purpose, id)`.execute(db);

  await sql`
    create table member_counters (
      association_id uuid primary key,
      next_number bigint not null
    )`.execute(db);

  await sql`
    create table transfers (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      from_unit_id uuid not null,
      to_unit_id uuid not null,
      common_parent_id uuid not null,
      status text not null check (status in ('pending', 'accepted', 'refused', 'cancelled')),
      released_on date not null,
      due_on date not null,
      reason text,
      requested_by text,
      answered_on date,
      answered_by text,
      refusal_reason text,
      escalated_at timestamptz,
      created_at timestamptz not null default now(),
      version int not null default 1,
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id),
      foreign key (association_id, from_unit_id) references units(association_id, id),
      foreign key (association_id, to_unit_id) references units(association_id, id)
    )`.execute(db);
  // At most one pending transfer per member: a concurrent second release fails on this index.
  await sql`create unique index transfers_one_pending on transfers (association_id, membership_id) where status = 'pending'`.execute(db);
  await sql`create index transfers_from on transfers (association_id, from_unit_id, created_at)`.execute(db);
  await sql`create index transfers_to on transfers (association_id, to_unit_id, created_at)`.execute(db);
  await sql`create index transfers_pending_due on transfers (association_id, due_on) where status = 'pending'`.execute(db);

  await sql`
    create table dues_rates (
      association_id uuid not null,
      id uuid not null,
      unit_id uuid not null,
      year smallint not null,
      category text,
      amount bigint not null check (amount >= 0),
      created_at timestamptz not null default now(),
      created_by text,
      primary key (association_id, id),
      foreign key (association_id, unit_id) references units(association_id, id)
    )`.execute(db);
  await sql`create unique index dues_rates_key on dues_rates (association_id, unit_id, year, coalesce(category, ''))`.execute(db);

  await sql`
    create table dues_exemptions (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      reason text not null check (reason in ('elderly', 'poor_household', 'honorary', 'other')),
      from_year smallint not null,
      to_year smallint,
      note text,
      ended_at timestamptz,
      created_at timestamptz not null default now(),
      created_by text,
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index dues_exemptions_member on dues_exemptions (association_id, membership_id)`.execute(db);

  await sql`
    create table dues_payments (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      year smallint not null,
      amount bigint not null check (amount > 0),
      paid_on date not null,
      receipt_number text,
      batch_id uuid,
      collected_by_unit_id uuid not null,
      recorded_by text,
      created_at timestamptz not null default now(),
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index dues_payments_member on dues_payments (association_id, membership_id, year)`.execute(db);

  await sql`
    create table saved_filters (
      association_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      name text not null,
      filter jsonb not null,
      created_at timestamptz not null default now(),
      primary key (association_id, id)
    )`.execute(db);
  await sql`create index saved_filters_user on saved_filters (association_id, user_id)`.execute(db);

  await sql`
    create table member_invitations (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      user_id uuid not null,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);

  await sql`
    create table change_requests (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      fields jsonb not null,
      current jsonb not null,
      note text,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by text,
      decision_note text,
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index change_requests_member on change_requests (association_id, membership_id)`.execute(db);

  await sql`
    create table data_requests (
      association_id uuid not null,
      id uuid not null,
      membership_id uuid not null,
      kind text not null,
      details text not null,
      received_at timestamptz not null default now(),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done', 'refused')),
      resolved_at timestamptz,
      resolved_by text,
      response text,
      primary key (association_id, id),
      foreign key (association_id, membership_id) references memberships(association_id, id)
    )`.execute(db);
  await sql`create index data_requests_member on data_requests (association_id, membership_id)`.execute(db);

  for (const table of [
    'memberships',
    'membership_periods',
    'member_events',
    'member_sensitive',
    'member_photos',
    'member_counters',
    'transfers',
    'dues_rates',
    'dues_exemptions',
    'dues_payments',
    'saved_filters',
    'member_invitations',
    'change_requests',
    'data_requests',
  ]) {
    await enableTenantRls(db, table, 'select, insert, update');
  }
  await enableTenantRls(db, 'member_consents', 'select, insert');
  await sql`grant delete on saved_filters to hoi_app`.execute(db);

  await sql`alter table people enable row level security`.execute(db);
  await sql`create policy via_membership on people for select
    using (exists (select 1 from memberships m where m.person_id = people.id))`.execute(db);
  await sql`create policy via_membership_update on people for update
    using (exists (select 1 from memberships m where m.person_id = people.id))`.execute(db);
  await sql`create policy insert_new on people for insert with check (true)`.execute(db);
  await sql`grant select, insert, update on people to hoi_app`.execute(db);

  // Linking: find a person by personal ID across associations, returning only the id.
  await sql`
    create function hoi_person_by_id_number(p_id_number text) returns uuid
    language sql stable security definer set search_path = public set plan_cache_mode = force_custom_plan
    as $$ select id from people where id_number = p_id_number $$`.execute(db);
  // Keeps every association's denormalized copy of a person's basic data in step.
  await sql`
    create function hoi_sync_person(p_person uuid, p_sort_key text) returns void
    language sql volatile security definer set search_path = public set plan_cache_mode = force_custom_plan
    as $$
      update memberships m
         set full_name = p.full_name, sort_key = p_sort_key, gender = p.gender, birth_year = p.birth_year,
             birth_date = p.birth_date, phone = p.phone, id_number = p.id_number
        from people p
       where p.id = p_person and m.person_id = p_person;
      update membership_periods mp set gender = p.gender
        from people p
       where p.id = p_person and mp.person_id = p_person and mp.gender is distinct from p.gender
    $$`.execute(db);
  // The member list: filters, Vietnamese order and keyset paging, with index use that RLS would
  // otherwise forbid (LIKE is not leakproof). Scoped to the current tenant explicitly.
  await sql`
    create function hoi_member_page(
      p_name text, p_exact text, p_phone text, p_units uuid[], p_statuses text[], p_categories text[],
      p_gender text, p_birth_from int, p_birth_to int, p_join_year int, p_in_transit boolean,
      p_paid_before int, p_after_key text, p_after_id uuid, p_limit int, p_words text[] default null
    ) returns table (id uuid, sort_key text)
    language plpgsql stable security definer set search_path = public
    as $fn$
    declare
      q text := 'select m.id, m.sort_key::text from memberships m where m.association_id = $1';
    begin
      if hoi_tenant() is null then return; end if;
      if p_words is not null then q := q || ' and m.name_words @> $16';
      elsif p_name is not null then q := q || ' and m.name_fold like $2'; end if;
      if p_exact is not null or p_phone is not null then
        q := q || ' and (m.member_number = $3 or m.id_number = $3 or m.phone = $4)';
      end if;
      if p_units is not null then
        q := q || ' and (m.unit_id = any($5) or m.transit_to_unit_id = any($5))';
      end if;
      if p_statuses is not null then q := q || ' and m.status = any($6)'; end if;
      if p_categories is not null then q := q || ' and m.category = any($7)'; end if;
      if p_gender is not null then q := q || ' and m.gender = $8'; end if;
      if p_birth_from is not null then q := q || ' and m.birth_year >= $9'; end if;
      if p_birth_to is not null then q := q || ' and m.birth_year <= $10'; end if;
      if p_join_year is not null then
        q := q || ' and m.joined_on >= make_date($11, 1, 1) and m.joined_on < make_date($11 + 1, 1, 1)';
      end if;
      if p_in_transit is not null then
        q := q || case when p_in_transit then ' and m.transit_to_unit_id is not null' else ' and m.transit_to_unit_id is null' end;
      end if;
      if p_paid_before is not null then
        q := q || ' and m.status in (''active'', ''suspended'') and m.category <> ''honorary'' and coalesce(m.dues_paid_through, extract(year from m.joined_on)::int - 1) < $12';
      end if;
      if p_after_key is not null then q := q || ' and (m.sort_key, m.id) > ($13 collate "C", $14)'; end if;
      -- With whole-word matches the sort-order index would be walked hoping for early hits that
      -- come late (a given name sorts mid-list): sort the (few) matches instead.
      if p_words is not null then
        q := q || ' order by (m.sort_key || '''') collate "C", m.id limit $15';
      else
        q := q || ' order by m.sort_key, m.id limit $15';
      end if;
      return query execute q using hoi_tenant(), p_name, p_exact, p_phone, p_units, p_statuses, p_categories,
        p_gender, p_birth_from, p_birth_to, p_join_year, p_paid_before, p_after_key, p_after_id, p_limit, p_words;
    end
    $fn$`.execute(db);
  await sql`grant execute on function hoi_person_by_id_number(text) to hoi_app`.execute(db);
  await sql`grant execute on function hoi_sync_person(uuid, text) to hoi_app`.execute(db);
  await sql`grant execute on function hoi_member_page(text, text, text, uuid[], text[], text[], text, int, int, int, boolean, int, text, uuid, int, text[]) to hoi_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The member registry migration cannot be reverted; restore a backup instead');
}
