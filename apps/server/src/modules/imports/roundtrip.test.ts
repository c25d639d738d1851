/**
 * Export → import into an empty association → the same registry: every field the export carries
 * and the import reads comes back, for .xlsx and for .csv.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cliActor } from '../../platform/actor.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, ensureTestAdminUnits, type TestTree } from '../../test/factories.js';
import { getJob } from '../jobs/jobs.service.js';
import { createMember } from '../members/members.service.js';
import { writeMemberExport } from '../members/members.export.js';
import { startRun, uploadFile } from './imports.service.js';

let ctx: TestContext;
let source: TestTree;
let dir: string;
let serial = (Date.now() % 800000) + 100000;

function idFor(year: number, female: boolean): string {
  serial += 13;
  return `001${Math.floor(year / 100) === 20 ? (female ? 3 : 2) : female ? 1 : 0}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ensureTestAdminUnits(ctx.deps);
  source = await createTestTree(ctx.deps);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-roundtrip-'));
  const actor = cliActor(source.associationId);
  const people = [
    {
      unit: 'b1a',
      person: {
        fullName: 'Nguyễn Thị Hòa',
        birthDate: '1948-05-07',
        gender: 'female',
        idNumber: idFor(1948, true),
        phone: '0912000111',
        address: { provinceCode: '99', communeCode: '99001', detail: 'Thôn Đông' },
      },
      category: 'official',
    },
    {
      unit: 'b1a',
      person: {
        fullName: 'Trần Văn Bình',
        birthDate: '1950',
        gender: 'male',
        phone: '0987000222',
        address: { legacyText: 'Xóm 3, xã Cũ, huyện Cũ' },
      },
      category: 'associate',
    },
    {
      unit: 'g1a',
      person: {
        fullName: 'Lê Thị Cúc',
        birthDate: '1952-11',
        gender: 'female',
        email: 'cuc@example.vn',
        legacyIdNumber: '012345678',
      },
      category: 'honorary',
      notes: 'Hội viên danh dự',
    },
    {
      unit: 'c1b',
      person: {
        fullName: 'Phạm Văn Dũng',
        birthDate: '1945-01-31',
        gender: 'male',
        idNumber: idFor(1945, false),
      },
      category: 'official',
    },
  ] as const;
  for (const [i, p] of people.entries()) {
    await createMember(ctx.deps, actor, {
      person: p.person,
      unitId: source.units[p.unit]!,
      category: p.category,
      acknowledgeWarnings: false,
      appliedOn: '2023-02-01',
      admission: { number: `0${i + 1}/QĐ-KN`, date: `2023-03-1${i}`, signer: 'Chủ tịch' },
      ...('notes' in p ? { notes: p.notes } : {}),
    });
  }
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The registry of an association as comparable rows (unit by name: codes differ between trees). */
async function registry(associationId: string) {
  const r = await sql<Record<string, unknown>>`
    select m.member_number, p.full_name, p.birth_date, p.gender, p.id_number, p.legacy_id_number, p.phone, p.email,
           p.province_code, p.commune_code, p.address_detail, p.address_legacy, u.name as unit_name, m.category,
           m.status, m.joined_on::text as joined_on, m.admission_number, m.notes
      from memberships m join people p on p.id = m.person_id join units u on u.id = m.unit_id
     where m.association_id = ${associationId}
     order by m.member_number`.execute(ctx.deps.db.system);
  return r.rows;
}

describe.each(['xlsx', 'csv'] as const)('round trip through %s', (format) => {
  it('export, then import into an empty association, gives the same registry', async () => {
    const file = path.join(dir, `export.${format}`);
    const rows = await writeMemberExport(
      ctx.deps,
      cliActor(source.associationId),
      { unitId: source.rootId },
      format,
      fs.createWriteStream(file),
    );
    expect(rows).toBe(4);

    const target = await createTestTree(ctx.deps);
    const actor = cliActor(target.associationId);
    const upload = await uploadFile(ctx.deps, actor, {
      unitId: target.rootId,
      fileName: `export.${format}`,
      body: Readable.from(fs.createReadStream(file)),
    });
    const started = await startRun(ctx.deps, actor, upload.id, { mode: 'commit' });
    let job = await getJob(ctx.deps, actor, started.id);
    for (let i = 0; i < 400 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = await getJob(ctx.deps, actor, started.id);
    }
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(job.result).toMatchObject({ counts: { rows: 4, new: 4, error: 0, duplicate: 0 } });
    expect(await registry(target.associationId)).toEqual(await registry(source.associationId));
  }, 120_000);
});
