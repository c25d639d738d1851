import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * Foundation schema: extensions, the application role, tenants, the organization tree with
 * effective dates, accounts, role assignments, sessions, API tokens and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists ltree`.execute(db);
  // unaccent() is only STABLE; an IMMUTABLE wrapper with an explicit dictionary can be indexed.
  await sql`
    create or replace function hoi_fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`.execute(db);
  await sql`
    create or replace function hoi_tenant() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('hoi.association_id', true), '')::uuid $$`.execute(db);
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'hoi_app') then
        create role hoi_app nologin;
      end if;
    end $$`.execute(db);
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles r where r.rolname = current_user and r.rolsuper) then
        execute format('grant hoi_app to %I', current_user);
      end if;
    end $$`.execute(db);
  await sql`grant usage on schema public to hoi_app`.execute(db);

  await sql`
    create table associations (
      id uuid primary key,
      kind text not null check (kind in ('association', 'oversight')),
      code text not null unique,
      name text not null,
      short_name text,
      tags text[] not null default '{}',
      level_names text[] not null,
      settings jsonb not null default '{}',
      oversight_id uuid references associations(id),
      tree_version bigint not null default 0,
      created_at timestamptz not null default now(),
      version int not null default 1
    )`.execute(db);
  await sql`alter table associations enable row level security`.execute(db);
  await sql`create policy own_or_overseen on associations for select
    using (id = (select hoi_tenant()) or oversight_id = (select hoi_tenant()))`.execute(db);
  await sql`create policy own_update on associations for update
    using (id = (select hoi_tenant())) with check (id = (select hoi_tenant()))`.execute(db);
  await sql`grant select, update on associations to hoi_app`.execute(db);

  await sql`
    create table admin_units (
      code text primary key,
      level text not null check (level in ('province', 'commune')),
      name text not null,
      division_type text not null,
      codename text,
      province_code text references admin_units(code)
    )`.execute(db);
  await sql`create index admin_units_name_trgm on admin_units using gin (hoi_fold(name) gin_trgm_ops)`.execute(db);
  await sql`create index admin_units_province on admin_units (province_code)`.execute(db);
  await sql`grant select on admin_units to hoi_app`.execute(db);

  await sql`
    create table units (
      association_id uuid not null references associations(id),
      id uuid not null,
      node bigint generated always as identity,
      code text not null,
      name text not null,
      level smallint not null,
      parent_id uuid,
      admin_unit_code text,
      status text not null default 'active' check (status in ('active', 'dissolved', 'merged', 'split')),
      valid_from date not null,
      valid_to date,
      version int not null default 1,
      created_at timestamptz not null default now(),
      primary key (association_id, id),
      unique (association_id, code),
      foreign key (association_id, parent_id) references units(association_id, id)
    )`.execute(db);
  // The materialized current path lives in its own narrow table: a merge rewrites thousands of
  // paths, and narrow rows with two indexes cost half as much to rewrite as wide unit rows.
  await sql`
    create table unit_paths (
      association_id uuid not null,
      unit_id uuid not null,
      path ltree not null,
      primary key (association_id, unit_id),
      foreign key (association_id, unit_id) references units(association_id, id)
    )`.execute(db);
  await sql`create index unit_paths_path on unit_paths using gist (path)`.execute(db);
  await sql`create index units_parent on units (association_id, parent_id)`.execute(db);
  await sql`create index units_search_trgm on units using gin (hoi_fold(code || ' ' || name) gin_trgm_ops)`.execute(db);
  await sql`create index units_admin_code on units (association_id, admin_unit_code)`.execute(db);

  // Which association owns a unit id: lets a tenant transaction tell "not found" from "belongs
  // to another association" without reading that association's rows.
  await sql`
    create function hoi_unit_tenant(uuid) returns uuid
    language sql stable security definer set search_path = public
    as $$ select association_id from units where id = $1 $$`.execute(db);
  await sql`grant execute on function hoi_unit_tenant(uuid) to hoi_app`.execute(db);
  // Row-level security only lets leakproof operators reach an index before its policy, and
  // neither LIKE nor ltree's <@ is leakproof: under RLS, name search and subtree filters would
  // scan every row. These two functions run as the owner but filter on the caller's own
  // hoi.association_id, so they return exactly what RLS would and can use the indexes.
  await sql`
    create function hoi_subtree_units(paths text[]) returns setof uuid
    language sql stable security definer set search_path = public
    as $$
      select up.unit_id
        from unnest(paths::ltree[]) as p(path)
        join unit_paths up on up.path <@ p.path
       where up.association_id = (select hoi_tenant())
    $$`.execute(db);
  await sql`
    create function hoi_unit_search(pattern text) returns setof uuid
    language sql stable security definer set search_path = public rows 50
    as $$
      select id from units
       where association_id = (select hoi_tenant()) and hoi_fold(code || ' ' || name) like hoi_fold(pattern)
    $$`.execute(db);
  await sql`grant execute on function hoi_subtree_units(text[]) to hoi_app`.execute(db);
  await sql`grant execute on function hoi_unit_search(text) to hoi_app`.execute(db);
  await sql`
    create table unit_names (
      association_id uuid not null,
      id bigint generated always as identity,
      unit_id uuid not null,
      name text not null,
      valid_from date not null,
      valid_to date,
      primary key (association_id, id),
      foreign key (association_id, unit_id) references units(association_id, id)
    )`.execute(db);
  await sql`create index unit_names_unit on unit_names (association_id, unit_id, valid_from)`.execute(db);
  await sql`
    create table unit_parents (
      association_id uuid not null,
      id bigint generated always as identity,
      unit_id uuid not null,
      parent_id uuid,
      valid_from date not null,
      valid_to date,
      primary key (association_id, id),
      foreign key (association_id, unit_id) references units(association_id, id),
      foreign key (association_id, parent_id) references units(association_id, id)
    )`.execute(db);
  await sql`create index unit_parents_unit on unit_parents (association_id, unit_id, valid_from)`.execute(db);
  await sql`create index unit_parents_parent on unit_parents (association_id, parent_id, valid_from)`.execute(db);
  await sql`
    create table unit_events (
      association_id uuid not null,
      id uuid not null,
      kind text not null,
      effective_date date not null,
      actor_user_id uuid,
      actor_name text,
      details jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (association_id, id)
    )`.execute(db);
  await sql`
    create table unit_event_units (
      association_id uuid not null,
      event_id uuid not null,
      unit_id uuid not null,
      role text not null check (role in ('subject', 'predecessor', 'successor')),
      primary key (association_id, event_id, unit_id, role),
      foreign key (association_id, event_id) references unit_events(association_id, id),
      foreign key (association_id, unit_id) references units(association_id, id)
    )`.execute(db);
  await sql`create index unit_event_units_unit on unit_event_units (association_id, unit_id)`.execute(db);
  await sql`
    create table unit_successors (
      association_id uuid not null,
      event_id uuid not null,
      predecessor_id uuid not null,
      successor_id uuid not null,
      effective_date date not null,
      primary key (association_id, event_id, predecessor_id, successor_id),
      foreign key (association_id, predecessor_id) references units(association_id, id),
      foreign key (association_id, successor_id) references units(association_id, id)
    )`.execute(db);

  await sql`
    create table users (
      association_id uuid not null references associations(id),
      id uuid not null,
      username text not null,
      display_name text not null,
      email text,
      phone text,
      password_hash text not null,
      status text not null default 'active' check (status in ('active', 'disabled')),
      failed_attempts int not null default 0,
      locked_until timestamptz,
      totp_secret text,
      totp_enabled boolean not null default false,
      created_at timestamptz not null default now(),
      version int not null default 1,
      primary key (association_id, id)
    )`.execute(db);
  await sql`create unique index users_username on users (lower(username))`.execute(db);
  await sql`create index users_name_trgm on users using gin (hoi_fold(display_name) gin_trgm_ops)`.execute(db);

  await sql`
    create table role_assignments (
      association_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      role text not null,
      unit_id uuid not null,
      valid_from date not null,
      valid_to date,
      created_at timestamptz not null default now(),
      primary key (association_id, id),
      foreign key (association_id, user_id) references users(association_id, id),
      foreign key (association_id, unit_id) references units(association_id, id)
    )`.execute(db);
  await sql`create index role_assignments_user on role_assignments (association_id, user_id)`.execute(db);
  await sql`create index role_assignments_unit on role_assignments (association_id, unit_id)`.execute(db);

  await sql`
    create table sessions (
      association_id uuid not null,
      id uuid not null,
      token_hash text not null unique,
      user_id uuid not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (association_id, id),
      foreign key (association_id, user_id) references users(association_id, id)
    )`.execute(db);
  await sql`
    create table api_tokens (
      association_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz,
      primary key (association_id, id),
      foreign key (association_id, user_id) references users(association_id, id)
    )`.execute(db);

  await sql`
    create table audit_log (
      association_id uuid not null,
      seq bigint not null,
      id uuid not null,
      at timestamptz not null,
      actor_user_id uuid,
      actor_name text,
      action text not null,
      entity_type text not null,
      entity_id text,
      unit_id uuid,
      before jsonb,
      after jsonb,
      prev_hash text not null,
      hash text not null,
      primary key (association_id, seq)
    )`.execute(db);
  await sql`
    create table audit_heads (
      association_id uuid primary key,
      seq bigint not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_log_entity on audit_log (association_id, entity_id)`.execute(db);
  await sql`
    create or replace function hoi_audit_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function hoi_audit_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function hoi_audit_append_only()`.execute(db);

  for (const table of [
    'units',
    'unit_paths',
    'unit_names',
    'unit_parents',
    'unit_events',
    'unit_event_units',
    'unit_successors',
    'users',
    'role_assignments',
    'sessions',
    'api_tokens',
  ]) {
    await enableTenantRls(db, table, 'select, insert, update, delete');
  }
  await enableTenantRls(db, 'audit_log', 'select, insert');
  await enableTenantRls(db, 'audit_heads', 'select, insert, update');
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted; restore a backup instead');
}
