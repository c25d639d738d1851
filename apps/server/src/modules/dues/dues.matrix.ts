/** Authorization-matrix entries for the dues routes (see http/authorization-matrix.test.ts). */
import { cliActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { createTestMember } from '../../test/factories.js';
import { OFFICERS, SCOPED, type Entry, type MatrixEnv } from '../../test/matrix.js';
import { createExemption, createRate } from './dues.service.js';

const YEAR = 2025;

export function duesMatrix(env: MatrixEnv): Record<string, Entry> {
  const deps = () => env.ctx().deps;
  const cli = () => cliActor(env.tree().associationId);
  /** A fresh admitted member at branch b1a (joined 2024). */
  const member = () =>
    createTestMember(deps(), env.tree(), 'b1a', { idNumber: null, fullName: 'Hội Viên Hội Phí' });
  /** The association's rate for YEAR, set once. */
  const ensureRate = async () => {
    try {
      await createRate(deps(), cli(), {
        unitId: env.tree().rootId,
        year: YEAR,
        category: null,
        amount: 24_000,
      });
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'DUPLICATE_CODE')) throw e;
    }
  };
  return {
    'GET /api/dues/rates': {
      request: async () => ({ method: 'GET', url: '/api/dues/rates' }),
      expect: OFFICERS(200),
    },
    'POST /api/dues/rates': {
      request: async (h) => ({
        method: 'POST',
        url: '/api/dues/rates',
        payload: { unitId: await h.unit(), year: 2030, amount: 12_000 },
      }),
      expect: SCOPED(201),
    },
    'POST /api/dues/exemptions': {
      request: async () => ({
        method: 'POST',
        url: '/api/dues/exemptions',
        payload: { memberId: (await member()).id, reason: 'poor_household', fromYear: YEAR },
      }),
      expect: SCOPED(201),
    },
    'POST /api/dues/exemptions/:id/end': {
      request: async () => {
        const m = await member();
        const ex = await createExemption(deps(), cli(), {
          memberId: m.id,
          reason: 'elderly',
          fromYear: YEAR,
          toYear: null,
        });
        return { method: 'POST', url: `/api/dues/exemptions/${ex.id}/end` };
      },
      expect: SCOPED(200),
    },
    'POST /api/dues/payments': {
      request: async () => {
        await ensureRate();
        return {
          method: 'POST',
          url: '/api/dues/payments',
          payload: {
            memberId: (await member()).id,
            year: YEAR,
            amount: 24_000,
            paidOn: '2025-04-01',
          },
        };
      },
      expect: SCOPED(201),
    },
    'POST /api/dues/payments/bulk': {
      request: async () => {
        await ensureRate();
        return {
          method: 'POST',
          url: '/api/dues/payments/bulk',
          payload: {
            unitId: env.tree().units.b1a,
            year: YEAR,
            paidOn: '2025-04-01',
            entries: [{ memberId: (await member()).id, amount: 24_000 }],
          },
        };
      },
      expect: SCOPED(201),
    },
    'GET /api/dues/collection': {
      request: async () => {
        await ensureRate();
        return {
          method: 'GET',
          url: `/api/dues/collection?unitId=${env.tree().units.b1a}&year=${YEAR}`,
        };
      },
      expect: SCOPED(200),
    },
    'GET /api/dues/arrears': {
      request: async () => ({ method: 'GET', url: '/api/dues/arrears' }),
      expect: OFFICERS(200),
    },
    'GET /api/members/:id/dues': {
      request: async () => ({ method: 'GET', url: `/api/members/${(await member()).id}/dues` }),
      expect: SCOPED(200),
    },
  };
}
