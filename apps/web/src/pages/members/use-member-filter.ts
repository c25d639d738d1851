import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AGE_BANDS, MEMBER_CATEGORIES, MEMBER_STATUSES } from '@hoi/contracts';
import type { MemberFilter } from '../../api/members-api';
import { compactWire, filterFromWire } from '../../api/members-api';

const KNOWN = { statuses: MEMBER_STATUSES, categories: MEMBER_CATEGORIES, ageBands: AGE_BANDS };

/** Reads a filter leniently from any record (a saved filter's `filter`). */
export function filterFromRecord(record: Record<string, unknown>): MemberFilter {
  return filterFromWire((key) => record[key], KNOWN);
}

/**
 * The member list filter, kept in the URL query string (bookmarkable, survives a reload) in the
 * same form the API reads.
 */
export function useMemberFilter(): {
  filter: MemberFilter;
  setFilter: (next: MemberFilter) => void;
  patchFilter: (patch: Partial<MemberFilter>) => void;
} {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filter = useMemo(
    () => filterFromWire((key) => new URLSearchParams(search).get(key) ?? undefined, KNOWN),
    [search],
  );
  const setFilter = (next: MemberFilter) => setParams(compactWire(next), { replace: true });
  return {
    filter,
    setFilter,
    patchFilter: (patch) => setFilter({ ...filter, ...patch }),
  };
}

/** Whether any filter is set. */
export function hasFilter(filter: MemberFilter): boolean {
  return Object.keys(compactWire(filter)).length > 0;
}
