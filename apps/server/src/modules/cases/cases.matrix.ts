/** Authorization-matrix entries for the case and notification routes (see http/authorization-matrix.test.ts). */
import type { InjectOptions } from 'fastify';
import { inTenant } from '../../db/engine.js';
import { newId } from '../../platform/ids.js';
import { cliActor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import {
  ADMIN_ONLY,
  OFFICERS,
  PUBLIC_ALL,
  SCOPED,
  type Entry,
  type MatrixEnv,
  type Outcome,
  type Persona,
} from '../../test/matrix.js';
import { NATIONAL_RULE_SETS } from './clock/rules.js';
import { addDays, caseFixture, clear, userIdOf, type FixtureState } from './cases.fixtures.js';
import { addAttachment } from './cases-sealed.service.js';
import { issueDocument } from './cases-documents.service.js';
import type { CaseType } from '@hoi/contracts';

/** Only the notification's own user sees it; to everyone else it does not exist. */
const OWNER_ONLY = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: 404,
  otherOfficer: 404,
  sameOfficer: ok,
  admin: 404,
  oversight: 404,
});

let seq = 0;

export function casesMatrix(env: MatrixEnv): Record<string, Entry> {
  const deps = () => env.ctx().deps;
  const today = () => todayIn(deps().clock);
  const fixture = (
    state: FixtureState = 'received',
    type: CaseType = 'complaint',
    complexity?: 'complex',
  ) => caseFixture(deps(), env.tree(), { state, type, complexity });
  /** A POST action on a case in `state`, with If-Match. */
  const action = (
    name: string,
    state: FixtureState,
    payload: (id: string) => Promise<object> | object,
    type: CaseType = 'complaint',
    complexity?: 'complex',
  ) => ({
    request: async (): Promise<InjectOptions> => {
      const c = await fixture(state, type, complexity);
      return {
        method: 'POST',
        url: `/api/cases/${c.id}/${name}`,
        headers: { 'if-match': `"${c.version}"` },
        payload: await payload(c.id),
      };
    },
    expect: SCOPED(200),
  });
  /** A denunciation at c1a that officer A and the administrator are cleared for. */
  const clearedDenunciation = async () => {
    const t = env.tree();
    const c = await fixture('received', 'denunciation');
    await clear(deps(), t, c.id, [t.users.officerA!, t.users.admin!]);
    return c;
  };
  return {
    'GET /api/cases': {
      request: async () => ({ method: 'GET', url: '/api/cases?box=open' }),
      expect: OFFICERS(200),
    },
    'POST /api/cases': {
      request: async () => ({
        method: 'POST',
        url: '/api/cases',
        payload: {
          unitId: env.tree().units.c1a,
          type: 'petition',
          channel: 'in_person',
          receivedOn: today(),
          subject: 'Kiến nghị về sinh hoạt chi hội',
        },
      }),
      expect: SCOPED(201),
    },
    'POST /api/public/cases': {
      request: async () => ({
        method: 'POST',
        url: '/api/public/cases',
        payload: {
          association: env.tree().code,
          type: 'petition',
          subject: 'Kiến nghị qua cổng trực tuyến',
          content: 'Đề nghị hội tổ chức sinh hoạt định kỳ.',
          sender: { fullName: 'Người Gửi Trực Tuyến' },
        },
      }),
      expect: PUBLIC_ALL(201),
    },
    // Every persona holds self.read but none is linked to a membership (see portal.matrix.ts);
    // cases.test.ts covers a linked member.
    'POST /api/portal/cases': {
      request: async () => ({
        method: 'POST',
        url: '/api/portal/cases',
        payload: { type: 'petition', subject: 'Kiến nghị của hội viên', content: 'Nội dung' },
      }),
      expect: {
        anonymous: 401,
        member: [403, 'NOT_A_MEMBER'],
        otherOfficer: [403, 'NOT_A_MEMBER'],
        sameOfficer: [403, 'NOT_A_MEMBER'],
        admin: [403, 'NOT_A_MEMBER'],
        oversight: [403, 'NOT_A_MEMBER'],
      },
    },
    'GET /api/cases/stats': {
      request: async () => ({ method: 'GET', url: '/api/cases/stats' }),
      expect: OFFICERS(200),
    },
    'GET /api/cases/calendar': {
      request: async () => ({ method: 'GET', url: '/api/cases/calendar?year=2026' }),
      expect: OFFICERS(200),
    },
    'GET /api/cases/rule-sets': {
      request: async () => ({ method: 'GET', url: '/api/cases/rule-sets' }),
      expect: OFFICERS(200),
    },
    'POST /api/cases/rule-sets': {
      request: async () => ({
        method: 'POST',
        url: '/api/cases/rule-sets',
        payload: { ...NATIONAL_RULE_SETS[1], code: `HOI-MX-${++seq}`, effectiveFrom: '2027-01-01' },
      }),
      expect: ADMIN_ONLY(201),
    },
    'GET /api/cases/:id': {
      request: async () => ({ method: 'GET', url: `/api/cases/${(await fixture()).id}` }),
      expect: SCOPED(200),
    },
    'POST /api/cases/:id/classify': action('classify', 'received', () => ({
      complexity: 'complex',
    })),
    'POST /api/cases/:id/accept': action('accept', 'received', () => ({ acceptedOn: today() })),
    'POST /api/cases/:id/reject': action('reject', 'received', () => ({
      decidedOn: today(),
      ground: 'complaint_unsigned',
    })),
    'POST /api/cases/:id/forward': action('forward', 'received', () => ({
      forwardedOn: today(),
      forwardedTo: 'Ủy ban nhân dân xã',
    })),
    'POST /api/cases/:id/records': action('records', 'accepted', () => ({
      kind: 'plan',
      on: today(),
      text: 'Kế hoạch xác minh',
    })),
    'POST /api/cases/:id/extensions': action(
      'extensions',
      'accepted',
      () => ({
        days: 30,
        decisionNumber: '02/QĐ-GH',
        decidedOn: today(),
        reason: 'Vụ việc phức tạp',
      }),
      'denunciation',
      'complex',
    ),
    'POST /api/cases/:id/suspend': action('suspend', 'accepted', () => ({
      from: today(),
      decisionNumber: '03/QĐ',
      reason: 'Chờ giám định',
    })),
    'POST /api/cases/:id/resume': action('resume', 'suspended', () => ({ to: today() })),
    'POST /api/cases/:id/withdraw': action('withdraw', 'received', () => ({
      withdrawnOn: today(),
    })),
    'POST /api/cases/:id/conclude': action('conclude', 'accepted', () => ({
      concludedOn: today(),
      findings: 'Đã xác minh',
      conclusion: 'Khiếu nại đúng',
    })),
    'POST /api/cases/:id/publish': action(
      'publish',
      'concluded',
      () => ({
        from: today(),
        until: addDays(today(), 20),
        place: 'Trụ sở',
        text: 'Kết luận: tố cáo sai.',
      }),
      'denunciation',
    ),
    'POST /api/cases/:id/close': action('close', 'concluded', () => ({ closedOn: today() })),
    'POST /api/cases/:id/verifiers': action('verifiers', 'accepted', async () => ({
      userId: await userIdOf(deps(), env.tree().users.officerA!),
    })),
    'GET /api/cases/:id/sealed': {
      request: async () => ({
        method: 'GET',
        url: `/api/cases/${(await clearedDenunciation()).id}/sealed`,
      }),
      expect: SCOPED(200),
    },
    'POST /api/cases/:id/sealed/emergency': {
      request: async () => ({
        method: 'POST',
        url: `/api/cases/${(await fixture('received', 'denunciation')).id}/sealed/emergency`,
        payload: { reason: 'Người tố cáo bị đe dọa, cần liên hệ ngay để bảo vệ' },
      }),
      expect: SCOPED(200),
    },
    'GET /api/cases/:id/handlers': {
      request: async () => ({ method: 'GET', url: `/api/cases/${(await fixture()).id}/handlers` }),
      expect: SCOPED(200),
    },
    'POST /api/cases/:id/clearances': {
      request: async () => ({
        method: 'POST',
        url: `/api/cases/${(await clearedDenunciation()).id}/clearances`,
        payload: { userId: await userIdOf(deps(), env.tree().users.provinceOfficer!) },
      }),
      expect: SCOPED(200),
    },
    'DELETE /api/cases/:id/clearances/:userId': {
      request: async () => ({
        method: 'DELETE',
        url: `/api/cases/${(await clearedDenunciation()).id}/clearances/${await userIdOf(deps(), env.tree().users.provinceOfficer!)}`,
      }),
      expect: SCOPED(200),
    },
    'POST /api/cases/:id/attachments': {
      request: async () => ({
        method: 'POST',
        url: `/api/cases/${(await fixture()).id}/attachments?name=don.pdf&identityBearing=false`,
        headers: { 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.4 thử'),
      }),
      expect: SCOPED(201),
    },
    'GET /api/cases/:id/attachments/:attachmentId': {
      request: async () => {
        const c = await fixture();
        const a = await addAttachment(deps(), cliActor(env.tree().associationId), c.id, {
          name: 'ban-sao.pdf',
          mime: 'application/pdf',
          body: Buffer.from('%PDF'),
          identityBearing: false,
        });
        return { method: 'GET', url: `/api/cases/${c.id}/attachments/${a.id}` };
      },
      expect: SCOPED(200),
    },
    'POST /api/cases/:id/documents': {
      request: async () => ({
        method: 'POST',
        url: `/api/cases/${(await fixture('accepted')).id}/documents`,
        payload: { kind: 'acceptance_notice' },
      }),
      expect: SCOPED(201),
    },
    'GET /api/cases/:id/documents/:documentId': {
      request: async () => {
        const c = await fixture('accepted');
        const d = await issueDocument(deps(), cliActor(env.tree().associationId), c.id, {
          kind: 'acceptance_notice',
        });
        return { method: 'GET', url: `/api/cases/${c.id}/documents/${d.id}` };
      },
      expect: SCOPED(200),
    },
    'GET /api/notifications': {
      request: async () => ({ method: 'GET', url: '/api/notifications' }),
      expect: {
        anonymous: 401,
        member: 200,
        otherOfficer: 200,
        sameOfficer: 200,
        admin: 200,
        oversight: 200,
      },
    },
    'POST /api/notifications/:id/read': {
      request: async () => {
        const t = env.tree();
        const id = newId();
        const userId = await userIdOf(deps(), t.users.officerA!);
        await inTenant(deps().db.app, t.associationId, (tx) =>
          tx
            .insertInto('notifications')
            .values({
              associationId: t.associationId,
              id,
              userId,
              kind: 'test',
              title: 'Thử',
              titleEn: 'Test',
              body: null,
              link: null,
            })
            .execute(),
        );
        return { method: 'POST', url: `/api/notifications/${id}/read` };
      },
      expect: OWNER_ONLY(200),
    },
  };
}
