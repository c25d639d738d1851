import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { MemberFilter } from './members-api';
import {
  compactWire,
  fetchConsents,
  fetchMember,
  fetchMemberDues,
  fetchMemberTimeline,
  fetchSensitiveData,
  listMembers,
  listSavedFilters,
  searchAdminUnits,
} from './members-api';

/**
 * Query keys and options for members. Every member write invalidates `['members']`; the
 * protected data lives under its own key so that invalidation never re-reads it (each read is
 * audited and must follow an explicit click).
 */
export const memberQueries = {
  all: ['members'] as const,
  list: (filter: MemberFilter) =>
    infiniteQueryOptions({
      queryKey: ['members', 'list', compactWire(filter)],
      queryFn: ({ pageParam }) => listMembers(filter, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  detail: (id: string) =>
    queryOptions({ queryKey: ['members', 'detail', id], queryFn: () => fetchMember(id) }),
  timeline: (id: string) =>
    queryOptions({
      queryKey: ['members', 'timeline', id],
      queryFn: () => fetchMemberTimeline(id),
    }),
  dues: (id: string) =>
    queryOptions({ queryKey: ['members', 'dues', id], queryFn: () => fetchMemberDues(id) }),
  consents: (id: string) =>
    queryOptions({ queryKey: ['members', 'consents', id], queryFn: () => fetchConsents(id) }),
  savedFilters: () =>
    queryOptions({ queryKey: ['members', 'saved-filters'], queryFn: listSavedFilters }),
  sensitive: (id: string) =>
    queryOptions({
      queryKey: ['member-sensitive', id],
      queryFn: () => fetchSensitiveData(id),
      staleTime: Infinity,
      gcTime: 0,
      retry: false,
      refetchOnMount: false,
      refetchOnReconnect: false,
    }),
  provinces: () =>
    queryOptions({
      queryKey: ['admin-units', 'provinces'],
      queryFn: () => searchAdminUnits({ level: 'province', limit: 100 }),
      staleTime: Infinity,
    }),
  communes: (provinceCode: string | undefined, q: string) =>
    queryOptions({
      queryKey: ['admin-units', 'communes', provinceCode ?? '', q],
      queryFn: () =>
        searchAdminUnits({ level: 'commune', provinceCode, q: q || undefined, limit: 50 }),
      staleTime: 5 * 60_000,
    }),
};
