import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportRunBody, ImportUpload, Job } from '@hoi/contracts';
import { sql } from 'kysely';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/authorize.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  createJob,
  loadVisibleJob,
  presentJob,
  runJob,
  type JobActorRef,
} from '../jobs/jobs.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { formatOf, readTable, type TableFormat } from './files/read.js';
import {
  FIELD_LABELS,
  IMPORT_FIELDS,
  detectHeader,
  foldHeading,
  type HeaderDetection,
} from './normalize/headers.js';
import { cellText, IMPORT_JOB_KIND, type ImportParams } from './import-pipeline.js';

export const UPLOAD_KIND = 'member_import_upload';
/** Browser uploads stop here; bigger files go through `hoi import members`. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const SCAN_ROWS = 40;

export interface UploadParams extends Record<string, unknown> {
  path: string;
  fileName: string;
  format: TableFormat;
  sha256: string;
  bytes: number;
  unitId: string;
  headerRow: number;
  columns: HeaderDetection['columns'];
  sample: string[][];
}

/** Whom a job acts as when it runs (again): the user, re-checked then, or the system. */
function actorRefOf(actor: Actor): JobActorRef {
  return actor.via === 'cli'
    ? { kind: 'cli', displayName: actor.displayName }
    : { kind: 'user', userId: actor.userId };
}

function importsDir(deps: Deps) {
  const dir = path.join(deps.config.dataDir, 'imports');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Reads the first rows of a stored file and finds its header row and columns. */
export async function analyzeFile(
  filePath: string,
  format: TableFormat,
): Promise<{ headerRow: number; columns: HeaderDetection['columns']; sample: string[][] }> {
  const rows: { rowNumber: number; cells: unknown[] }[] = [];
  for await (const r of readTable(filePath, format)) {
    rows.push(r);
    if (rows.length >= SCAN_ROWS) break;
  }
  const grid = rows.map((r) => r.cells);
  const detected = detectHeader(grid);
  if (!detected) throw new AppError('IMPORT_HEADER_NOT_FOUND');
  const headerRow = rows[detected.headerRowIndex]!.rowNumber;
  const sample = rows
    .slice(detected.headerRowIndex + 1, detected.headerRowIndex + 11)
    .map((r) => r.cells.map(cellText));
  return { headerRow, columns: detected.columns, sample };
}

/** A saved mapping whose headings are those of this file replaces the automatic guess. */
export async function applySavedMapping(
  tx: Tx,
  columns: HeaderDetection['columns'],
): Promise<HeaderDetection['columns']> {
  const key = columns.map((c) => foldHeading(c.heading)).join('|');
  const templates = await tx
    .selectFrom('importTemplates')
    .select(['columns'])
    .orderBy('createdAt', 'desc')
    .execute();
  for (const t of templates) {
    if (t.columns.map((c) => foldHeading(c.heading)).join('|') === key) {
      return columns.map((c, i) => ({
        ...c,
        field: (t.columns[i]?.field ?? null) as HeaderDetection['columns'][number]['field'],
      }));
    }
  }
  return columns;
}

function presentUpload(id: string, p: UploadParams): ImportUpload {
  return {
    id,
    fileName: p.fileName,
    format: p.format,
    unitId: p.unitId,
    headerRow: p.headerRow,
    columns: p.columns.map((c) => ({ index: c.index, heading: c.heading, field: c.field })),
    sample: p.sample,
    fields: IMPORT_FIELDS.map((f) => ({
      field: f,
      vi: FIELD_LABELS[f].vi,
      en: FIELD_LABELS[f].en,
    })),
  };
}

/**
 * Stores an uploaded file, finds its header and proposes the column mapping. Nothing is read
 * into the registry here; the upload is kept (as a finished job) for the preview and commit.
 */
export async function uploadFile(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; fileName: string; body: Readable; maxBytes?: number },
): Promise<ImportUpload> {
  const format = formatOf(input.fileName);
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const unit = found(await unitsRepo.findUnit(tx, input.unitId));
    authorize(actor, 'member.manage', unit);
  });
  const id = newId();
  const filePath = path.join(importsDir(deps), `${id}.${format}`);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const limit = input.maxBytes ?? MAX_UPLOAD_BYTES;
  try {
    await pipeline(
      input.body,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > limit)
            return done(new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: limit }));
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      fs.createWriteStream(filePath),
    );
    const analysis = await analyzeFile(filePath, format);
    return await inTenant(deps.db.app, actor.associationId, async (tx) => {
      const columns = await applySavedMapping(tx, analysis.columns);
      const params: UploadParams = {
        path: filePath,
        fileName: path.basename(input.fileName).slice(0, 200),
        format,
        sha256: hash.digest('hex'),
        bytes,
        unitId: input.unitId,
        headerRow: analysis.headerRow,
        columns,
        sample: analysis.sample,
      };
      await createJob(tx, actor, {
        id,
        kind: UPLOAD_KIND,
        unitId: input.unitId,
        params,
        actorRef: actorRefOf(actor),
      });
      await tx
        .updateTable('jobs')
        .set({ status: 'done', finishedAt: new Date() })
        .where('id', '=', id)
        .execute();
      return presentUpload(id, params);
    });
  } catch (e) {
    fs.rmSync(filePath, { force: true });
    throw e;
  }
}

export async function getUpload(deps: Deps, actor: Actor, id: string): Promise<ImportUpload> {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const j = await loadVisibleJob(tx, actor, id);
    if (j.kind !== UPLOAD_KIND) throw new AppError('NOT_FOUND');
    return presentUpload(j.id, j.params as UploadParams);
  });
}

/**
 * Starts a preview (dry run) or the commit of an uploaded file, with the mapping as corrected
 * by the user, and runs it in the background; the caller follows the job.
 */
