import type { z } from 'zod';
import type {
  CreateUnitBodySchema,
  DissolveUnitBodySchema,
  GenerateCommunesBodySchema,
  GenerateCommunesResultSchema,
  MergeUnitsBodySchema,
  MoveUnitBodySchema,
  SplitUnitBodySchema,
  TreeNodeSchema,
  TreeSchema,
  Unit,
  UnitHistory,
  UnitListSchema,
  UpdateUnitBodySchema,
} from '@hoi/contracts';
import { apiRequest } from './client';

export type UnitList = z.infer<typeof UnitListSchema>;
export type UnitTree = z.infer<typeof TreeSchema>;
export type TreeNode = z.infer<typeof TreeNodeSchema>;
export type CreateUnitBody = z.input<typeof CreateUnitBodySchema>;
export type UpdateUnitBody = z.input<typeof UpdateUnitBodySchema>;
export type MoveUnitBody = z.input<typeof MoveUnitBodySchema>;
export type MergeUnitsBody = z.input<typeof MergeUnitsBodySchema>;
export type SplitUnitBody = z.input<typeof SplitUnitBodySchema>;
export type DissolveUnitBody = z.input<typeof DissolveUnitBodySchema>;
export type GenerateCommunesBody = z.input<typeof GenerateCommunesBodySchema>;
export type GenerateCommunesResult = z.infer<typeof GenerateCommunesResultSchema>;

const PAGE_LIMIT = 500;

/** All children of a unit (or the caller's scope roots when parentId is undefined), every page. */
export async function listChildUnits(parentId: string | undefined): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiRequest<UnitList>('/api/units', {
      query: { parentId, cursor, limit: PAGE_LIMIT },
    });
    units.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return units;
}

/** Units whose name or code matches (the server ignores diacritics). */
export async function searchUnits(q: string, limit = 50): Promise<Unit[]> {
  const page = await apiRequest<UnitList>('/api/units', { query: { q, limit } });
  return page.items;
}

export function fetchUnit(id: string): Promise<Unit> {
  return apiRequest<Unit>(`/api/units/${id}`);
}

export function fetchUnitHistory(id: string): Promise<UnitHistory> {
  return apiRequest<UnitHistory>(`/api/units/${id}/history`);
}

export function fetchTreeAsOf(asOf: string): Promise<UnitTree> {
  return apiRequest<UnitTree>('/api/units/tree', { query: { asOf } });
}

export function createUnit(body: CreateUnitBody): Promise<Unit> {
  return apiRequest<Unit>('/api/units', { method: 'POST', body });
}

export function updateUnit(id: string, version: number, body: UpdateUnitBody): Promise<Unit> {
  return apiRequest<Unit>(`/api/units/${id}`, { method: 'PATCH', body, ifMatch: version });
}

export function moveUnit(id: string, body: MoveUnitBody): Promise<Unit> {
  return apiRequest<Unit>(`/api/units/${id}/move`, { method: 'POST', body });
}

/** Answers the receiving unit (existing or new). */
export function mergeUnits(body: MergeUnitsBody): Promise<Unit> {
  return apiRequest<Unit>('/api/units/merge', { method: 'POST', body });
}

/** Answers the new units (the contract has no named schema for this yet: `{ items: Unit[] }`). */
export function splitUnit(id: string, body: SplitUnitBody): Promise<{ items: Unit[] }> {
  return apiRequest<{ items: Unit[] }>(`/api/units/${id}/split`, { method: 'POST', body });
}

export function dissolveUnit(id: string, body: DissolveUnitBody): Promise<Unit> {
  return apiRequest<Unit>(`/api/units/${id}/dissolve`, { method: 'POST', body });
}

export function generateCommunes(
  id: string,
  body: GenerateCommunesBody,
): Promise<GenerateCommunesResult> {
  return apiRequest<GenerateCommunesResult>(`/api/units/${id}/generate-communes`, {
    method: 'POST',
    body,
  });
}
