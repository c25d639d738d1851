import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * Periodic reports (báo cáo định kỳ): the association's manual indicators, report templates,
 * one report per template × period × unit with its values, its workflow events, and the
 * reminders already sent. Values live in one jsonb object per report (slot key → number) so a
 * roll-up over every unit and period is one aggregate per slot over the report rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_indicators (
      association_id uuid not null,
      code text not null,
      body jsonb not null,
      created_at timestamptz not null default now(),
      primary key (association_id, code)
    )`.execute(db);

  await sql`
    create table report_templates (
      association_id uuid not null,
      id uuid not null,
      code text not null,
      body jsonb not null,
      active boolean not null default true,
      version int not null default 1,
      created_at timestamptz not null default now(),
      primary key (association_id, id),
      unique (association_id, code)
    )`.execute(db);

  // parent_unit_id and unit_level are the tree as it was on the period's last day: a report of
  // a period before a merge stays where it was in that period.
  await sql`
    create table reports (
      association_id uuid not null,
      id uuid not null,
      template_id uuid not null,
      period text not null,
      period_from date not null,
      period_to date not null,
      unit_id uuid not null,
      parent_unit_id uuid,
      unit_level int not null,
      status text not null check (status in ('draft', 'submitted', 'returned', 'approved', 'accepted', 'locked')),
      data jsonb not null default '{}',
      texts jsonb not null default '{}',
      computed_at timestamptz,
      due_date date not null,
      first_submitted_at timestamptz,
      submitted_at timestamptz,
      approved_at timestamptz,
      approved_by uuid,
      accepted_at timestamptz,
      locked_at timestamptz,
      return_comment text,
      doc_number int,
      version int not null default 1,
      created_at timestamptz not null default now(),
      primary key (association_id, id),
      unique (association_id, template_id, period, unit_id),
      foreign key (association_id, template_id) references report_templates(association_id, id)
    )`.execute(db);
  await sql`create index reports_parent on reports (association_id, template_id, period, parent_unit_id)`.execute(
    db,
  );

  await sql`
    create table report_events (
      association_id uuid not null,
      id uuid not null,
      report_id uuid not null,
      action text not null,
      from_status text,
      to_status text not null,
      comment text,
      actor_user_id uuid,
      actor_name text,
      at timestamptz not null default now(),
      primary key (association_id, id)
    )`.execute(db);
  await sql`create index report_events_report on report_events (association_id, report_id, at)`.execute(
    db,
  );

  await sql`
    create table report_reminders (
      association_id uuid not null,
      template_id uuid not null,
      period text not null,
      unit_id uuid not null,
      kind text not null,
      sent_at timestamptz not null default now(),
      primary key (association_id, template_id, period, unit_id, kind)
    )`.execute(db);

  await enableTenantRls(db, 'report_indicators', 'select, insert, update');
  await enableTenantRls(db, 'report_templates', 'select, insert, update');
  await enableTenantRls(db, 'reports', 'select, insert, update');
  await enableTenantRls(db, 'report_events', 'select, insert');
  await enableTenantRls(db, 'report_reminders', 'select, insert');
}
