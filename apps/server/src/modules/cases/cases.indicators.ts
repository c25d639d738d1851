/** The case module's automatic indicators for the periodic reports (task area 6 of the directive). */
import { sql, type RawBuilder } from 'kysely';
import { registerIndicators, type AutomaticIndicator } from '../../platform/indicators.js';
import { countCases } from './cases-inbox.service.js';

type Field = 'received' | 'accepted' | 'resolved' | 'resolvedOnTime' | 'overdue';

/**
 * The condition of each count, as countCases writes it (with "today" = the period's last day):
 * `byUnit` groups the same rows by the case's unit.
 */
function condition(field: Field, from: string, to: string): RawBuilder<boolean> {
  switch (field) {
    case 'received':
      return sql`received_on between ${from} and ${to}`;
    case 'accepted':
      return sql`accepted_on between ${from} and ${to}`;
    case 'resolved':
      return sql`concluded_on between ${from} and ${to}`;
    case 'resolvedOnTime':
      return sql`concluded_on between ${from} and ${to}
        and (resolution_due is null or concluded_on <= resolution_due)`;
    case 'overdue':
      return sql`is_open and next_deadline < ${to}
        and status in ('received', 'classified', 'accepted', 'verifying')`;
  }
}

function indicator(code: string, field: Field, vi: string, en: string): AutomaticIndicator {
  return {
    code,
    name: { vi, en },
    type: 'count',
    taskArea: 6,
    basis: 'period',
    async byUnit(tx, units, period) {
      if (units !== null && units.length === 0) return [];
      const filter = units === null ? sql`` : sql`and unit_id = any(cast(${[...units]} as uuid[]))`;
      const r = await sql<{ unitId: string; value: number }>`
        select unit_id, count(*)::int as value from cases
         where ${condition(field, period.from, period.to)} ${filter}
         group by unit_id`.execute(tx);
      return r.rows.map((row) => ({ unitId: row.unitId, category: null, value: row.value }));
    },
    async compute(tx, scope, period) {
      // "Overdue" is counted as of the period's last day.
      const rows = await countCases(tx, scope.paths, period.from, period.to, period.to);
      return rows.reduce((n, r) => n + r[field], 0);
    },
  };
}

export const CASE_INDICATORS: readonly AutomaticIndicator[] = [
  indicator(
    'cases.received',
    'received',
    'Số đơn thư tiếp nhận trong kỳ',
    'Cases received in the period',
  ),
  indicator(
    'cases.accepted',
    'accepted',
    'Số vụ việc thụ lý trong kỳ',
    'Cases accepted in the period',
  ),
  indicator(
    'cases.resolved',
    'resolved',
    'Số vụ việc đã giải quyết trong kỳ',
    'Cases resolved in the period',
  ),
  indicator(
    'cases.resolved_on_time',
    'resolvedOnTime',
    'Số vụ việc giải quyết đúng hạn',
    'Cases resolved on time',
  ),
  indicator(
    'cases.overdue',
    'overdue',
    'Số vụ việc quá hạn cuối kỳ',
    'Cases overdue at the end of the period',
  ),
];

export function registerCaseIndicators() {
  registerIndicators(CASE_INDICATORS);
}
