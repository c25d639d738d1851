import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OLD_PROVINCE_ID_PREFIXES } from '@hoi/contracts';
import { sql } from 'kysely';
import { resolveCliScope } from '../../apps/server/src/cli/cli-scope.js';
import {
  IMPORT_JOB_KIND,
  type ImportParams,
} from '../../apps/server/src/modules/imports/import-pipeline.js';
import { analyzeFile } from '../../apps/server/src/modules/imports/imports.service.js';
import { registerJobHandlers } from '../../apps/server/src/modules/jobs/handlers.js';
import { createJob, runJob } from '../../apps/server/src/modules/jobs/jobs.service.js';
import { inTenant } from '../../apps/server/src/db/engine.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';
import { createTestTree } from '../../apps/server/src/test/factories.js';
import type { Result } from './run.js';

/** Rows of the CSV import (the figure is 1,000,000; BENCH_IMPORT_ROWS for a quick look). */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_IMPORT_XLSX_ROWS ?? 100_000);

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_M = ['Văn', 'Đức', 'Công', 'Hữu', 'Quang', 'Minh', 'Xuân', 'Đình'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Minh', 'Hồng', 'Mai'];
const GIVEN = [
  'An',
  'Bình',
  'Cúc',
  'Dung',
  'Đào',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Liên',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Nhung',
  'Phúc',
  'Phương',
  'Quý',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thu',
  'Trang',
  'Tuấn',
  'Vân',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PREFIXES = Object.keys(OLD_PROVINCE_ID_PREFIXES).sort();

/** Row i of the generated list: a unique person (the ID number's serial is i) with typical fields. */
function row(i: number): string[] {
  const female = i % 2 === 1;
  const year = 1935 + (i % 40);
  const serial = String(i).padStart(6, '0').slice(-6);
  const prefix = PREFIXES[Math.floor(i / 1_000_000) % PREFIXES.length]!;
  // Unique names even past the combinations of the lists: a suffix word from i.
  let n = Math.floor(i / 4096);
  let suffix = '';
  do {
    suffix = LETTERS[n % 26]! + suffix;
    n = Math.floor(n / 26);
  } while (n > 0);
  const name = `${FAMILY[i % 16]} ${(female ? MIDDLE_F : MIDDLE_M)[(i >> 4) % 8]} ${GIVEN[(i >> 7) % 32]} ${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}`;
  return [
    name,
    `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${year}`,
    female ? 'Nữ' : 'Nam',
    `${prefix}${female ? 1 : 0}${String(year % 100).padStart(2, '0')}${serial}`,
    `09${String(10_000_000 + (i % 89_999_999)).slice(-8)}`,
    `Thôn ${1 + (i % 12)}`,
    `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${2000 + (i % 25)}`,
  ];
}
const HEADINGS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Số điện thoại',
  'Thôn/xóm',
  'Ngày vào hội',
];

async function writeCsv(file: string, rows: number, offset: number) {
  const out = fs.createWriteStream(file, { mode: 0o644 });
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${HEADINGS.join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${row(offset + i).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

/** Peak resident memory while `fn` runs (sampled every 100 ms). */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; peakMb: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    return {
      value,
      peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576),
      ms: performance.now() - t0,
    };
  } finally {
    clearInterval(timer);
  }
}

/** The raw COPY of the same file into a plain table of text columns, on the same engine. */
async function copyBaseline(deps: Deps, file: string): Promise<number> {
  await sql`create table if not exists bench_copy (full_name text, birth text, gender text, id_number text, phone text, hamlet text, joined text)`.execute(
    deps.db.system,
  );
  await sql`truncate bench_copy`.execute(deps.db.system);
  const t0 = performance.now();
  if (deps.db.pglite) {
    const blob = new Blob([fs.readFileSync(file)]);
    await deps.db.pglite.query(
      `copy bench_copy from '/dev/blob' with (format csv, header true)`,
      [],
      { blob },
    );
  } else {
    await sql
      .raw(`copy bench_copy from '${file}' with (format csv, header true)`)
      .execute(deps.db.system);
  }
  const ms = performance.now() - t0;
  await sql`drop table bench_copy`.execute(deps.db.system);
  return ms;
}

async function importFile(deps: Deps, file: string, unitCode: string) {
  registerJobHandlers();
  const { actor, unit } = await resolveCliScope(deps, { unitCode, command: 'bench' });
  const format = file.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const analysis = await analyzeFile(file, format);
  const id = await inTenant(deps.db.app, actor.associationId, (tx) => {
    const params: ImportParams = {
      uploadId: '',
      path: file,
      fileName: path.basename(file),
      format,
      unitId: unit.id,
      headerRow: analysis.headerRow,
      columns: analysis.columns,
      communeChoices: {},
      mode: 'commit',
    };
    return createJob(tx, actor, {
      kind: IMPORT_JOB_KIND,
      unitId: unit.id,
      params: params as never,
      actorRef: { kind: 'cli', displayName: 'bench' },
    });
  });
  let last = 0;
  const job = await runJob(deps, actor.associationId, id, {
    actor,
    onProgress: (done) => {
      if (done - last >= 100_000) {
        last = done;
        console.log(`[${deps.db.kind}] import: ${done} rows`);
      }
    },
  });
  if (job?.status !== 'done')
    throw new Error(`import job ${job?.status}: ${JSON.stringify(job?.error)}`);
  return job.result as { counts: { new: number; error: number } };
}

/**
 * Bulk import (issue #4): a 1,000,000-row CSV through the whole pipeline (parse, normalize,
 * validate, dedupe against the registry, insert) against a raw COPY of the same file on the same
 * engine; a 100,000-row .xlsx on the embedded engine; peak memory of each.
 */
export async function benchImport(deps: Deps): Promise<Result[]> {
  const engine = deps.db.kind;
  const out: Result[] = [];
  const tree = await createTestTree(deps);
  const unitCode = (
    await deps.db.system
      .selectFrom('units')
      .select('code')
      .where('id', '=', tree.units.c1a!)
      .executeTakeFirstOrThrow()
  ).code;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-bench-import-'));
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, 'members.csv');
  try {
    // Each engine run gets its own people (the registry is shared platform-wide by ID number).
    const offset = engine === 'pglite' ? 0 : 2_000_000;
    await writeCsv(file, ROWS, offset);
    const copyMs = await copyBaseline(deps, file);
    console.log(`[${engine}] COPY of ${ROWS} rows: ${(copyMs / 1000).toFixed(1)} s`);
    const run = await withPeakRss(() => importFile(deps, file, unitCode));
    const ratio = run.ms / copyMs;
    console.log(
      `[${engine}] import of ${ROWS} rows: ${(run.ms / 1000).toFixed(1)} s (${run.value.counts.new} new), peak RSS ${run.peakMb} MB`,
    );
    out.push({
      engine,
      name: `CSV import ${ROWS.toLocaleString('vi-VN')} rows (raw COPY ${(copyMs / 1000).toFixed(1)} s)`,
      target: '≤ 2× COPY',
      value: `${(run.ms / 1000).toFixed(1)} s = ${ratio.toFixed(1)}×`,
      ok: ratio <= 2 && run.value.counts.new === ROWS,
    });
    out.push({
      engine,
      name: 'CSV import peak RSS',
      target: '≤ 1024 MB',
      value: `${run.peakMb} MB`,
      ok: run.peakMb <= 1024,
    });

    if (engine === 'pglite' && XLSX_ROWS > 0) {
      const xlsx = path.join(dir, 'members.xlsx');
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: xlsx,
        useStyles: false,
        useSharedStrings: false,
      });
      const ws = wb.addWorksheet('Hội viên');
      ws.addRow(HEADINGS).commit();
      for (let i = 0; i < XLSX_ROWS; i++) ws.addRow(row(5_000_000 + i)).commit();
      ws.commit();
      await wb.commit();
      const x = await withPeakRss(() => importFile(deps, xlsx, unitCode));
      console.log(
        `[${engine}] xlsx import of ${XLSX_ROWS} rows: ${(x.ms / 1000).toFixed(1)} s, peak RSS ${x.peakMb} MB`,
      );
      out.push({
        engine,
        name: `.xlsx import ${XLSX_ROWS.toLocaleString('vi-VN')} rows`,
        target: '≤ 60 s',
        value: `${(x.ms / 1000).toFixed(1)} s`,
        ok: x.ms <= 60_000 && x.value.counts.new === XLSX_ROWS,
      });
      out.push({
        engine,
        name: '.xlsx import peak RSS',
        target: '≤ 1024 MB',
        value: `${x.peakMb} MB`,
        ok: x.peakMb <= 1024,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
