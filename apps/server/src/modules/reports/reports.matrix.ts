/** Authorization-matrix entries for the periodic-report routes (see http/authorization-matrix.test.ts). */
import type { InjectOptions } from 'fastify';
import { cliActor } from '../../platform/actor.js';
import {
  ADMIN_ONLY,
  OFFICERS,
  SCOPED,
  type Entry,
  type Helpers,
  type MatrixEnv,
  type Outcome,
  type Persona,
} from '../../test/matrix.js';
import { DEFAULT_TEMPLATE } from './defaults.js';
import { openReport } from './reports.service.js';
import { listTemplates, saveTemplate } from './templates.service.js';

/** Only the oversight body (oversight.read); association users do not hold it. */
const OVERSIGHT_ONLY = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: 403,
  otherOfficer: 403,
  sameOfficer: 403,
  admin: 403,
  oversight: ok,
});

let seq = 0;
const PERIOD = '2026-M10';

export function reportsMatrix(env: MatrixEnv): Record<string, Entry> {
  const deps = () => env.ctx().deps;
  const cli = () => cliActor(env.tree().associationId);
  const templateId = async () =>
    (await listTemplates(deps(), cli())).find((t) => t.code === DEFAULT_TEMPLATE.code)!.id;
  /** A draft report of a fresh branch in the same officer's commune. */
  const draft = async (h: Helpers) =>
    openReport(deps(), cli(), {
      templateId: await templateId(),
      period: PERIOD,
      unitId: await h.unit(undefined, 3),
    });
  const onReport = (
    method: 'GET' | 'PUT' | 'POST',
    suffix: string,
    payload?: object,
    ok: Outcome = 200,
  ): Entry => ({
    request: async (h): Promise<InjectOptions> => {
      const r = await draft(h);
      return {
        method,
        url: `/api/reports/${r.id}${suffix}`,
        headers: { 'if-match': `"${r.version}"` },
        ...(payload ? { payload } : {}),
      };
    },
    expect: SCOPED(ok),
  });
  return {
    'GET /api/reports/indicators': {
      request: async () => ({ method: 'GET', url: '/api/reports/indicators' }),
      expect: OFFICERS(200),
    },
    'POST /api/reports/indicators': {
      request: async () => ({
        method: 'POST',
        url: '/api/reports/indicators',
        payload: {
          code: `matrix.i${++seq}`,
          name: { vi: 'Chỉ tiêu thử', en: 'Test indicator' },
          type: 'count',
          aggregation: 'sum',
          weightCode: null,
          disaggregation: [],
          taskArea: 1,
        },
      }),
      expect: ADMIN_ONLY(201),
    },
    'GET /api/reports/templates': {
      request: async () => ({ method: 'GET', url: '/api/reports/templates' }),
      expect: OFFICERS(200),
    },
    'GET /api/reports/templates/:id': {
      request: async () => ({ method: 'GET', url: `/api/reports/templates/${await templateId()}` }),
      expect: OFFICERS(200),
    },
    'POST /api/reports/templates': {
      request: async () => ({
        method: 'POST',
        url: '/api/reports/templates',
        payload: { ...DEFAULT_TEMPLATE, code: `MX-${++seq}` },
      }),
      expect: ADMIN_ONLY(201),
    },
    'PUT /api/reports/templates/:id': {
      request: async () => {
        const t = await saveTemplate(
          deps(),
          cli(),
          null,
          { ...DEFAULT_TEMPLATE, code: `MXP-${++seq}` },
          null,
        );
        return {
          method: 'PUT',
          url: `/api/reports/templates/${t.id}`,
          headers: { 'if-match': `"${t.version}"` },
          payload: { ...DEFAULT_TEMPLATE, code: t.code, hideUnapproved: true },
        };
      },
      expect: ADMIN_ONLY(200),
    },
    'GET /api/reports/periods': {
      request: async () => ({
        method: 'GET',
        url: `/api/reports/periods?templateId=${await templateId()}&year=2026`,
      }),
      expect: OFFICERS(200),
    },
    'GET /api/reports': {
      request: async () => ({
        method: 'GET',
        url: `/api/reports?templateId=${await templateId()}&period=${PERIOD}&unitId=${env.tree().units.c1a}`,
      }),
      expect: SCOPED(200),
    },
    'POST /api/reports': {
      request: async (h) => ({
        method: 'POST',
        url: '/api/reports',
        payload: {
          templateId: await templateId(),
          period: PERIOD,
          unitId: await h.unit(undefined, 3),
        },
      }),
      expect: SCOPED(200),
    },
    'GET /api/reports/dashboard': {
      request: async () => ({
        method: 'GET',
        url: `/api/reports/dashboard?templateId=${await templateId()}&period=${PERIOD}&unitId=${env.tree().units.c1a}`,
      }),
      expect: SCOPED(200),
    },
    'GET /api/reports/dashboard/document': {
      request: async () => ({
        method: 'GET',
        url: `/api/reports/dashboard/document?templateId=${await templateId()}&period=${PERIOD}&unitId=${env.tree().units.c1a}&format=xlsx`,
      }),
      expect: SCOPED(200),
    },
    'GET /api/reports/:id': onReport('GET', ''),
    'PUT /api/reports/:id/values': onReport('PUT', '/values', {
      values: { 'propaganda.sessions': 2 },
    }),
    'POST /api/reports/:id/refresh': onReport('POST', '/refresh'),
    'GET /api/reports/:id/document': onReport('GET', '/document?format=docx'),
    'POST /api/reports/:id/:action': onReport('POST', '/submit', {}),
    'GET /api/oversight/briefing': {
      request: async () => ({
        method: 'GET',
        url: `/api/oversight/briefing?templateCode=BC-DINHKY&period=${PERIOD}`,
      }),
      expect: OVERSIGHT_ONLY(200),
    },
    'GET /api/oversight/briefing/document': {
      request: async () => ({
        method: 'GET',
        url: `/api/oversight/briefing/document?templateCode=BC-DINHKY&period=${PERIOD}&format=docx`,
      }),
      expect: OVERSIGHT_ONLY(200),
    },
  };
}
