/** Authorization-matrix entries for the portal routes (see http/authorization-matrix.test.ts). */
import { createTestMember } from '../../test/factories.js';
import {
  OFFICERS,
  PUBLIC_ALL,
  SCOPED,
  type Entry,
  type MatrixEnv,
  type Outcome,
  type Persona,
} from '../../test/matrix.js';
import { invite, openDataRequest, pendingChangeRequest } from './portal.fixtures.js';

/**
 * The portal serves the caller's own membership. Every persona holds self.read, but none of them
 * is linked to a membership (the `member` persona is a member-role account never invited), so
 * all of them get NOT_A_MEMBER; the portal's own tests cover linked accounts.
 */
const OWN_MEMBERSHIP: Record<Persona, Outcome> = {
  anonymous: 401,
  member: [403, 'NOT_A_MEMBER'],
  otherOfficer: [403, 'NOT_A_MEMBER'],
  sameOfficer: [403, 'NOT_A_MEMBER'],
  admin: [403, 'NOT_A_MEMBER'],
  oversight: [403, 'NOT_A_MEMBER'],
};

export function portalMatrix(env: MatrixEnv): Record<string, Entry> {
  const deps = () => env.ctx().deps;
  const member = () =>
    createTestMember(deps(), env.tree(), 'b1a', { idNumber: null, fullName: 'Hội Viên Cổng' });
  return {
    'GET /api/invitations/:token': {
      request: async () => {
        const inv = await invite(deps(), env.tree(), (await member()).id);
        return { method: 'GET', url: `/api/invitations/${inv.token}` };
      },
      expect: PUBLIC_ALL(200),
    },
    'POST /api/invitations/accept': {
      request: async () => {
        const inv = await invite(deps(), env.tree(), (await member()).id);
        return {
          method: 'POST',
          url: '/api/invitations/accept',
          payload: { token: inv.token, password: 'mat-khau-moi-2026' },
        };
      },
      expect: PUBLIC_ALL(200),
    },
    'GET /api/portal/me': {
      request: async () => ({ method: 'GET', url: '/api/portal/me' }),
      expect: OWN_MEMBERSHIP,
    },
    'GET /api/portal/card': {
      request: async () => ({ method: 'GET', url: '/api/portal/card?format=pdf' }),
      expect: OWN_MEMBERSHIP,
    },
    'POST /api/portal/change-requests': {
      request: async () => ({
        method: 'POST',
        url: '/api/portal/change-requests',
        payload: { fields: { phone: '0912345678' } },
      }),
      expect: OWN_MEMBERSHIP,
    },
    'PUT /api/portal/consents': {
      request: async () => ({
        method: 'PUT',
        url: '/api/portal/consents',
        payload: { consents: [{ purpose: 'contact_sms', granted: true }] },
      }),
      expect: OWN_MEMBERSHIP,
    },
    'GET /api/portal/data-requests': {
      request: async () => ({ method: 'GET', url: '/api/portal/data-requests' }),
      expect: OWN_MEMBERSHIP,
    },
    'POST /api/portal/data-requests': {
      request: async () => ({
        method: 'POST',
        url: '/api/portal/data-requests',
        payload: { kind: 'access', details: 'Xin bản sao dữ liệu của tôi' },
      }),
      expect: OWN_MEMBERSHIP,
    },
    'GET /api/change-requests': {
      request: async () => ({ method: 'GET', url: '/api/change-requests?status=pending' }),
      expect: OFFICERS(200),
    },
    'POST /api/change-requests/:id/approve': {
      request: async () => ({
        method: 'POST',
        url: `/api/change-requests/${await pendingChangeRequest(deps(), env.tree(), (await member()).id)}/approve`,
        payload: {},
      }),
      expect: SCOPED(200),
    },
    'POST /api/change-requests/:id/reject': {
      request: async () => ({
        method: 'POST',
        url: `/api/change-requests/${await pendingChangeRequest(deps(), env.tree(), (await member()).id)}/reject`,
        payload: { note: 'Không đúng' },
      }),
      expect: SCOPED(200),
    },
    'GET /api/data-requests': {
      request: async () => ({ method: 'GET', url: '/api/data-requests?status=open' }),
      expect: OFFICERS(200),
    },
    'POST /api/data-requests/:id/resolve': {
      request: async () => ({
        method: 'POST',
        url: `/api/data-requests/${await openDataRequest(deps(), env.tree(), (await member()).id)}/resolve`,
        payload: { outcome: 'done', response: 'Đã gửi bản sao' },
      }),
      expect: SCOPED(200),
    },
  };
}
