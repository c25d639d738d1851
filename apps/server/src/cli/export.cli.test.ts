/**
 * `hoi export members`: the command's function on a test database (scope, files, progress,
 * errors, audit), then the real `hoi` process once for its exit codes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../db/engine.js';
import { cliActor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { createTestContext, type TestContext } from '../test/harness.js';
import { createTestMember, createTestTree, type TestTree } from '../test/factories.js';
import { writeMemberExport } from '../modules/members/members.export.js';
import { transition } from '../modules/members/members.service.js';
import * as unitsRepo from '../modules/units/units.repo.js';
import { resolveCliScope } from './cli-scope.js';
import { cliExportMembers, type ExportIo } from './export.cli.js';

let ctx: TestContext;
let t: TestTree;
let other: TestTree;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-export-cli-'));
const codeOf = (tree: TestTree, key: string) => `${key.toUpperCase()}-${tree.code.slice(2)}`;

function io(): ExportIo & { lines: string[] } {
  const lines: string[] = [];
  let clock = 0;
  return { lines, log: (l) => lines.push(l), now: () => (clock += 500), every: 2 };
}

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  other = await createTestTree(ctx.deps);
  for (const fullName of ['Trần Thị Đào', 'Nguyễn Văn An', 'Lê Văn Bình'])
    await createTestMember(ctx.deps, t, 'b1a', { fullName, idNumber: null });
  const gone = await createTestMember(ctx.deps, t, 'g1a', {
    fullName: 'Đỗ Văn Cũ',
    idNumber: null,
  });
  await transition(ctx.deps, cliActor(t.associationId), gone.id, gone.version, {
    action: 'resign',
    effectiveDate: '2025-01-01',
  });
  await createTestMember(ctx.deps, t, 'c1b', { fullName: 'Ngoài Phạm Vi', idNumber: null });
  // The same unit code in another association: --association decides.
  await inTenant(ctx.deps.db.app, other.associationId, async (tx) => {
    const parent = (await unitsRepo.lockUnits(tx, [other.units.c2a!]))[0]!;
    await unitsRepo.insertUnit(tx, {
      associationId: other.associationId,
      id: newId(),
      code: codeOf(t, 'b1a'),
      name: 'Trùng mã',
      level: 3,
      parentId: parent.id,
      parentPath: parent.path,
      adminUnitCode: null,
      validFrom: '2024-01-01',
    });
  });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hoi export members (in process)', () => {
  it('writes the subtree as CSV with progress lines and one audit entry naming the CLI', async () => {
    const file = path.join(dir, 'c1a.csv');
    const out = io();
    const r = await cliExportMembers(ctx.deps, { unit: codeOf(t, 'c1a'), out: file }, out);
    expect(r).toMatchObject({ file, format: 'csv', rows: 4 });
    const text = fs.readFileSync(file, 'utf8');
    const names = text
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.split(',')[2]);
    expect(names).toEqual(['Nguyễn Văn An', 'Lê Văn Bình', 'Đỗ Văn Cũ', 'Trần Thị Đào']);
    expect(out.lines[0]).toContain(`(${codeOf(t, 'c1a')})`);
    expect(out.lines.filter((l) => l.startsWith('Đã xuất / exported'))).toEqual([
      expect.stringMatching(
        /^Đã xuất \/ exported 4 hội viên — [\d.]+ s, [\d.]+ dòng\/s \(rows\/s\)$/,
      ),
    ]);
    expect(out.lines.at(-1)).toMatch(
      /^Xong \/ done: 4 hội viên trong [\d.]+ s \([\d.]+ dòng\/s\) → /,
    );
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const audit = await ctx.deps.db.system
      .selectFrom('auditLog')
      .select(['actorName', 'unitId', 'after'])
      .where('associationId', '=', t.associationId)
      .where('action', '=', 'member.export')
      .execute();
    expect(audit).toEqual([
      {
        actorName: expect.stringMatching(/^CLI \(.*\) — hoi export members$/),
        unitId: t.units.c1a,
        after: expect.objectContaining({ rows: 4, complete: true, via: 'cli', file }),
      },
    ]);
  });

  it('filters by status and writes .xlsx (format from --format or the extension)', async () => {
    const file = path.join(dir, 'b1a.out');
    const r = await cliExportMembers(
      ctx.deps,
      { unit: codeOf(t, 'c1a'), out: file, format: 'xlsx', status: 'active', association: t.code },
      io(),
    );
    expect(r).toMatchObject({ format: 'xlsx', rows: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0]!.getCell('C4').value).toBe('Trần Thị Đào');
  });

  it('fails with a clear message on an unknown unit, an ambiguous code, a bad status or an unwritable path', async () => {
    const file = path.join(dir, 'x.csv');
    const err = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).toEnvelope().error;
    };
    expect(
      await err(cliExportMembers(ctx.deps, { unit: 'KHONG-CO', out: file }, io())),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Không tìm thấy đơn vị có mã KHONG-CO',
      messageEn: 'No unit with code KHONG-CO',
    });
    expect(
      await err(cliExportMembers(ctx.deps, { unit: codeOf(t, 'b1a'), out: file }, io())),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('--association'),
    });
    expect(
      await err(
        cliExportMembers(ctx.deps, { unit: codeOf(t, 'c1a'), out: file, status: 'ngu' }, io()),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(
      await err(
        cliExportMembers(
          ctx.deps,
          { unit: codeOf(t, 'c1a'), out: path.join(dir, 'no', 'such', 'dir.csv') },
          io(),
        ),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      messageEn: expect.stringContaining('no/such/dir.csv'),
    });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('picks the unit of the named association, and its actor stays inside that unit’s subtree', async () => {
    const scope = await resolveCliScope(ctx.deps, {
      unitCode: codeOf(t, 'b1a'),
      association: other.associationId,
    });
    expect(scope.unit.name).toBe('Trùng mã');
    const mine = await resolveCliScope(ctx.deps, {
      unitCode: codeOf(t, 'b1a'),
      association: t.code,
    });
    expect(mine.association.id).toBe(t.associationId);
    const sink = fs.createWriteStream(path.join(dir, 'scope.csv'));
    await expect(
      writeMemberExport(ctx.deps, mine.actor, { unitId: t.units.c1b }, 'csv', sink),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    sink.destroy();
  });
});

describe('hoi export members (the real command)', () => {
  const bin = path.resolve(import.meta.dirname, '../../bin/hoi.js');
  const env = {
    ...process.env,
    HOI_DATA_DIR: path.join(dir, 'data'),
    HOI_ADMIN_PASSWORD: 'cli-admin-password',
    DATABASE_URL: '',
  };
  const hoi = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('exits 0 with the file written and a JSON summary, 1 with a message on an unknown unit', () => {
    expect(hoi('seed', '--demo').code).toBe(0);
    const file = path.join(dir, 'ba-dinh.xlsx');
    const ok = hoi('export', 'members', '--unit', 'HN-00004', '--out', file);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ file, format: 'xlsx', rows: expect.any(Number) });
    expect(ok.err).toMatch(/Xong \/ done: [\d.]+ hội viên/);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const bad = hoi('export', 'members', '--unit', 'KHONG-CO', '--out', file + '.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Không tìm thấy đơn vị có mã KHONG-CO / No unit with code KHONG-CO');
  }, 300_000);
});
