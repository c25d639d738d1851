/** The case module's automatic indicators for the periodic reports (task area 6 of the directive). */
import { registerIndicators, type AutomaticIndicator } from '../../platform/indicators.js';
import { countCases } from './cases-inbox.service.js';

type Field = 'received' | 'accepted' | 'resolved' | 'resolvedOnTime' | 'overdue';

function indicator(code: string, field: Field, vi: string, en: string): AutomaticIndicator {
  return {
    code,
    name: { vi, en },
    type: 'count',
    taskArea: 6,
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
