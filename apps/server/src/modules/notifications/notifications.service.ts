/**
 * In-app notifications: short notices to named users (emergency access to a sealed identity,
 * overdue cases escalated to a parent unit, report reminders). Written in the transaction of the
 * event they report; when SMTP is configured, an e-mail copy to each user with an address is
 * queued in the same transaction (mail.service.ts sends it).
 */
import { sql } from 'kysely';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

export interface Notice {
  kind: string;
  title: string;
  titleEn: string;
  body?: string | null;
  link?: string | null;
}

/** One notification per distinct user; never carries sealed values (callers pass none). */
export async function notify(tx: Tx, deps: Deps, userIds: string[], n: Notice) {
  const users = [...new Set(userIds)];
  if (users.length === 0) return;
  const associationId = await currentTenant(tx);
  await tx
    .insertInto('notifications')
    .values(
      users.map((userId) => ({
        associationId,
        id: newId(),
        userId,
        kind: n.kind,
        title: n.title,
        titleEn: n.titleEn,
        body: n.body ?? null,
        link: n.link ?? null,
        createdAt: deps.clock.now(),
      })),
    )
    .execute();
  if (deps.config.smtpUrl) await queueEmails(tx, deps, associationId, users, n);
}

/** The e-mail copy: the notice in Vietnamese, then English, and the link into the web app. */
async function queueEmails(
  tx: Tx,
  deps: Deps,
  associationId: string,
  userIds: string[],
  n: Notice,
) {
  const recipients = await tx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', userIds)
    .where('email', 'is not', null)
    .where('status', '=', 'active')
    .execute();
  if (recipients.length === 0) return;
  const link = n.link ? `${deps.config.publicUrl ?? `http://localhost:${deps.config.port}`}${n.link}` : null;
  const body = [
    n.title,
    ...(n.body ? ['', n.body] : []),
    '',
    n.titleEn,
    ...(link ? ['', `Xem / Open: ${link}`] : []),
    '',
    '— Hội (thư tự động, vui lòng không trả lời / automatic message, please do not reply)',
  ].join('\n');
  await tx
    .insertInto('emailOutbox')
    .values(
      recipients.map((r) => ({
        associationId,
        id: newId(),
        userId: r.id,
        toAddress: r.email!,
        subject: n.title,
        body,
        createdAt: deps.clock.now(),
      })),
    )
    .execute();
}

async function currentTenant(tx: Tx): Promise<string> {
  const { rows } = await sql<{ id: string }>`select hoi_tenant() as id`.execute(tx);
  return rows[0]!.id;
}

export async function listNotifications(deps: Deps, actor: Actor) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const rows = await tx
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'titleEn', 'body', 'link', 'createdAt', 'readAt'])
      .where('userId', '=', actor.userId)
      .orderBy('createdAt', 'desc')
      .limit(100)
      .execute();
    const unread = await tx
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('userId', '=', actor.userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      items: rows.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt ? r.readAt.toISOString() : null,
      })),
      unread: Number(unread.n),
    };
  });
}

export async function markRead(deps: Deps, actor: Actor, id: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const r = await tx
      .updateTable('notifications')
      .set({ readAt: deps.clock.now() })
      .where('id', '=', id)
      .where('userId', '=', actor.userId)
      .returning('id')
      .executeTakeFirst();
    found(r);
    return { ok: true as const };
  });
}
