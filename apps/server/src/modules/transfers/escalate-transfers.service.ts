import { inTenant } from '../../db/engine.js';
import { cliActor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import type { PeriodicTask } from '../../platform/periodic.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordEvent } from '../members/members.service.js';
import * as repo from './transfers.repo.js';

/** How often the server looks for transfers that have just become overdue. */
export const ESCALATION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Escalates every pending transfer whose answer date has passed (`today` > due_on) in every
 * association: sets escalated_at and adds one 'transfer_escalated' event to the member's
 * timeline, once per transfer. The common parent may answer an overdue transfer whether or not
 * this has run; escalation records that it went up and puts it in the timeline.
 *
 * @example
 *   const n = await escalateOverdue(deps, '2025-07-01'); // number of transfers escalated
 */
export async function escalateOverdue(deps: Deps, today: string): Promise<number> {
  // Which tenants have work is a cross-tenant question; the work itself runs under each tenant.
  const associations = await repo.associationsWithOverdue(deps.db.system, today);
  let count = 0;
  for (const associationId of associations) {
    const actor = {
      ...cliActor(associationId),
      displayName: 'Hệ thống (chuyển cấp trên) / system escalation',
    };
    count += await inTenant(deps.db.app, associationId, async (tx) => {
      const escalated = await repo.markEscalated(tx, today, deps.clock.now());
      for (const t of escalated) {
        await recordEvent(tx, actor, {
          membershipId: t.membershipId,
          kind: 'transfer_escalated',
          effectiveDate: today,
          unitId: t.commonParentId,
          details: {
            transferId: t.id,
            fromUnitId: t.fromUnitId,
            toUnitId: t.toUnitId,
            commonParentId: t.commonParentId,
            dueOn: t.dueOn,
          },
        });
        await recordAudit(tx, deps, actor, {
          action: 'transfer.escalate',
          entityType: 'transfer',
          entityId: t.id,
          unitId: t.commonParentId,
          after: { commonParentId: t.commonParentId, dueOn: t.dueOn },
        });
      }
      return escalated.length;
    });
  }
  return count;
}

/** The server's hourly escalation of overdue transfers (see platform/periodic.ts). */
export function transferEscalationTask(deps: Deps): PeriodicTask {
  return {
    name: 'overdue transfers escalated',
    everyMs: ESCALATION_INTERVAL_MS,
    run: () => escalateOverdue(deps, todayIn(deps.clock)),
  };
}
