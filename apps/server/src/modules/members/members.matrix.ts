/** Authorization-matrix entries for the members routes (see http/authorization-matrix.test.ts). */
import { createTestMember } from '../../test/factories.js';
import {
  ADMIN_ONLY,
  OFFICERS,
  PUBLIC_ALL,
  SCOPED,
  type Entry,
  type MatrixEnv,
} from '../../test/matrix.js';
import { cardTokenOf, givePhoto, TINY_PNG } from '../portal/portal.fixtures.js';

export function membersMatrix(env: MatrixEnv): Record<string, Entry> {
  /** A fresh admitted member at branch b1a (inside the same-officer subtree). */
  const member = () =>
    createTestMember(env.ctx().deps, env.tree(), 'b1a', {
      idNumber: null,
      fullName: 'Hội Viên Ma Trận',
    });
  const core: Record<string, Entry> = {
    'GET /api/members': {
      request: async () => ({ method: 'GET', url: '/api/members?q=nguyen' }),
      expect: OFFICERS(200),
    },
    'GET /api/members/export': {
      request: async () => ({ method: 'GET', url: '/api/members/export?format=csv' }),
      expect: OFFICERS(200),
    },
    'GET /api/members/branch-list': {
      request: async () => ({
        method: 'GET',
        url: `/api/members/branch-list?unitId=${env.tree().units.b1a}&format=xlsx`,
      }),
      expect: SCOPED(200),
    },
    'GET /api/members/counts': {
      request: async () => ({ method: 'GET', url: '/api/members/counts?asOf=2025-01-01' }),
      expect: OFFICERS(200),
    },
    'POST /api/members': {
      request: async () => ({
        method: 'POST',
        url: '/api/members',
        payload: {
          person: { fullName: 'Trần Thị Mới', birthDate: '1955', gender: 'female' },
          unitId: env.tree().units.b1a,
        },
      }),
      expect: SCOPED(201),
    },
    'GET /api/members/:id': {
      request: async () => ({ method: 'GET', url: `/api/members/${(await member()).id}` }),
      expect: SCOPED(200),
    },
    'PATCH /api/members/:id': {
      request: async () => {
        const m = await member();
        return {
          method: 'PATCH',
          url: `/api/members/${m.id}`,
          payload: { notes: 'Ghi chú' },
          headers: { 'if-match': `"${m.version}"` },
        };
      },
      expect: SCOPED(200),
    },
    'POST /api/members/:id/transitions': {
      request: async () => {
        const m = await member();
        return {
          method: 'POST',
          url: `/api/members/${m.id}/transitions`,
          payload: { action: 'resign', effectiveDate: '2025-06-01' },
          headers: { 'if-match': `"${m.version}"` },
        };
      },
      expect: SCOPED(200),
    },
    'GET /api/members/:id/timeline': {
      request: async () => ({ method: 'GET', url: `/api/members/${(await member()).id}/timeline` }),
      expect: SCOPED(200),
    },
    'GET /api/people/:id': {
      request: async () => ({ method: 'GET', url: `/api/people/${(await member()).personId}` }),
      expect: SCOPED(200),
    },
    'GET /api/saved-filters': {
      request: async () => ({ method: 'GET', url: '/api/saved-filters' }),
      expect: OFFICERS(200),
    },
    'POST /api/saved-filters': {
      request: async () => ({
        method: 'POST',
        url: '/api/saved-filters',
        payload: { name: 'Nữ đang sinh hoạt', filter: { status: 'active', gender: 'female' } },
      }),
      expect: OFFICERS(201),
    },
    'DELETE /api/saved-filters/:id': {
      request: async () => ({
        method: 'DELETE',
        url: '/api/saved-filters/01900000-0000-7000-8000-000000000000',
      }),
      expect: OFFICERS(404),
    },
  };
  // Member-data routes (sensitive data, consents, photo, card, invitations, verification) follow.
  const memberData = memberDataMatrix(env);
  return { ...core, ...memberData };
}

// ── Member data: sensitive data, consents, photo, card, invitations, card verification ───────
// (member-data.routes.ts; kept apart from the core member routes above)

function memberDataMatrix(env: MatrixEnv): Record<string, Entry> {
  const deps = () => env.ctx().deps;
  const member = () =>
    createTestMember(deps(), env.tree(), 'b1a', { idNumber: null, fullName: 'Hội Viên Dữ Liệu' });
  return {
    // Only the association administrator holds member.sensitive.read among the personas.
    'GET /api/members/:id/sensitive': {
      request: async () => ({
        method: 'GET',
        url: `/api/members/${(await member()).id}/sensitive`,
      }),
      expect: ADMIN_ONLY(200),
    },
    'PUT /api/members/:id/sensitive': {
      request: async () => ({
        method: 'PUT',
        url: `/api/members/${(await member()).id}/sensitive`,
        payload: { ethnicityCode: '01', religionCode: '00' },
      }),
      expect: ADMIN_ONLY(200),
    },
    'GET /api/members/:id/consents': {
      request: async () => ({ method: 'GET', url: `/api/members/${(await member()).id}/consents` }),
      expect: SCOPED(200),
    },
    'PUT /api/members/:id/consents': {
      request: async () => ({
        method: 'PUT',
        url: `/api/members/${(await member()).id}/consents`,
        payload: { consents: [{ purpose: 'photo_on_card', granted: true }], evidence: 'Phiếu' },
      }),
      expect: SCOPED(200),
    },
    'PUT /api/members/:id/photo': {
      request: async () => ({
        method: 'PUT',
        url: `/api/members/${(await member()).id}/photo`,
        payload: TINY_PNG,
        headers: { 'content-type': 'image/png' },
      }),
      expect: SCOPED(200),
    },
    'GET /api/members/:id/photo': {
      request: async () => {
        const m = await member();
        await givePhoto(deps(), env.tree(), m.id);
        return { method: 'GET', url: `/api/members/${m.id}/photo` };
      },
      expect: SCOPED(200),
    },
    'GET /api/members/:id/card': {
      request: async () => ({
        method: 'GET',
        url: `/api/members/${(await member()).id}/card?format=png`,
      }),
      expect: SCOPED(200),
    },
    'POST /api/members/:id/invite': {
      request: async () => ({
        method: 'POST',
        url: `/api/members/${(await member()).id}/invite`,
        payload: {},
      }),
      expect: SCOPED(200),
    },
    'GET /api/verify/:token': {
      request: async () => ({
        method: 'GET',
        url: `/api/verify/${await cardTokenOf(deps(), (await member()).id)}`,
      }),
      expect: PUBLIC_ALL(200),
    },
  };
}
