import type { QueryClient } from '@tanstack/react-query';
import { queryOptions } from '@tanstack/react-query';
import type { Unit } from '@hoi/contracts';
import { isApiError } from './client';
import {
  fetchTreeAsOf,
  fetchUnit,
  fetchUnitHistory,
  listChildUnits,
  searchUnits,
} from './units-api';

/** Query keys and options for units; every unit mutation invalidates `['units']`. */
export const unitQueries = {
  all: ['units'] as const,
  children: (parentId: string | undefined) =>
    queryOptions({
      queryKey: ['units', 'children', parentId ?? 'roots'],
      queryFn: () => listChildUnits(parentId),
    }),
  detail: (id: string) =>
    queryOptions({ queryKey: ['units', 'detail', id], queryFn: () => fetchUnit(id) }),
  history: (id: string) =>
    queryOptions({ queryKey: ['units', 'history', id], queryFn: () => fetchUnitHistory(id) }),
  search: (q: string) =>
    queryOptions({ queryKey: ['units', 'search', q], queryFn: () => searchUnits(q) }),
  treeAsOf: (asOf: string) =>
    queryOptions({ queryKey: ['units', 'tree', asOf], queryFn: () => fetchTreeAsOf(asOf) }),
};

/**
 * The unit's ancestors, root first, as far up as the caller's scope reaches (a parent outside
 * the scope answers 404 and ends the walk).
 */
export async function fetchAncestors(queryClient: QueryClient, unit: Unit): Promise<Unit[]> {
  const ancestors: Unit[] = [];
  let parentId = unit.parentId;
  while (parentId && ancestors.length < 20) {
    try {
      const parent = await queryClient.query({
        ...unitQueries.detail(parentId),
        staleTime: 30_000,
      });
      ancestors.unshift(parent);
      parentId = parent.parentId;
    } catch (error) {
      if (isApiError(error) && (error.status === 404 || error.status === 403)) break;
      throw error;
    }
  }
  return ancestors;
}
