/**
 * `hoi import members FILE --unit CODE [--dry-run] [--report REPORT.xlsx] [--restart]`: the member
 * import as a job run in this process, with progress on stderr. Running the same command again
 * after a crash (even `kill -9`) resumes the unfinished job after its last committed batch;
 * `--restart` abandons it and starts over (rows already imported then count as duplicates).
 *
 * Exit codes: 0 every row imported; 2 some rows went to the error report; 1 a fatal error
 * (unreadable file, unknown unit, no header row) with nothing written.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ImportCounts } from '@hoi/contracts';
import { sql } from 'kysely';
import { inTenant } from '../db/engine.js';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { formatOf } from '../modules/imports/files/read.js';
import { createReportWriter } from '../modules/imports/files/write.js';
import { IMPORT_JOB_KIND, type ImportParams } from '../modules/imports/import-pipeline.js';
import { analyzeFile, applySavedMapping, reportRows } from '../modules/imports/imports.service.js';
import { registerJobHandlers } from '../modules/jobs/handlers.js';
import { createJob, runJob } from '../modules/jobs/jobs.service.js';
import { resolveCliScope } from './cli-scope.js';

export interface ImportMembersOptions {
  unit: string;
  dryRun?: boolean | undefined;
  report?: string | undefined;
  association?: string | undefined;
  restart?: boolean | undefined;
}

export interface ImportIo {
  log(line: string): void;
  now(): number;
}
const defaultIo: ImportIo = {
  log: (l) => process.stderr.write(`${l}\n`),
  now: () => performance.now(),
};

const grouped = (n: number) => n.toLocaleString('vi-VN');

async function sha256Of(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

/** Data lines of a CSV, counted fast for the progress bar (an estimate: quoted newlines count too). */
async function csvLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n += 1;
  }
  return n;
}

export interface ImportMembersOutcome {
  jobId: string;
  counts: ImportCounts;
  reported: number;
  report: string | null;
  exitCode: 0 | 1 | 2;
  resumed: boolean;
}

