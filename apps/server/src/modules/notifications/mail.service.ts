/**
 * Sends the queued e-mail copies of notices (email_outbox) over SMTP (`HOI_SMTP_URL`), oldest
 * first, outside any tenant transaction. A failed send is kept with its error and retried at the
 * next run, up to MAX_ATTEMPTS; the in-app notice is there either way. Logs carry counts only,
 * never addresses or contents (decision 67).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Deps } from '../../platform/deps.js';
import type { PeriodicTask } from '../../platform/periodic.js';

export const MAX_ATTEMPTS = 5;
const BATCH = 50;

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Sends up to `limit` pending e-mails; returns how many were sent. */
export async function sendPendingEmails(deps: Deps, limit = BATCH): Promise<number> {
  const url = deps.config.smtpUrl;
  if (!url) return 0;
  const pending = await deps.db.system
    .selectFrom('emailOutbox')
    .select(['associationId', 'id', 'toAddress', 'subject', 'body', 'attempts'])
    .where('sentAt', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .orderBy('createdAt')
    .limit(limit)
    .execute();
  let sent = 0;
  for (const m of pending) {
    const key = (q: ReturnType<typeof deps.db.system.updateTable<'emailOutbox'>>) =>
      q.where('associationId', '=', m.associationId).where('id', '=', m.id);
    try {
      await transportFor(url).sendMail({
        from: deps.config.mailFrom,
        to: m.toAddress,
        subject: m.subject,
        text: m.body,
      });
      await key(deps.db.system.updateTable('emailOutbox'))
        .set({ sentAt: deps.clock.now(), attempts: m.attempts + 1, lastError: null })
        .execute();
      sent++;
    } catch (err) {
      // The SMTP reply only (e.g. "550 Mailbox unavailable"), cut short: no address, no content.
      const reason = String((err as { response?: string }).response ?? (err as Error).message);
      await key(deps.db.system.updateTable('emailOutbox'))
        .set({ attempts: m.attempts + 1, lastError: reason.slice(0, 300) })
        .execute();
    }
  }
  return sent;
}

/** The server's mail task: every minute when SMTP is configured (see platform/periodic.ts). */
export function emailSenderTask(deps: Deps): PeriodicTask {
  return {
    name: 'e-mails sent',
    everyMs: 60 * 1000,
    run: () => sendPendingEmails(deps),
  };
}
