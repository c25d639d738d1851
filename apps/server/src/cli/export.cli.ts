/**
 * `hoi export members --unit CODE --format xlsx|csv --out FILE [--status …] [--association X]`:
 * the filtered member list of a unit's subtree, streamed to a file through the same row source
 * and writers as `GET /api/members/export`.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { MemberFilterSchema } from '@hoi/contracts';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { writeMemberExport, type ExportFormat } from '../modules/members/members.export.js';
import { resolveCliScope } from './cli-scope.js';

export interface ExportMembersOptions {
  unit: string;
  out: string;
  /** xlsx or csv; by default from the file's extension, else xlsx. */
  format?: string | undefined;
  /** Comma-separated statuses; by default every status (as the list). */
  status?: string | undefined;
  association?: string | undefined;
}

/** Where progress lines go (stderr by default), and the clock that times them. */
export interface ExportIo {
  log(line: string): void;
  now(): number;
  /** Rows between two progress lines. */
  every: number;
}

const defaultIo: ExportIo = {
  log: (line) => process.stderr.write(`${line}\n`),
  now: () => performance.now(),
  every: 50_000,
};

function invalid(vi: string, en: string, details?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', details, { vi, en });
}

function formatOf(o: ExportMembersOptions): ExportFormat {
  const f = (o.format ?? path.extname(o.out).slice(1)).toLowerCase();
  if (f === 'csv' || f === 'xlsx') return f;
  if (o.format === undefined) return 'xlsx';
  throw invalid(
    `Định dạng không hỗ trợ: ${o.format} (chọn xlsx hoặc csv)`,
    `Unsupported format: ${o.format} (use xlsx or csv)`,
  );
}

const rate = (rows: number, ms: number) => Math.round(rows / Math.max(ms / 1000, 0.001));
const grouped = (n: number) => n.toLocaleString('vi-VN');

/** Opens `tmp` (beside `file`) for writing, or fails with a message that names `file`. */
async function openOut(tmp: string, file: string): Promise<fs.WriteStream> {
  const s = fs.createWriteStream(tmp, { flags: 'wx' });
  try {
    await once(s, 'open');
    return s;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new AppError(
      'VALIDATION_FAILED',
      { file, reason: err.code ?? err.message },
      {
        vi: `Không ghi được tệp ${file} (${err.code ?? err.message})`,
        en: `Cannot write the file ${file} (${err.code ?? err.message})`,
      },
    );
  }
}

/**
 * Exports the members of unit `o.unit`'s subtree to `o.out`, written to a temporary file beside
 * it and renamed when complete (an interrupted export leaves no partial file under the name).
 * Prints progress to stderr every `io.every` rows and at the end, with rows per second; one
 * audit entry records the export. Resolves with what was written.
 *
 * @example
 *   await cliExportMembers(deps, { unit: 'HN-00004', out: 'hoi-vien.xlsx' });
 */
export async function cliExportMembers(
  deps: Deps,
  o: ExportMembersOptions,
  io: ExportIo = defaultIo,
): Promise<{ file: string; format: ExportFormat; rows: number; seconds: number }> {
  const format = formatOf(o);
  const { actor, unit } = await resolveCliScope(deps, {
    unitCode: o.unit,
    association: o.association,
    command: 'hoi export members',
  });
  const parsed = MemberFilterSchema.safeParse({ unitId: unit.id, status: o.status });
  if (!parsed.success)
    throw invalid(
      `Trạng thái không hợp lệ: ${o.status}`,
      `Invalid status: ${o.status}`,
      parsed.error.issues.map((i) => i.message),
    );
  const file = path.resolve(o.out);
  const tmp = `${file}.${process.pid}.part`;
  const out = await openOut(tmp, file);
  const t0 = io.now();
  let next = io.every;
  const progress = (rows: number) => {
    if (rows < next) return;
    next = (Math.floor(rows / io.every) + 1) * io.every;
    const ms = io.now() - t0;
    io.log(
      `Đã xuất / exported ${grouped(rows)} hội viên — ${(ms / 1000).toFixed(1)} s, ${grouped(rate(rows, ms))} dòng/s (rows/s)`,
    );
  };
  io.log(`Xuất / exporting ${unit.name} (${unit.code}) → ${file} [${format}]`);
  let rows: number;
  try {
    rows = await writeMemberExport(deps, actor, parsed.data, format, out, {
      onProgress: progress,
      context: { via: 'cli', file },
    });
    if (!out.closed) await once(out, 'close');
    fs.renameSync(tmp, file);
  } catch (e) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const ms = io.now() - t0;
  io.log(
    `Xong / done: ${grouped(rows)} hội viên trong ${(ms / 1000).toFixed(1)} s (${grouped(rate(rows, ms))} dòng/s) → ${file}`,
  );
  return { file, format, rows, seconds: Math.round(ms) / 1000 };
}
