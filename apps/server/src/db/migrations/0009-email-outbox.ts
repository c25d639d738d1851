import { sql, type Kysely } from 'kysely';
import { enableTenantRls } from '../rls.js';

/**
 * E-mail copies of in-app notices (decision 67). A notice's e-mail is queued in the transaction
 * that writes the notice (so a rolled-back change sends nothing) and sent afterwards by the
 * server's mail task over SMTP; a failed send is retried, and the notice stays in the app.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_outbox (
      association_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      to_address text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      attempts int not null default 0,
      last_error text,
      primary key (association_id, id)
    )`.execute(db);
  await sql`create index email_outbox_pending on email_outbox (created_at) where sent_at is null`.execute(
    db,
  );
  await enableTenantRls(db, 'email_outbox', 'select, insert');
}