export async function cliImportMembers(
  deps: Deps,
  file: string,
  o: ImportMembersOptions,
  io: ImportIo = defaultIo,
): Promise<ImportMembersOutcome> {
  registerJobHandlers();
  const abs = path.resolve(file);
  const format = formatOf(abs);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
    throw new AppError(
      'NOT_FOUND',
      { file: abs },
      { vi: `Không có tệp ${abs}`, en: `No such file ${abs}` },
    );
  }
  const { actor, unit } = await resolveCliScope(deps, {
    unitCode: o.unit,
    association: o.association,
    command: 'hoi import members',
  });
  const mode = o.dryRun ? 'preview' : 'commit';
  const sha256 = await sha256Of(abs);
  const analysis = await analyzeFile(abs, format);

  const { jobId, resumed } = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const open = await tx
      .selectFrom('jobs')
      .select(['id'])
      .where('kind', '=', IMPORT_JOB_KIND)
      .where('status', 'in', ['queued', 'running'])
      .where(
        sql<boolean>`params->>'sha256' = ${sha256} and params->>'unitId' = ${unit.id} and params->>'mode' = ${mode}`,
      )
      .orderBy('createdAt', 'desc')
      .execute();
    if (open.length && !o.restart) {
      // Whoever ran it is gone (this is the only process on the database): carry on from its checkpoint.
      await tx
        .updateTable('jobs')
        .set({ heartbeatAt: null })
        .where('id', '=', open[0]!.id)
        .execute();
      return { jobId: open[0]!.id, resumed: true };
    }
    if (open.length) {
      await tx
        .updateTable('jobs')
        .set({ status: 'cancelled', finishedAt: new Date() })
        .where(
          'id',
          'in',
          open.map((j) => j.id),
        )
        .execute();
    }
    const columns = await applySavedMapping(tx, analysis.columns);
    const params: ImportParams & { sha256: string } = {
      uploadId: '',
      path: abs,
      fileName: path.basename(abs),
      format,
      unitId: unit.id,
      headerRow: analysis.headerRow,
      columns,
      communeChoices: {},
      mode,
      sha256,
    };
    const id = await createJob(tx, actor, {
      kind: IMPORT_JOB_KIND,
      unitId: unit.id,
      params: params as unknown as Record<string, unknown>,
      actorRef: { kind: 'cli', displayName: actor.displayName },
    });
    return { jobId: id, resumed: false };
  });

  const mapped = analysis.columns.filter((c) => c.field).map((c) => `${c.heading} → ${c.field}`);
  io.log(
    `${o.dryRun ? 'Xem trước / dry run' : 'Nhập / importing'}: ${abs} → ${unit.name} (${unit.code})`,
  );
  io.log(`Dòng tiêu đề / header row ${analysis.headerRow}; cột / columns: ${mapped.join(', ')}`);
  if (resumed) io.log(`Tiếp tục tác vụ dở dang / resuming job ${jobId}`);
  const total = format === 'csv' ? Math.max(0, (await csvLines(abs)) - analysis.headerRow) : null;
  const t0 = io.now();
  let lastLog = 0;
  const bar = (done: number) => {
    const now = io.now();
    if (now - lastLog < 1000) return;
    lastLog = now;
    const rate = Math.round(done / Math.max((now - t0) / 1000, 0.001));
    const pct = total
      ? ` ${Math.min(100, Math.floor((done / total) * 100))}% ${'█'.repeat(Math.floor((done / total) * 20)).padEnd(20, '░')}`
      : '';
    io.log(
      `${grouped(done)}${total ? ` / ~${grouped(total)}` : ''} dòng / rows${pct} — ${grouped(rate)} dòng/s`,
    );
  };
  const job = await runJob(deps, actor.associationId, jobId, {
    actor,
    onProgress: (done) => bar(done),
  });
  if (!job || job.status !== 'done') {
    const err = (job?.error ?? null) as {
      code?: string;
      message?: string;
      messageEn?: string;
    } | null;
    throw new AppError(
      'INTERNAL',
      { jobId, status: job?.status ?? 'missing', error: err },
      {
        vi: `Tác vụ nhập dừng (${job?.status ?? '?'}): ${err?.message ?? ''}. Chạy lại cùng lệnh để tiếp tục`,
        en: `The import stopped (${job?.status ?? '?'}): ${err?.messageEn ?? ''}. Run the same command again to resume`,
      },
    );
  }
  const counts = (job.result as { counts: ImportCounts }).counts;
  const seconds = (io.now() - t0) / 1000;
  const reported = await inTenant(deps.db.app, actor.associationId, async (tx) =>
    Number(
      (
        await tx
          .selectFrom('importRows')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('jobId', '=', jobId)
          .where('cells', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
  io.log(
    `Xong / done trong ${seconds.toFixed(1)} s: ${grouped(counts.rows)} dòng — mới/new ${grouped(counts.new)}, cập nhật/update ${grouped(counts.update)}, trùng/duplicate ${grouped(counts.duplicate)}, lỗi/error ${grouped(counts.error)}, có cảnh báo/with warnings ${grouped(counts.warning)}, bỏ qua/skipped ${grouped(counts.skipped)}`,
  );
  let report: string | null = null;
  if (o.report && reported > 0) {
    report = path.resolve(o.report);
    const rows = reportRows(deps, actor, jobId);
    const first = await rows.next();
    const writer = await createReportWriter(report, formatOf(report), {
      headings: (first.value as { headings: string[] }).headings,
    });
    for await (const r of rows) await writer.add(r as never);
    await writer.close();
    io.log(`Báo cáo lỗi / error report: ${report} (${grouped(reported)} dòng / rows)`);
  } else if (reported > 0) {
    io.log(
      `${grouped(reported)} dòng không nhập được; thêm --report BAO-CAO.xlsx để nhận báo cáo / rows not imported; add --report FILE for the report`,
    );
  }
  return { jobId, counts, reported, report, exitCode: reported > 0 ? 2 : 0, resumed };
}
