import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * Long-running work as jobs (bulk member import; later other long tasks): progress, a resume
 * checkpoint committed with each batch, and the per-row outcome of imports that need a look
 * (errors, duplicates, updates, warnings) for the preview and the error report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      association_id uuid not null,
      id uuid not null,
      kind text not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      unit_id uuid,
      params jsonb not null default '{}',
      -- What a restart needs to carry on: committed with every batch, in the batch's transaction.
      checkpoint jsonb not null default '{}',
      rows_done bigint not null default 0,
      rows_total bigint,
      result jsonb,
      error jsonb,
      created_by uuid,
      created_by_name text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      heartbeat_at timestamptz,
      finished_at timestamptz,
      primary key (association_id, id)
    )`.execute(db);
  await sql`create index jobs_open on jobs (status, created_at) where status in ('queued', 'running')`.execute(
    db,
  );
  await sql`create index jobs_recent on jobs (association_id, created_at desc)`.execute(db);

  await sql`
    create table import_rows (
      association_id uuid not null,
      job_id uuid not null,
      row_number int not null,
      outcome text not null check (outcome in ('new', 'update', 'duplicate', 'error')),
      issues jsonb not null default '[]',
      -- The row as read (for the error report); kept only for rows that did not go in.
      cells jsonb,
      membership_id uuid,
      primary key (association_id, job_id, row_number),
      foreign key (association_id, job_id) references jobs(association_id, id) on delete cascade
    )`.execute(db);

  // Column mappings an officer corrected and saved, applied to later files with the same headings.
  await sql`
    create table import_templates (
      association_id uuid not null,
      id uuid not null,
      name text not null,
      columns jsonb not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (association_id, id)
    )`.execute(db);

  // Dedupe of rows without a personal ID: same folded name and birth year in the association.
  await sql`create index memberships_name_birth on memberships (association_id, name_fold, birth_year)`.execute(
    db,
  );

  await enableTenantRls(db, 'jobs', 'select, insert, update');
  await enableTenantRls(db, 'import_rows', 'select, insert, update, delete');
  await enableTenantRls(db, 'import_templates', 'select, insert, update, delete');

  // Linking in bulk: which of these personal IDs some person on the platform already holds.
  await sql`
    create function hoi_people_by_id_numbers(p_id_numbers text[])
    returns table (id_number text, person_id uuid)
    language sql stable security definer set search_path = public
    as $$ select p.id_number, p.id from people p where p.id_number = any(p_id_numbers) $$`.execute(
    db,
  );
  await sql`grant execute on function hoi_people_by_id_numbers(text[]) to hoi_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The jobs migration cannot be reverted; restore a backup instead');
}
