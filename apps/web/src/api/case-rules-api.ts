import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CalendarSchema, RuleSet } from '@hoi/contracts';
import { apiRequest } from './client';

/** A rule set as listed: the national ones (from code) first, then the association's own. */
export type ListedRuleSet = RuleSet & { source: 'national' | 'association' };
export type WorkingCalendar = z.infer<typeof CalendarSchema>;

export function listRuleSets(): Promise<{ items: ListedRuleSet[] }> {
  return apiRequest<{ items: ListedRuleSet[] }>('/api/cases/rule-sets');
}

/** Adds the association's own rule set (association.manage); a code already used is refused. */
export function createRuleSet(body: RuleSet): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/cases/rule-sets', { method: 'POST', body });
}

/** The days off and make-up working days of a year (national data, edited with `hoi calendar`). */
export function fetchWorkingCalendar(year: number): Promise<WorkingCalendar> {
  return apiRequest<WorkingCalendar>('/api/cases/calendar', { query: { year } });
}

/** Query keys and options of the deadline rules page (under `['cases']`, like every case read). */
export const caseRuleQueries = {
  ruleSets: () => queryOptions({ queryKey: ['cases', 'rule-sets'], queryFn: listRuleSets }),
  calendar: (year: number) =>
    queryOptions({
      queryKey: ['cases', 'calendar', year],
      queryFn: () => fetchWorkingCalendar(year),
    }),
};