export async function startRun(
  deps: Deps,
  actor: Actor,
  uploadId: string,
  body: ImportRunBody,
): Promise<Job> {
  const job = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const upload = await loadVisibleJob(tx, actor, uploadId);
    if (upload.kind !== UPLOAD_KIND) throw new AppError('NOT_FOUND');
    const u = upload.params as UploadParams;
    const unit = found(await unitsRepo.findUnit(tx, u.unitId));
    authorize(actor, 'member.manage', unit);
    const columns = body.columns
      ? body.columns.map((c) => {
          if (c.field !== null && !(IMPORT_FIELDS as readonly string[]).includes(c.field)) {
            throw new AppError('VALIDATION_FAILED', { field: 'columns', value: c.field });
          }
          return {
            index: c.index,
            heading: c.heading,
            field: c.field as HeaderDetection['columns'][number]['field'],
          };
        })
      : u.columns;
    if (!columns.some((c) => c.field === 'fullName')) {
      throw new AppError(
        'VALIDATION_FAILED',
        { field: 'columns', reason: 'fullName column required' },
        {
          vi: 'Cần ghép một cột với "Họ và tên"',
          en: 'One column must be mapped to "Full name"',
        },
      );
    }
    if (body.saveTemplate) {
      await tx
        .insertInto('importTemplates')
        .values({
          associationId: actor.associationId,
          id: newId(),
          name: body.saveTemplate,
          columns: JSON.stringify(columns.map((c) => ({ heading: c.heading, field: c.field }))),
          createdBy: actor.userId,
        })
        .execute();
    }
    const params: ImportParams = {
      uploadId,
      path: u.path,
      fileName: u.fileName,
      format: u.format,
      unitId: u.unitId,
      headerRow: body.headerRow ?? u.headerRow,
      columns,
      communeChoices: body.communeChoices ?? {},
      mode: body.mode,
    };
    const id = await createJob(tx, actor, {
      kind: IMPORT_JOB_KIND,
      unitId: u.unitId,
      params: params as unknown as Record<string, unknown>,
      actorRef: actorRefOf(actor),
    });
    return found(await tx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst());
  });
  // Run now in this process; the worker resumes it should this process stop midway.
  void runJob(deps, actor.associationId, job.id).catch(() => undefined);
  return presentJob(job);
}

export async function listRows(
  deps: Deps,
  actor: Actor,
  jobId: string,
  q: {
    outcome?: 'new' | 'update' | 'duplicate' | 'error' | 'warning';
    after: number;
    limit: number;
  },
) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const j = await loadVisibleJob(tx, actor, jobId);
    if (j.kind !== IMPORT_JOB_KIND) throw new AppError('NOT_FOUND');
    let sel = tx
      .selectFrom('importRows')
      .select(['rowNumber', 'outcome', 'issues', 'cells', 'membershipId'])
      .where('jobId', '=', jobId)
      .where('rowNumber', '>', q.after)
      .orderBy('rowNumber')
      .limit(q.limit + 1);
    if (q.outcome === 'warning')
      sel = sel
        .where('outcome', 'in', ['new', 'update'])
        .where(
          sql<boolean>`exists (select 1 from jsonb_array_elements(issues) i where i->>'severity' = 'warning')`,
        );
    else if (q.outcome) sel = sel.where('outcome', '=', q.outcome);
    const rows = await sel.execute();
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map((r) => ({
      rowNumber: r.rowNumber,
      outcome: r.outcome,
      issues: r.issues as {
        code: string;
        message: string;
        messageEn: string;
        severity: 'error' | 'warning' | 'info';
        field?: string;
      }[],
      cells: (r.cells as string[] | null) ?? null,
      memberId: r.membershipId,
    }));
    return { items, next: more ? items[items.length - 1]!.rowNumber : null };
  });
}

/** The file's headings and the rows that did not go in (errors, duplicates within the file). */
export async function* reportRows(deps: Deps, actor: Actor, jobId: string) {
  const j = await inTenant(deps.db.app, actor.associationId, (tx) =>
    loadVisibleJob(tx, actor, jobId),
  );
  if (j.kind !== IMPORT_JOB_KIND) throw new AppError('NOT_FOUND');
  if (j.status !== 'done' && j.status !== 'failed' && j.status !== 'cancelled')
    throw new AppError('JOB_NOT_FINISHED');
  const p = j.params as unknown as ImportParams;
  yield { headings: headingsOf(p.columns) } as const;
  let after = 0;
  for (;;) {
    const page = await inTenant(deps.db.app, actor.associationId, (tx) =>
      tx
        .selectFrom('importRows')
        .select(['rowNumber', 'issues', 'cells'])
        .where('jobId', '=', jobId)
        .where('cells', 'is not', null)
        .where('rowNumber', '>', after)
        .orderBy('rowNumber')
        .limit(2000)
        .execute(),
    );
    for (const r of page) {
      const issues = r.issues as { severity: string; message: string }[];
      yield {
        rowNumber: r.rowNumber,
        cells: (r.cells as string[]) ?? [],
        errors: issues.filter((i) => i.severity === 'error').map((i) => i.message),
        warnings: issues.filter((i) => i.severity !== 'error').map((i) => i.message),
      } as const;
    }
    if (page.length < 2000) break;
    after = page[page.length - 1]!.rowNumber;
  }
}

/** The file's headings in column order (gaps filled), as the report's first row repeats them. */
export function headingsOf(columns: HeaderDetection['columns']): string[] {
  const width = columns.reduce((w, c) => Math.max(w, c.index + 1), 0);
  const out = Array.from({ length: width }, () => '');
  for (const c of columns) out[c.index] = c.heading;
  return out;
}
