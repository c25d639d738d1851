/**
 * The member import as a job: read the file as a stream, normalize every row, resolve its unit
 * and its (old or new) address, find duplicates within the file and against the registry, then
 * either record the classification (preview) or write the batch (commit). Each batch of rows is
 * one transaction together with the job's checkpoint, so a crash leaves whole batches only and
 * the job resumes after the last one. Rows are classified identically on resume: rows before the
 * checkpoint are read again (not written) to rebuild the in-file duplicate keys.
 */
import crypto from 'node:crypto';
import { foldVietnamese, type ImportCounts, vietnameseNameSortKey } from '@hoi/contracts';
import { sql } from 'kysely';
import { inTenant, type Tx } from '../../db/engine.js';
import { authorize, hasPermission } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { JobContext } from '../jobs/jobs.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { AddressIndex } from './address-index.js';
import { readTable, type TableFormat } from './files/read.js';
import { isColumnNumberingRow, type HeaderDetection } from './normalize/headers.js';
import type { ImportIssue } from './normalize/issues.js';
import { formatDmy } from './normalize/cells.js';
import { normalizeRow, type NormalizedMember } from './normalize/row.js';
import * as repo from './imports.repo.js';
import { issue, type Severity } from './import-issues.js';

export const IMPORT_JOB_KIND = 'member_import';
const BATCH = 5000;

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

