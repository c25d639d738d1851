import type { z } from 'zod';
import type {
  DuesLineSchema,
  DuesRateSchema,
  ExemptionSchema,
  PaymentSchema,
} from '@hoi/contracts';
import type { ExemptionRow, MemberLineRow, PaymentRow, RateRow, YearFact } from './dues.repo.js';
import { amountsOf } from './dues.rules.js';

type DuesRate = z.infer<typeof DuesRateSchema>;
type Exemption = z.infer<typeof ExemptionSchema>;
type Payment = z.infer<typeof PaymentSchema>;
type DuesLine = z.infer<typeof DuesLineSchema>;

/** A dues rate as the API shows it. */
export function presentRate(r: RateRow): DuesRate {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    year: r.year,
    category: r.category,
    amount: Number(r.amount),
    createdAt: r.createdAt.toISOString(),
  };
}

/** An exemption as the API shows it (endedAt once ended). */
export function presentExemption(e: ExemptionRow): Exemption {
  return {
    id: e.id,
    memberId: e.membershipId,
    reason: e.reason,
    fromYear: e.fromYear,
    toYear: e.toYear,
    note: e.note,
    endedAt: e.endedAt ? e.endedAt.toISOString() : null,
  };
}

/** A payment as the API shows it (batchId when recorded in a bulk batch). */
export function presentPayment(p: PaymentRow): Payment {
  return {
    id: p.id,
    memberId: p.membershipId,
    year: p.year,
    amount: Number(p.amount),
    paidOn: p.paidOn,
    receiptNumber: p.receiptNumber,
    batchId: p.batchId,
    collectedByUnitId: p.collectedByUnitId,
    recordedBy: p.recordedBy,
    createdAt: p.createdAt.toISOString(),
  };
}

/** One member's position for one year (collection sheets, the member's dues page). */
export function presentLine(m: MemberLineRow, f: YearFact): DuesLine {
  return {
    memberId: m.id,
    memberNumber: m.memberNumber,
    fullName: m.fullName,
    unitId: m.unitId,
    unitName: m.unitName,
    category: m.category,
    year: f.year,
    ...amountsOf(f),
    exempt: f.exempt,
  };
}
