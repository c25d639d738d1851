/**
 * E-mail copies of notices, through a real SMTP server (smtp-server, in this process): queued
 * with the notice, sent by the mail task, retried on a refusal, never queued without SMTP.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../platform/actor.js';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import { createTestTree, type TestTree } from '../../test/factories.js';
import { sendReportReminders } from '../reports/reminders.service.js';
import { listTemplates } from '../reports/templates.service.js';
import { MAX_ATTEMPTS, sendPendingEmails } from './mail.service.js';

const clock = testClock(new Date('2026-11-18T03:00:00Z'));
let ctx: TestContext;
let t: TestTree;
let server: SMTPServer;
let port = 0;
const received: { to: string[]; subject: string; text: string; from: string }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('bounce')) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: m.subject ?? '',
            text: m.text ?? '',
            from: m.from?.text ?? '',
          });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;

  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps, { founded: '2020-01-01' });
  await listTemplates(ctx.deps, cliActor(t.associationId)); // seeds the default template
  await ctx.deps.db.system
    .updateTable('users')
    .set({ email: 'can.bo.xa@example.vn' })
    .where('username', '=', t.users.officerA!)
    .execute();
  await ctx.deps.db.system
    .updateTable('users')
    .set({ email: 'bounce.tinh@example.vn' })
    .where('username', '=', t.users.provinceOfficer!)
    .execute();
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const outbox = () =>
  ctx.deps.db.system
    .selectFrom('emailOutbox')
    .selectAll()
    .where('associationId', '=', t.associationId)
    .execute();

describe('e-mail copies of notices', () => {
  it('are not queued when no SMTP server is configured', async () => {
    ctx.deps.config.smtpUrl = null;
    await sendReportReminders(ctx.deps, '2026-11-18');
    expect(await outbox()).toEqual([]);
    expect(await sendPendingEmails(ctx.deps)).toBe(0);
  });

  it('go out over SMTP with the notice in Vietnamese then English and the link', async () => {
    ctx.deps.config.smtpUrl = `smtp://127.0.0.1:${port}`;
    ctx.deps.config.publicUrl = 'https://hoi.example.vn';
    clock.set(new Date('2026-12-17T03:00:00Z')); // December's commune reports are due in 2 working days
    await sendReportReminders(ctx.deps, '2026-12-17');
    const queued = await outbox();
    expect(queued.map((m) => m.toAddress)).toContain('can.bo.xa@example.vn');
    expect(queued.every((m) => m.sentAt === null)).toBe(true);

    const sent = await sendPendingEmails(ctx.deps);
    expect(sent).toBeGreaterThan(0);
    const mine = received.filter((m) => m.to.includes('can.bo.xa@example.vn'));
    expect(mine.length).toBeGreaterThan(0);
    // November's report is already late (one mail), December's is due soon (another).
    const m = mine.find((x) => x.subject.startsWith('Sắp đến hạn'))!;
    expect(m.subject).toMatch(/^Sắp đến hạn nộp báo cáo Tháng 12\/2026 của Xã Đông Hưng/);
    expect(mine.some((x) => x.subject.startsWith('Quá hạn nộp báo cáo Tháng 11/2026'))).toBe(true);
    expect(m.text.indexOf('Sắp đến hạn')).toBeLessThan(m.text.indexOf('is due on'));
    expect(m.text).toContain('https://hoi.example.vn/reports?templateId=');
    expect(m.from).toContain('no-reply@hoi.local');
    const after = await outbox();
    expect(after.filter((x) => x.toAddress === 'can.bo.xa@example.vn').every((x) => x.sentAt)).toBe(
      true,
    );
    // Sent once: the next run has nothing for that address.
    const before = received.length;
    await sendPendingEmails(ctx.deps);
    expect(received.slice(before).some((x) => x.to.includes('can.bo.xa@example.vn'))).toBe(false);
  });

  it('a refused address is retried up to the limit, its SMTP reply kept; the notice stays in the app', async () => {
    ctx.deps.config.smtpUrl = `smtp://127.0.0.1:${port}`;
    clock.set(new Date('2026-12-23T03:00:00Z')); // past the commune's due date: the province hears too
    await sendReportReminders(ctx.deps, '2026-12-23');
    const bounced = () =>
      outbox().then((rows) => rows.filter((r) => r.toAddress === 'bounce.tinh@example.vn'));
    expect((await bounced()).length).toBeGreaterThan(0);
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) await sendPendingEmails(ctx.deps);
    for (const r of await bounced()) {
      expect(r.sentAt).toBeNull();
      expect(r.attempts).toBe(MAX_ATTEMPTS);
      expect(r.lastError).toMatch(/550/);
      expect(r.lastError).not.toContain('bounce.tinh');
    }
    const notices = await ctx.deps.db.system
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select('n.kind')
      .where('u.username', '=', t.users.provinceOfficer!)
      .execute();
    expect(notices.map((n) => n.kind)).toContain('report.reminder.after');
  });
});
