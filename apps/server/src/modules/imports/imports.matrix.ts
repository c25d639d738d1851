/** Authorization-matrix entries for the import and job routes (see http/authorization-matrix.test.ts). */
import { Readable } from 'node:stream';
import type { Job } from '@hoi/contracts';
import { cliActor } from '../../platform/actor.js';
import {
  SCOPED,
  OFFICERS,
  type Entry,
  type MatrixEnv,
  type Outcome,
  type Persona,
} from '../../test/matrix.js';
import { getJob } from '../jobs/jobs.service.js';
import { startRun, uploadFile } from './imports.service.js';

const CSV = '\uFEFFHọ và tên,Năm sinh,Giới tính\r\nNguyễn Văn Ma Trận,1950,Nam\r\n';

/** A job is visible to whoever started it and to officers who may manage its unit; to others it does not exist. */
const JOB_VIEWERS = (ok: Outcome): Record<Persona, Outcome> => ({
  anonymous: 401,
  member: 404,
  otherOfficer: 404,
  sameOfficer: ok,
  admin: ok,
  oversight: 404,
});

export function importsMatrix(env: MatrixEnv): Record<string, Entry> {
  const actor = () => cliActor(env.tree().associationId);
  const upload = () =>
    uploadFile(env.ctx().deps, actor(), {
      unitId: env.tree().units.b1a!,
      fileName: 'ma-tran.csv',
      body: Readable.from([Buffer.from(CSV)]),
    });
  /** A finished preview of a one-row file in branch b1a. */
  const finishedRun = async (): Promise<Job> => {
    const deps = env.ctx().deps;
    const u = await upload();
    const started = await startRun(deps, actor(), u.id, { mode: 'preview' });
    for (let i = 0; i < 400; i++) {
      const j = await getJob(deps, actor(), started.id);
      if (j.status !== 'queued' && j.status !== 'running') return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the import job did not finish');
  };
  return {
    'POST /api/imports/members': {
      request: async () => ({
        method: 'POST',
        url: `/api/imports/members?unitId=${env.tree().units.b1a}&fileName=ds.csv`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(CSV),
      }),
      expect: SCOPED(201),
    },
    'GET /api/imports/members/:id': {
      request: async () => ({ method: 'GET', url: `/api/imports/members/${(await upload()).id}` }),
      expect: SCOPED(200),
    },
    'POST /api/imports/members/:id/runs': {
      request: async () => ({
        method: 'POST',
        url: `/api/imports/members/${(await upload()).id}/runs`,
        payload: { mode: 'preview' },
      }),
      expect: SCOPED(202),
    },
    'GET /api/imports/runs/:id/rows': {
      request: async () => ({
        method: 'GET',
        url: `/api/imports/runs/${(await finishedRun()).id}/rows`,
      }),
      expect: SCOPED(200),
    },
    'GET /api/imports/runs/:id/report': {
      request: async () => ({
        method: 'GET',
        url: `/api/imports/runs/${(await finishedRun()).id}/report?format=csv`,
      }),
      expect: SCOPED(200),
    },
    'GET /api/imports/template': {
      request: async () => ({
        method: 'GET',
        url: `/api/imports/template?unitId=${env.tree().units.b1a}`,
      }),
      expect: SCOPED(200),
    },
    'GET /api/imports/mappings': {
      request: async () => ({ method: 'GET', url: '/api/imports/mappings' }),
      expect: OFFICERS(200),
    },
    'GET /api/jobs/:id': {
      request: async () => ({ method: 'GET', url: `/api/jobs/${(await finishedRun()).id}` }),
      expect: JOB_VIEWERS(200),
    },
    'POST /api/jobs/:id/cancel': {
      request: async () => ({
        method: 'POST',
        url: `/api/jobs/${(await finishedRun()).id}/cancel`,
      }),
      expect: JOB_VIEWERS(200),
    },
  };
}
