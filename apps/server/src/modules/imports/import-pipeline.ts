/**
 * The member import as a job: read the file as a stream, normalize every row, resolve its unit
 * and its (old or new) address, find duplicates within the file and against the registry, then
 * either record the classification (preview) or write the batch (commit). Each batch of rows is
 * one transaction together with the job's checkpoint, so a crash leaves whole batches only and
 * the job resumes after the last one. Rows are classified identically on resume: rows before the
 * checkpoint are read again (not written) to rebuild the in-file duplicate keys.
 */
import { foldVietnamese, type ImportCounts } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import { authorize, hasPermission } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { JobContext } from '../jobs/jobs.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { AddressIndex } from './address-index.js';
import type { TableFormat } from './files/read.js';
import type { HeaderDetection } from './normalize/headers.js';
import { formatDmy } from './normalize/cells.js';
import {
  classifyAgainstRegistry,
  writeBatch,
  type BatchContext,
  type Staged,
} from './import-batch.js';
import * as repo from './imports.repo.js';
import { issue } from './import-issues.js';
import { readRows, type ReadInput } from './read-rows.js';

export const IMPORT_JOB_KIND = 'member_import';
const BATCH = 5000;
const YIELD_EVERY = 100;

/** The items of the reader's chunks, one by one. */
async function* rowsOf<T>(chunks: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const chunk of chunks) yield* chunk;
}

export interface ImportParams {
  uploadId: string;
  path: string;
  fileName: string;
  format: TableFormat;
  sheet?: string;
  unitId: string;
  /** 1-based number of the last header row; data starts below it. */
  headerRow: number;
  columns: HeaderDetection['columns'];
  communeChoices: Record<string, string>;
  mode: 'preview' | 'commit';
}

export interface ImportResult extends Record<string, unknown> {
  counts: ImportCounts;
  splitCommunes: SplitCommune[];
  mode: 'preview' | 'commit';
}

interface SplitCommune {
  key: string;
  oldCommune: string;
  oldDistrict: string | null;
  oldProvince: string | null;
  rows: number;
  candidates: { code: string; name: string; provinceName: string }[];
}

interface Checkpoint {
  through: number;
  counts: ImportCounts;
}

export function emptyCounts(): ImportCounts {
  return { rows: 0, new: 0, update: 0, duplicate: 0, error: 0, warning: 0, skipped: 0 };
}

interface UnitRef {
  id: string;
  code: string;
  name: string;
  path: string;
  status: string;
}

/** The target unit's subtree, by code and by folded name, for the "Chi hội" column. */
async function loadUnits(tx: Tx, root: UnitRef) {
  const rows = await tx
    .selectFrom('units as u')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'),
    )
    .select(['u.id', 'u.code', 'u.name', 'u.status'])
    .select((eb) => eb.cast<string>('up.path', 'text').as('path'))
    .where((eb) => eb(eb.cast('up.path', 'text'), 'like', `${root.path}%`))
    .where('u.status', '=', 'active')
    .execute();
  const within = rows.filter((r) => r.path === root.path || r.path.startsWith(`${root.path}.`));
  const byCode = new Map(within.map((u) => [u.code.toUpperCase(), u]));
  const byName = new Map<string, UnitRef[]>();
  for (const u of within) {
    for (const k of unitNameKeys(u.name)) {
      const list = byName.get(k) ?? [];
      list.push(u);
      byName.set(k, list);
    }
  }
  return { byCode, byName };
}

/** "Chi hội Thôn Đông" is found as "Thôn Đông", "chi hoi thon dong" or "Đông". */
function unitNameKeys(name: string): string[] {
  const f = foldVietnamese(name)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const stripped = f.replace(/^(chi hoi|to hoi|hoi nct|hoi nguoi cao tuoi|hoi)\s+/, '');
  const bare = stripped.replace(
    /^(thon|xom|ap|ban|to dan pho|tdp|khu pho|khu|to|xa|phuong|thi tran)\s+/,
    '',
  );
  return [...new Set([f, stripped, bare].filter(Boolean))];
}

const personKey = (m: { fullName: string; birthDate: string | null }, place: string | null) =>
  `${foldVietnamese(m.fullName)}|${m.birthDate?.slice(0, 4) ?? ''}|${place ?? ''}`;

