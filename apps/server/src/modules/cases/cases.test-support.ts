/** Shared helpers of the case tests: the intake body, creating a case and posting actions. */
import type { Case } from '@hoi/contracts';
import { expect } from 'vitest';
import type { Client, TestTree } from '../../test/factories.js';

export function caseApi(tree: () => TestTree) {
  const body = (over: Record<string, unknown> = {}) => ({
    unitId: tree().units.c1a,
    type: 'complaint',
    channel: 'in_person',
    receivedOn: '2026-02-10',
    subject: 'Khiếu nại quyết định không cho vay vốn',
    complainant: { fullName: 'Phạm Văn Khiếu', phone: '0987654321' },
    ...over,
  });
  async function create(client: Client, over: Record<string, unknown> = {}): Promise<Case> {
    const r = await client.post('/api/cases', body(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Case>();
  }
  async function act(client: Client, c: Case, name: string, payload: unknown) {
    return client.post(`/api/cases/${c.id}/${name}`, payload, { 'if-match': `"${c.version}"` });
  }
  async function ok(client: Client, c: Case, name: string, payload: unknown): Promise<Case> {
    const r = await act(client, c, name, payload);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Case>();
  }
  return { body, create, act, ok };
}

export function errorOf(r: { json: <T>() => T }) {
  return r.json<{
    error: { code: string; message: string; messageEn: string; details?: unknown };
  }>().error;
}
