/**
 * `hoi import members` as a user runs it: real processes on a real embedded database, exit codes,
 * the error report, and a `kill -9` in the middle of an import.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/engine.js';

const bin = path.resolve(import.meta.dirname, '../../bin/hoi.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-import-cli-'));
const env = {
  ...process.env,
  HOI_DATA_DIR: dataDir,
  HOI_ADMIN_PASSWORD: 'cli-admin-password',
  DATABASE_URL: '',
};
const UNIT = 'HN-00008';
const BATCH = 5000;

function hoi(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let serial = 100000;
function idFor(year: number, female: boolean): string {
  serial += 1;
  return `001${female ? 1 : 0}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A name word made of letters only, unique per n. */
function word(n: number): string {
  let s = '';
  do {
    s = LETTERS[n % 26]! + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function writeCsv(file: string, rows: string[][]) {
  fs.writeFileSync(file, '\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
}

beforeAll(() => {
  const seed = hoi('seed', '--demo');
  expect(seed.code, seed.err).toBe(0);
}, 300_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hoi import members', () => {
  it('exit codes: 0 all imported, 2 some rows in the report, 1 fatal with nothing written', () => {
    const good = path.join(dataDir, 'good.csv');
    writeCsv(good, [
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD'],
      ['Nguyễn Văn Cờ Lai', '1950', 'Nam', idFor(1950, false)],
      ['Trần Thị Cờ Lai', '1952', 'Nữ', idFor(1952, true)],
    ]);
    const dry = hoi('import', 'members', good, '--unit', UNIT, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ new: 2, rows: 2 });
    const ok = hoi('import', 'members', good, '--unit', UNIT);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ new: 2 });
    // The dry run wrote nothing: the real run still found both rows new; a second run finds them.
    const again = hoi('import', 'members', good, '--unit', UNIT);
    expect(JSON.parse(again.out)).toMatchObject({ new: 0, duplicate: 2 });

    const mixed = path.join(dataDir, 'mixed.csv');
    writeCsv(mixed, [
      ['Họ và tên', 'Ngày sinh', 'Số CCCD'],
      ['Lê Văn Cờ Hai', '01/02/1949', idFor(1949, false)],
      ['Lê Văn Sai', '31/02/1949', ''],
    ]);
    const report = path.join(dataDir, 'bao-cao.xlsx');
    const some = hoi('import', 'members', mixed, '--unit', UNIT, '--report', report);
    expect(some.code, some.err).toBe(2);
    expect(JSON.parse(some.out)).toMatchObject({ new: 1, error: 1, reported: 1 });
    expect(fs.existsSync(report)).toBe(true);

    const unknownUnit = hoi('import', 'members', good, '--unit', 'NO-SUCH-UNIT');
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.err).toContain('NO-SUCH-UNIT');
    const missing = hoi('import', 'members', path.join(dataDir, 'missing.csv'), '--unit', UNIT);
    expect(missing.code).toBe(1);
    const xls = path.join(dataDir, 'old.xls');
    fs.writeFileSync(xls, 'x');
    const legacy = hoi('import', 'members', xls, '--unit', UNIT);
    expect(legacy.code).toBe(1);
    expect(legacy.err).toMatch(/xlsx/);
  }, 300_000);

  it('reads the error report back: the original row and the reason', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dataDir, 'bao-cao.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('Họ và tên');
    expect(ws.getRow(2).getCell(1).text).toBe('Lê Văn Sai');
    expect(ws.getRow(2).getCell(2).text).toBe('31/02/1949');
    const texts: string[] = [];
    ws.getRow(2).eachCell((c) => texts.push(c.text));
    expect(texts.join(' ')).toMatch(/ngày|date/i);
  });

  it('after kill -9 mid-import no partial batch remains, and running the command again resumes', async () => {
    const rows = 18_000;
    const file = path.join(dataDir, 'big.csv');
    const lines = [['Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD']];
    for (let i = 0; i < rows; i++) {
      const female = i % 2 === 1;
      const year = 1940 + (i % 20);
      lines.push([
        `Phạm ${female ? 'Thị' : 'Văn'} ${word(i + 1000)}`,
        String(year),
        female ? 'Nữ' : 'Nam',
        idFor(year, female),
      ]);
    }
    writeCsv(file, lines);

    // Run it, and kill it hard once it has read past two batches.
    const child = spawn(process.execPath, [bin, 'import', 'members', file, '--unit', UNIT], {
      env,
    });
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const done = [...stderr.matchAll(/^([\d.]+) \/ ~/gm)].map((m) =>
          Number(m[1]!.replace(/\./g, '')),
        );
        if (done.length && done[done.length - 1]! > 2 * BATCH + 500 && child.exitCode === null)
          child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(child.signalCode, stderr).toBe('SIGKILL');

    const db = await openDatabase({ databaseUrl: null, dataDir: path.join(dataDir, 'pgdata') });
    let imported: number;
    try {
      const r = await sql<{
        n: number;
      }>`select count(*)::int as n from member_events e join jobs j on j.id = (e.details->>'jobId')::uuid
        where e.kind = 'imported' and j.params->>'fileName' = 'big.csv'`.execute(db.system);
      imported = r.rows[0]!.n;
      const job = await sql<{
        status: string;
        through: number;
      }>`select status, (checkpoint->>'through')::int as through from jobs
        where kind = 'member_import' and params->>'fileName' = 'big.csv'`.execute(db.system);
      expect(job.rows, stderr).toHaveLength(1);
      expect(job.rows[0]!.status).toBe('running');
      // Whole batches only: every committed batch is complete, the one in flight left nothing.
      expect(imported % BATCH).toBe(0);
      expect(imported).toBeGreaterThanOrEqual(BATCH);
      expect(imported).toBeLessThan(rows);
      expect(job.rows[0]!.through).toBe(imported + 1);
    } finally {
      await db.close();
    }

    const resumed = hoi('import', 'members', file, '--unit', UNIT);
    expect(resumed.code, resumed.err).toBe(0);
    const out = JSON.parse(resumed.out);
    expect(out).toMatchObject({ resumed: true, rows: rows, new: rows, error: 0, duplicate: 0 });

    const check = await openDatabase({ databaseUrl: null, dataDir: path.join(dataDir, 'pgdata') });
    try {
      const r = await sql<{
        n: number;
        people: number;
      }>`select count(*)::int as n, count(distinct m.person_id)::int as people
        from member_events e join memberships m on m.id = e.membership_id
        where e.kind = 'imported' and e.details->>'file' = 'big.csv'`.execute(check.system);
      expect(r.rows[0]).toEqual({ n: rows, people: rows });
    } finally {
      await check.close();
    }
  }, 600_000);
});
