/**
 * Reminders before and after report deadlines (in-app notices, and e-mail copies when SMTP is
 * configured: notifications/mail.service.ts): for every active template and every period whose deadline is near, each expected unit
 * that has not submitted gets one notice two working days before its due date ("before") and one
 * the day after ("after", also to the parent's officers). Each is sent once (report_reminders).
 */
import type { Period, Template } from '@hoi/contracts';
import { sql } from 'kysely';
import { inTenant } from '../../db/engine.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import type { PeriodicTask } from '../../platform/periodic.js';
import { addWorkingDays } from '../../platform/working-days.js';
import { notify } from '../notifications/notifications.service.js';
import { dueDate, periodsOfYear } from './periods.js';
import * as repo from './reports.repo.js';
import { toTemplate } from './templates.service.js';

/** How many working days before its due date a unit is reminded. */
export const REMIND_BEFORE_WORKING_DAYS = 2;

function addDays(iso: string, n: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Periods whose deadlines (any level) can fall between 60 days ago and 30 days ahead. */
function periodsNear(template: Template, today: string): Period[] {
  const year = Number(today.slice(0, 4));
  return [year - 1, year]
    .flatMap((y) => periodsOfYear(y, template.periodTypes, template.cutoffDay))
    .filter((p) => p.to >= addDays(today, -60) && p.to <= addDays(today, 30));
}

export async function sendReportReminders(deps: Deps, today: string): Promise<number> {
  const associations = await deps.db.system
    .selectFrom('associations')
    .select('id')
    .where('kind', '=', 'association')
    .execute();
  let sent = 0;
  for (const { id: associationId } of associations) {
    sent += await inTenant(deps.db.app, associationId, async (tx) => {
      let n = 0;
      const templates = (
        await tx
          .selectFrom('reportTemplates')
          .select(['id', 'body', 'version', 'active'])
          .where('active', '=', true)
          .execute()
      ).map(toTemplate);
      for (const template of templates) {
        for (const period of periodsNear(template, today)) {
          const tree = (await repo.treeAsOf(tx, period.to)).filter((u) =>
            template.levels.includes(u.level),
          );
          const due = new Map(
            tree.map((u) => [u.id, dueDate(period, u.level, template.deadlines)]),
          );
          const candidates = tree.filter((u) => {
            const d = due.get(u.id)!;
            return (
              (today <= d && addWorkingDays(today, REMIND_BEFORE_WORKING_DAYS) >= d) || today > d
            );
          });
          if (candidates.length === 0) continue;
          const submitted = new Set(
            (
              await tx
                .selectFrom('reports')
                .select('unitId')
                .where('templateId', '=', template.id)
                .where('period', '=', period.key)
                .where('firstSubmittedAt', 'is not', null)
                .execute()
            ).map((r) => r.unitId),
          );
          const done = new Set(
            (
              await tx
                .selectFrom('reportReminders')
                .select(['unitId', 'kind'])
                .where('templateId', '=', template.id)
                .where('period', '=', period.key)
                .execute()
            ).map((r) => `${r.unitId}|${r.kind}`),
          );
          for (const u of candidates) {
            if (submitted.has(u.id)) continue;
            const d = due.get(u.id)!;
            const kind = today > d ? 'after' : 'before';
            if (done.has(`${u.id}|${kind}`)) continue;
            const targets = kind === 'after' && u.parentId ? [u.id, u.parentId] : [u.id];
            const users = await repo.officersAt(tx, targets, today);
            const [dd, mm, yyyy] = [d.slice(8, 10), d.slice(5, 7), d.slice(0, 4)];
            await notify(tx, deps, users, {
              kind: `report.reminder.${kind}`,
              title:
                kind === 'before'
                  ? `Sắp đến hạn nộp báo cáo ${period.label.vi} của ${u.name} (hạn ${dd}/${mm}/${yyyy})`
                  : `Quá hạn nộp báo cáo ${period.label.vi} của ${u.name} (hạn ${dd}/${mm}/${yyyy})`,
              titleEn:
                kind === 'before'
                  ? `The ${period.label.en} report of ${u.name} is due on ${dd}/${mm}/${yyyy}`
                  : `The ${period.label.en} report of ${u.name} is overdue (due ${dd}/${mm}/${yyyy})`,
              link: `/reports?templateId=${template.id}&period=${period.key}&unitId=${u.id}`,
            });
            await sql`insert into report_reminders (association_id, template_id, period, unit_id, kind)
                      values (${associationId}, ${template.id}, ${period.key}, ${u.id}, ${kind})
                      on conflict do nothing`.execute(tx);
            n++;
          }
        }
      }
      return n;
    });
  }
  return sent;
}

/** The server's hourly reminders (see platform/periodic.ts). */
export function reportReminderTask(deps: Deps): PeriodicTask {
  return {
    name: 'report reminders sent',
    everyMs: 60 * 60 * 1000,
    run: () => sendReportReminders(deps, todayIn(deps.clock)),
  };
}
