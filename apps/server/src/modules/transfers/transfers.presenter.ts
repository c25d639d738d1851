import type { Transfer } from '@hoi/contracts';
import { isOverdue } from './transfers.policy.js';
import type { TransferRow } from './transfers.repo.js';

/** A transfer as the API shows it; `today` decides whether it is overdue. */
export function presentTransfer(t: TransferRow, today: string): Transfer {
  const overdue = isOverdue(t, today);
  return {
    id: t.id,
    memberId: t.membershipId,
    memberNumber: t.memberNumber,
    fullName: t.fullName,
    fromUnit: { id: t.fromUnitId, code: t.fromCode, name: t.fromName },
    toUnit: { id: t.toUnitId, code: t.toCode, name: t.toName },
    status: t.status,
    releasedOn: t.releasedOn,
    reason: t.reason,
    requestedBy: t.requestedBy,
    answeredOn: t.answeredOn,
    answeredBy: t.answeredBy,
    refusalReason: t.refusalReason,
    dueOn: t.dueOn,
    overdue,
    // Shown once the transfer has gone up (overdue now, or escalated while it was pending).
    escalatedTo:
      overdue || t.escalatedAt !== null
        ? { id: t.commonParentId, code: t.commonCode, name: t.commonName }
        : null,
    version: t.version,
  };
}
