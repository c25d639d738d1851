/** Authorization-matrix entries for the transfers routes (see http/authorization-matrix.test.ts). */
import { cliActor } from '../../platform/actor.js';
import { createTestMember } from '../../test/factories.js';
import { OFFICERS, SCOPED, type Entry, type MatrixEnv } from '../../test/matrix.js';
import { createTransfer } from './transfers.service.js';

export function transfersMatrix(env: MatrixEnv): Record<string, Entry> {
  const member = (unitKey: string) =>
    createTestMember(env.ctx().deps, env.tree(), unitKey, {
      idNumber: null,
      fullName: 'Hội Viên Chuyển',
    });
  /** A pending transfer between two units of province p1, which the other officer cannot see. */
  const transfer = async (fromKey: string, toKey: string) => {
    const t = env.tree();
    const m = await member(fromKey);
    return createTransfer(env.ctx().deps, cliActor(t.associationId), {
      memberId: m.id,
      toUnitId: t.units[toKey]!,
    });
  };
  return {
    'GET /api/transfers': {
      request: async () => ({ method: 'GET', url: '/api/transfers?box=incoming' }),
      expect: OFFICERS(200),
    },
    'GET /api/transfers/:id': {
      request: async () => ({
        method: 'GET',
        url: `/api/transfers/${(await transfer('b1a', 'c1b')).id}`,
      }),
      expect: SCOPED(200),
    },
    'POST /api/transfers': {
      request: async () => ({
        method: 'POST',
        url: '/api/transfers',
        payload: { memberId: (await member('b1a')).id, toUnitId: env.tree().units.c1b },
      }),
      expect: SCOPED(201),
    },
    // Incoming to the same officer's branch b1a from commune c1b.
    'POST /api/transfers/:id/accept': {
      request: async () => ({
        method: 'POST',
        url: `/api/transfers/${(await transfer('c1b', 'b1a')).id}/accept`,
        payload: {},
      }),
      expect: SCOPED(200),
    },
    'POST /api/transfers/:id/refuse': {
      request: async () => ({
        method: 'POST',
        url: `/api/transfers/${(await transfer('c1b', 'b1a')).id}/refuse`,
        payload: { reason: 'Không đủ hồ sơ' },
      }),
      expect: SCOPED(200),
    },
    'POST /api/transfers/:id/cancel': {
      request: async () => ({
        method: 'POST',
        url: `/api/transfers/${(await transfer('b1a', 'c1b')).id}/cancel`,
      }),
      expect: SCOPED(200),
    },
  };
}