type Outcome = 'new' | 'update' | 'duplicate' | 'error';
interface Staged {
  rowNumber: number;
  cells: unknown[];
  member: NormalizedMember | null;
  unitId: string | null;
  communeCode: string | null;
  provinceCode: string | null;
  addressLegacy: string | null;
  issues: (ImportIssue & { severity: Severity })[];
  outcome: Outcome | null;
  inFileDuplicate: boolean;
  match?: repo.RegistryMatch;
  personId?: string;
  fills?: Record<string, unknown>;
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
        await classifyAgainstRegistry(tx, fresh);
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
        if (commit) await writeBatch(tx, fresh);
        await repo.insertJson(
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

  /** Registry side of the classification: personal ID first, then name + birth year + place. */
  const classifyAgainstRegistry = async (tx: Tx, rows: Staged[]) => {
    const open = rows.filter((r) => r.outcome === null && r.member);
    const idList = [
      ...new Set(open.map((r) => r.member!.idNumber).filter((x): x is string => !!x)),
    ];
    const personByIdNumber = await repo.peopleByIdNumbers(tx, idList);
    const current = await repo.currentByPeople(tx, [...new Set(personByIdNumber.values())]);
    const currentByPerson = new Map(current.map((c) => [c.personId, c]));
    const ended = await repo.lastEndedOn(
      tx,
      [...new Set(personByIdNumber.values())].filter((id) => !currentByPerson.has(id)),
    );
    const folds = [
      ...new Set(
        open.filter((r) => !r.member!.idNumber).map((r) => foldVietnamese(r.member!.fullName)),
      ),
    ];
    const byName = new Map<string, repo.RegistryMatch[]>();
    for (const m of await repo.currentByNames(tx, actor.associationId, folds)) {
      const list = byName.get(m.nameFold) ?? [];
      list.push(m);
      byName.set(m.nameFold, list);
    }
    const wanted = [
      ...new Set(open.map((r) => r.member!.memberNumber).filter((x): x is string => !!x)),
    ];
    const taken = await repo.takenMemberNumbers(tx, actor.associationId, wanted);

    for (const r of open) {
      const m = r.member!;
      let match: repo.RegistryMatch | undefined;
      if (m.idNumber) {
        const personId = personByIdNumber.get(m.idNumber);
        if (personId) {
          r.personId = personId;
          match = currentByPerson.get(personId);
          const endedOn = ended.get(personId);
          const joined = joinedDate(m.joinedOn) ?? today;
          if (!match && endedOn && endedOn > joined) {
            r.issues.push(issue('error', 'MEMBERSHIP_OVERLAP', 'idNumber', [endedOn]));
          }
        }
      } else if (m.birthDate) {
        const year = Number(m.birthDate.slice(0, 4));
        const candidates = (byName.get(foldVietnamese(m.fullName)) ?? []).filter(
          (c) =>
            c.birthYear === year &&
            (r.communeCode && c.communeCode
              ? c.communeCode === r.communeCode
              : c.unitId === r.unitId),
        );
        if (candidates.length > 1)
          r.issues.push(
            issue('warning', 'MATCHES_SEVERAL', 'fullName', [String(candidates.length)]),
          );
        match = candidates[0];
      }
      if (match) {
        r.match = match;
        if (!(match.unitPath === root.path || match.unitPath.startsWith(`${root.path}.`))) {
          r.issues.push(issue('error', 'MEMBER_ELSEWHERE', 'idNumber'));
        } else {
          if (m.memberNumber && m.memberNumber !== match.memberNumber)
            r.issues.push(
              issue('warning', 'MEMBER_NUMBER_DIFFERS', 'memberNumber', [match.memberNumber]),
            );
          if (r.unitId && r.unitId !== match.unitId)
            r.issues.push(issue('warning', 'UNIT_DIFFERS', 'unit'));
          const { fills, conflicts } = fillsFor(r, match);
          for (const c of conflicts)
            r.issues.push(
              issue('warning', 'REGISTRY_VALUE_KEPT', c.field as never, [
                c.field,
                c.registry,
                c.file,
              ]),
            );
          r.fills = fills;
        }
      } else if (m.memberNumber && taken.has(m.memberNumber)) {
        r.issues.push(issue('error', 'MEMBER_NUMBER_TAKEN', 'memberNumber', [m.memberNumber]));
      }
      if (r.issues.some((i) => i.severity === 'error')) r.outcome = 'error';
      else if (r.match)
        r.outcome = r.fills && Object.keys(r.fills).length > 0 ? 'update' : 'duplicate';
      else r.outcome = 'new';
    }
    for (const r of rows) if (r.outcome === null) r.outcome = 'error';
  };

  /** Inserts the new members and fills the blanks of updated ones, set-based. */
  const writeBatch = async (tx: Tx, rows: Staged[]) => {
    // Name-search indexes (GIN) take a batch's new entries in their pending list, merged once.
    await sql`set local gin_pending_list_limit = '64MB'`.execute(tx);
    const news = rows.filter((r) => r.outcome === 'new');
    const updates = rows.filter((r) => r.outcome === 'update');
    const needNumbers = news.filter((r) => !r.member!.memberNumber);
    const generated: string[] = [];
    while (generated.length < needNumbers.length) {
      const want = needNumbers.length - generated.length;
      const first = await repo.reserveMemberNumbers(tx, actor.associationId, want);
      const candidates = Array.from({ length: want }, (_, i) => String(first + i).padStart(7, '0'));
      const clash = await repo.takenMemberNumbers(tx, actor.associationId, candidates);
      const inFile = new Set(news.map((r) => r.member!.memberNumber).filter(Boolean));
      generated.push(...candidates.filter((c) => !clash.has(c) && !inFile.has(c)));
    }
    const peopleRows: object[] = [];
    const memberships: object[] = [];
    const periods: object[] = [];
    const events: object[] = [];
    const sensitive: object[] = [];
    const linked: { id: string; sortKey: string }[] = [];
    let g = 0;
    for (const r of news) {
      const m = r.member!;
      const personId = r.personId ?? newId();
      const membershipId = newId();
      r.match = { membershipId } as repo.RegistryMatch;
      const birthYear = m.birthDate ? Number(m.birthDate.slice(0, 4)) : null;
      const joined = joinedDate(m.joinedOn);
      const from = joined ?? today;
      const sortKey = vietnameseNameSortKey(m.fullName);
      if (r.personId) linked.push({ id: personId, sortKey });
      else
        peopleRows.push({
          id: personId,
          full_name: m.fullName,
          birth_date: m.birthDate,
          birth_year: birthYear,
          gender: m.gender,
          id_number: m.idNumber,
          legacy_id_number: m.legacyIdNumber,
          phone: m.phone,
          email: m.email,
          province_code: r.provinceCode,
          commune_code: r.communeCode,
          address_detail: m.addressDetail,
          address_legacy: r.addressLegacy,
        });
      memberships.push({
        id: membershipId,
        person_id: personId,
        member_number: m.memberNumber ?? generated[g++],
        unit_id: r.unitId,
        category: m.category ?? 'official',
        status: 'active',
        applied_on: from,
        joined_on: joined,
        admission_number: m.admissionNumber,
        admission_unit_id: m.admissionNumber ? r.unitId : null,
        warnings: r.issues
          .filter((i) => i.code === 'ID_BIRTH_YEAR_MISMATCH' || i.code === 'ID_GENDER_MISMATCH')
          .map((i) => i.code.toLowerCase()),
        full_name: m.fullName,
        sort_key: sortKey,
        gender: m.gender,
        birth_year: birthYear,
        birth_date: m.birthDate,
        phone: m.phone,
        id_number: m.idNumber,
        card_token: crypto.randomBytes(18).toString('base64url'),
        last_event_date: from,
        notes: m.notes,
      });
      periods.push({
        membership_id: membershipId,
        person_id: personId,
        unit_id: r.unitId,
        status: 'active',
        category: m.category ?? 'official',
        gender: m.gender,
        valid_from: from,
      });
      events.push({
        id: newId(),
        membership_id: membershipId,
        kind: 'imported',
        effective_date: from,
        actor_user_id: actor.via === 'cli' ? null : actor.userId,
        actor_name: actor.displayName,
        unit_id: r.unitId,
        decision_number: m.admissionNumber,
        details: {
          jobId: job.id,
          file: p.fileName,
          row: r.rowNumber,
          joinedOnKnown: joined !== null,
          linkedPerson: !!r.personId,
        },
      });
      if (canSensitive && (m.ethnicity || m.religion)) {
        sensitive.push({
          membership_id: membershipId,
          ethnicity_code: m.ethnicity,
          religion_code: m.religion,
          updated_by: actor.displayName,
        });
      }
    }
    await repo.insertJson(tx, 'people', repo.PEOPLE_COLUMNS, peopleRows, null);
    await repo.insertJson(
      tx,
      'memberships',
      repo.MEMBERSHIP_COLUMNS,
      memberships,
      actor.associationId,
    );
    await repo.insertJson(
      tx,
      'membership_periods',
      repo.PERIOD_COLUMNS,
      periods,
      actor.associationId,
    );
    await repo.insertJson(tx, 'member_events', repo.EVENT_COLUMNS, events, actor.associationId);
    await repo.insertJson(
      tx,
      'member_sensitive',
      repo.SENSITIVE_COLUMNS,
      sensitive,
      actor.associationId,
    );
    if (linked.length) await repo.syncPeople(tx, linked);

    if (updates.length) {
      await repo.fillPeople(
        tx,
        updates.map((r) => ({ id: r.match!.personId, ...r.fills })),
      );
      await repo.fillJoinedOn(
        tx,
        updates
          .filter((r) => r.fills?.joined_on)
          .map((r) => ({ id: r.match!.membershipId, joined_on: r.fills!.joined_on as string })),
      );
      await repo.syncPeople(
        tx,
        updates.map((r) => ({
          id: r.match!.personId,
          sortKey: vietnameseNameSortKey(r.match!.fullName),
        })),
      );
      await repo.insertJson(
        tx,
        'member_events',
        repo.EVENT_COLUMNS,
        updates.map((r) => ({
          id: newId(),
          membership_id: r.match!.membershipId,
          kind: 'updated',
          effective_date: today,
          actor_user_id: actor.via === 'cli' ? null : actor.userId,
          actor_name: actor.displayName,
          unit_id: r.match!.unitId,
          decision_number: null,
          details: {
            jobId: job.id,
            file: p.fileName,
            row: r.rowNumber,
            fields: Object.keys(r.fills!),
          },
        })),
        actor.associationId,
      );
    }
  };

  for await (const raw of readTable(p.path, p.format, p.sheet ? { sheet: p.sheet } : undefined)) {
    if (raw.rowNumber <= p.headerRow) continue;
    if (ctx.cancelled()) throw new AppError('JOB_CANCELLED');
    const r = normalizeRow(raw, p.columns, { today });
    if (raw.rowNumber === p.headerRow + 1 && isColumnNumberingRow(raw.cells)) continue;
    if (r.blank || r.skip) {
      if (raw.rowNumber > cp.through) counts.skipped += 1;
      continue;
    }
    rowsRead += 1;
    const staged: Staged = {
      rowNumber: raw.rowNumber,
      cells: raw.cells,
      member: r.member,
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
    await ctx.progress(rowsRead);
  }
  await flush();
  await writing;
  if (failed.error) throw failed.error;
  await ctx.progress(rowsRead, rowsRead);
  return { counts, splitCommunes: [...splits.values()], mode: p.mode };
}

/** A membership date from a partial date: the day itself, or none when only a year or month is known. */
function joinedDate(d: string | null): string | null {
  return d && d.length === 10 ? d : null;
}

const FILL_FIELDS: [string, keyof repo.RegistryMatch, string][] = [
  ['phone', 'phone', 'phone'],
  ['email', 'email', 'email'],
  ['idNumber', 'idNumber', 'id_number'],
  ['legacyIdNumber', 'legacyIdNumber', 'legacy_id_number'],
  ['gender', 'gender', 'gender'],
  ['addressDetail', 'addressDetail', 'address_detail'],
];

/** What an existing member lacks that the row brings; values that differ are kept, and said. */
function fillsFor(r: Staged, match: repo.RegistryMatch) {
  const m = r.member!;
  const fills: Record<string, unknown> = {};
  const conflicts: { field: string; registry: string; file: string }[] = [];
  const consider = (
    field: string,
    column: string,
    fileValue: string | null,
    registry: string | null,
  ) => {
    if (fileValue === null || fileValue === undefined || fileValue === '') return;
    if (registry === null || registry === undefined || registry === '') fills[column] = fileValue;
    else if (registry !== fileValue) conflicts.push({ field, registry, file: fileValue });
  };
  for (const [field, col, column] of FILL_FIELDS)
    consider(
      field,
      column,
      (m as unknown as Record<string, string | null>)[field] ?? null,
      match[col] as string | null,
    );
  consider('commune', 'commune_code', r.communeCode, match.communeCode);
  if (r.communeCode && !match.communeCode) fills.province_code = r.provinceCode;
  if (m.birthDate) {
    if (!match.birthDate) {
      fills.birth_date = m.birthDate;
      fills.birth_year = Number(m.birthDate.slice(0, 4));
    } else if (
      m.birthDate.length > match.birthDate.length &&
      m.birthDate.startsWith(match.birthDate)
    ) {
      fills.birth_date = m.birthDate;
    } else if (!match.birthDate.startsWith(m.birthDate)) {
      conflicts.push({ field: 'birthDate', registry: match.birthDate, file: m.birthDate });
    }
  }
  const joined = joinedDate(m.joinedOn);
  if (joined && !match.joinedOn) fills.joined_on = joined;
  if (r.addressLegacy && !match.addressLegacy && !match.communeCode)
    fills.address_legacy = r.addressLegacy;
  return { fills, conflicts };
}

/** A cell as the user typed it, for previews and the report (dates as dd/mm/yyyy). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDmy(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}