export async function runMemberImport(ctx: JobContext): Promise<ImportResult> {
  const { deps, job, actor } = ctx;
  const p = job.params as unknown as ImportParams;
  const today = todayIn(deps.clock);
  const saved = job.checkpoint as unknown as Partial<Checkpoint>;
  const cp: Checkpoint =
    saved.through && saved.counts
      ? { through: saved.through, counts: saved.counts }
      : { through: 0, counts: emptyCounts() };
  const counts = { ...cp.counts };
  const commit = p.mode === 'commit';

  const { root, units, canSensitive } = await inTenant(
    deps.db.app,
    actor.associationId,
    async (tx) => {
      const root = await unitsRepo.findUnit(tx, p.unitId);
      if (!root) throw new AppError('NOT_FOUND');
      authorize(actor, commit ? 'member.manage' : 'member.read', root);
      if (root.status !== 'active') throw new AppError('UNIT_INACTIVE');
      let canSensitive = true;
      try {
        authorize(actor, 'member.sensitive.read', root);
      } catch {
        canSensitive = false;
      }
      return {
        root,
        units: await loadUnits(tx, root),
        canSensitive: canSensitive && hasPermission(actor, 'member.sensitive.read'),
      };
    },
  );
  const addresses = await AddressIndex.load(deps.db.system);
  const batchContext: BatchContext = {
    actor,
    jobId: job.id,
    fileName: p.fileName,
    today,
    rootPath: root.path,
    canSensitive,
    pglite: deps.db.pglite,
  };

  const ids = new Map<string, number>();
  const people = new Map<string, number>();
  const numbers = new Map<string, number>();
  const splits = new Map<string, SplitCommune>();
  const unitCol = p.columns.some((c) => c.field === 'unit' || c.field === 'unitCode');
  let batch: Staged[] = [];
  let rowsRead = 0;

  /** Classifies against the registry and writes one batch (rows read up to `rowsDone`). */
  const flushRows = async (rows: Staged[], rowsDone: number) => {
    if (rows.length === 0) return;
    const through = rows[rows.length - 1]!.rowNumber;
    if (through <= cp.through) return; // written before the restart
    const fresh = rows.filter((r) => r.rowNumber > cp.through);
    await ctx.commitBatch(
      async (tx) => {
        await classifyAgainstRegistry(tx, batchContext, fresh);
        for (const r of fresh) {
          counts.rows += 1;
          counts[r.outcome!] += 1;
          if (
            r.outcome !== 'error' &&
            r.outcome !== 'duplicate' &&
            r.issues.some((i) => i.severity === 'warning')
          )
            counts.warning += 1;
        }
        if (commit) await writeBatch(tx, batchContext, fresh);
        await repo.insertBatch(
          tx,
          'import_rows',
          repo.IMPORT_ROW_COLUMNS,
          fresh
            .filter((r) => r.outcome !== 'new' || r.issues.length > 0)
            .map((r) => ({
              job_id: job.id,
              row_number: r.rowNumber,
              outcome: r.outcome,
              issues: r.issues,
              cells: r.outcome === 'error' || r.inFileDuplicate ? r.cells.map(cellText) : null,
              membership_id: r.match?.membershipId ?? null,
            })),
          actor.associationId,
          deps.db.pglite,
        );
        if (commit) {
          const written = fresh.filter((r) => r.outcome === 'new' || r.outcome === 'update');
          await recordAudit(tx, deps, actor, {
            action: 'member.import',
            entityType: 'job',
            entityId: job.id,
            unitId: root.id,
            after: {
              file: p.fileName,
              rows: [fresh[0]!.rowNumber, through],
              new: written.filter((r) => r.outcome === 'new').length,
              updated: written.filter((r) => r.outcome === 'update').length,
            },
          });
        }
      },
      { rowsDone, checkpoint: { through, counts } },
    );
    cp.through = through;
  };

  // Reading and normalizing the next batch (JavaScript) overlaps the database's work on the
  // previous one; batches still reach the database one after the other, in file order.
  let writing: Promise<void> = Promise.resolve();
  const failed: { error: Error | null } = { error: null };
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writing;
    if (failed.error) throw failed.error;
    writing = flushRows(rows, rowsRead).catch((e: unknown) => {
      failed.error = e instanceof Error ? e : new Error(String(e));
    });
  };

  const input: ReadInput = {
    path: p.path,
    format: p.format,
    ...(p.sheet ? { sheet: p.sheet } : {}),
    headerRow: p.headerRow,
    columns: p.columns,
    today,
  };
  for await (const { raw, row: r, sortKey } of rowsOf(readRows(input))) {
    if (ctx.cancelled()) throw new AppError('JOB_CANCELLED');
    if (r.blank || r.skip) {
      if (raw.rowNumber > cp.through) counts.skipped += 1;
      continue;
    }
    rowsRead += 1;
    const staged: Staged = {
      rowNumber: raw.rowNumber,
      cells: raw.cells,
      member: r.member,
      sortKey,
      unitId: null,
      communeCode: null,
      provinceCode: null,
      addressLegacy: r.member?.addressLegacy ?? null,
      issues: [
        ...r.errors.map((i) => ({ ...i, severity: 'error' as const })),
        ...r.warnings.map((i) => ({ ...i, severity: 'warning' as const })),
      ],
      outcome: null,
      inFileDuplicate: false,
    };
    const m = r.member;
    if (m) {
      // The unit: "Chi hội" / "Mã chi hội" within the target subtree, else the target itself.
      if (unitCol && (m.unitCode || m.unit)) {
        const byCode = m.unitCode ? units.byCode.get(m.unitCode.toUpperCase()) : undefined;
        const byName =
          !byCode && m.unit
            ? (units.byName.get(unitNameKeys(m.unit)[0]!) ??
              units.byName.get(unitNameKeys(m.unit).at(-1)!))
            : undefined;
        if (byCode) staged.unitId = byCode.id;
        else if (byName && byName.length === 1) staged.unitId = byName[0]!.id;
        else if (byName && byName.length > 1)
          staged.issues.push(
            issue('error', 'UNIT_AMBIGUOUS', 'unit', [m.unitCode ?? m.unit ?? '']),
          );
        else
          staged.issues.push(
            issue('error', 'UNIT_NOT_FOUND', 'unit', [m.unitCode ?? m.unit ?? '', root.name]),
          );
      } else staged.unitId = root.id;

      // The address: a new commune as written, or an old one through the official table.
      if (m.commune) {
        const found = addresses.resolveNew(m.commune, m.province);
        if (found.length === 1) {
          staged.communeCode = found[0]!.code;
          staged.provinceCode = found[0]!.provinceCode;
        } else if (m.oldAddress === null) {
          staged.issues.push(
            issue('warning', found.length ? 'COMMUNE_AMBIGUOUS' : 'COMMUNE_UNKNOWN', 'commune', [
              m.commune,
            ]),
          );
          staged.addressLegacy ??= [m.commune, m.province].filter(Boolean).join(', ');
        }
      }
      if (m.oldAddress && !staged.communeCode) {
        const o = m.oldAddress;
        const res = addresses.resolveOld(o.commune, o.district, o.province);
        staged.addressLegacy ??= [o.commune, o.district, o.province].filter(Boolean).join(', ');
        if (res.kind === 'resolved') {
          staged.communeCode = res.commune.code;
          staged.provinceCode = res.commune.provinceCode;
          staged.issues.push(
            issue('info', 'ADDRESS_CONVERTED', 'oldCommune', [
              res.oldName,
              `${res.commune.name}, ${res.commune.provinceName}`,
            ]),
          );
        } else if (res.kind === 'split') {
          const chosen = p.communeChoices[res.key];
          const pick = chosen ? res.candidates.find((c) => c.code === chosen) : undefined;
          if (pick) {
            staged.communeCode = pick.code;
            staged.provinceCode = pick.provinceCode;
            staged.issues.push(
              issue('info', 'ADDRESS_CONVERTED', 'oldCommune', [
                res.oldName,
                `${pick.name}, ${pick.provinceName}`,
              ]),
            );
          } else {
            const s = splits.get(res.key) ?? {
              key: res.key,
              oldCommune: res.oldName,
              oldDistrict: o.district,
              oldProvince: o.province,
              rows: 0,
              candidates: res.candidates.map((c) => ({
                code: c.code,
                name: c.name,
                provinceName: c.provinceName,
              })),
            };
            s.rows += 1;
            splits.set(res.key, s);
            staged.issues.push(
              issue('error', 'COMMUNE_SPLIT', 'oldCommune', [
                res.oldName,
                res.candidates.map((c) => c.name).join(', '),
              ]),
            );
          }
        } else if (res.kind === 'ambiguous') {
          staged.issues.push(issue('warning', 'OLD_COMMUNE_AMBIGUOUS', 'oldCommune', [o.commune]));
        } else {
          staged.issues.push(issue('warning', 'OLD_COMMUNE_UNKNOWN', 'oldCommune', [o.commune]));
        }
      }
      if (m.ethnicity || m.religion) {
        if (!canSensitive) staged.issues.push(issue('warning', 'SENSITIVE_SKIPPED', 'ethnicity'));
      }

      // Duplicates within the file: personal ID, else name + birth year + place.
      if (!staged.issues.some((i) => i.severity === 'error')) {
        const key = m.idNumber
          ? `id:${m.idNumber}`
          : m.birthDate
            ? `p:${personKey(m, staged.communeCode ?? staged.unitId)}`
            : null;
        const map = m.idNumber ? ids : people;
        const first = key ? map.get(key) : undefined;
        if (first !== undefined) {
          staged.outcome = 'duplicate';
          staged.inFileDuplicate = true;
          staged.issues.push(
            issue('error', 'DUPLICATE_IN_FILE', m.idNumber ? 'idNumber' : 'fullName', [
              String(first),
            ]),
          );
        } else if (key) map.set(key, raw.rowNumber);
        if (m.memberNumber && staged.outcome === null) {
          const n = numbers.get(m.memberNumber);
          if (n !== undefined)
            staged.issues.push(
              issue('error', 'MEMBER_NUMBER_IN_FILE', 'memberNumber', [m.memberNumber, String(n)]),
            );
          else numbers.set(m.memberNumber, raw.rowNumber);
        }
      }
    }
    if (staged.outcome === null && staged.issues.some((i) => i.severity === 'error'))
      staged.outcome = 'error';
    batch.push(staged);
    if (batch.length >= BATCH) await flush();
    // A database answer waits until JavaScript yields to the event loop, and reading a file
    // chunk by chunk only goes through microtasks: yield now and then, so the next statement of
    // the batch being written goes out while this one is still being read.
    else if (rowsRead % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
    await ctx.progress(rowsRead);
  }
  await flush();
  await writing;
  if (failed.error) throw failed.error;
  await ctx.progress(rowsRead, rowsRead);
  return { counts, splitCommunes: [...splits.values()], mode: p.mode };
}

/** A cell as the user typed it, for previews and the report (dates as dd/mm/yyyy). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDmy(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}
