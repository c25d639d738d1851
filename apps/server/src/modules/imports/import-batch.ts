/**
 * One batch of an import against the registry: classification (personal ID first, then folded
 * name + birth year + place; blanks filled, values never overwritten) and the set-based writes
 * of a commit. Both run inside the batch's transaction (see import-pipeline.ts).
 */
import crypto from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { foldVietnamese, vietnameseNameSortKey } from '@hoi/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { newId } from '../../platform/ids.js';
import { issue, type Severity } from './import-issues.js';
import type { ImportIssue } from './normalize/issues.js';
import type { NormalizedMember } from './normalize/row.js';
import * as repo from './imports.repo.js';

/** What a batch needs to know of its job. */
export interface BatchContext {
  actor: Actor;
  jobId: string;
  fileName: string;
  today: string;
  /** The import's unit: a member found elsewhere is outside its scope. */
  rootPath: string;
  canSensitive: boolean;
  /** The embedded engine, whose bulk inserts go through COPY; null on a PostgreSQL server. */
  pglite: PGlite | null;
}

export type Outcome = 'new' | 'update' | 'duplicate' | 'error';
export interface Staged {
  rowNumber: number;
  cells: unknown[];
  member: NormalizedMember | null;
  /** The member's Vietnamese sort key, computed while reading (outside the batch's transaction). */
  sortKey: string | null;
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

/** Registry side of the classification: personal ID first, then name + birth year + place. */
export async function classifyAgainstRegistry(tx: Tx, c: BatchContext, rows: Staged[]) {
  const open = rows.filter((r) => r.outcome === null && r.member);
  const idList = [...new Set(open.map((r) => r.member!.idNumber).filter((x): x is string => !!x))];
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
  for (const m of await repo.currentByNames(tx, c.actor.associationId, folds)) {
    const list = byName.get(m.nameFold) ?? [];
    list.push(m);
    byName.set(m.nameFold, list);
  }
  const wanted = [
    ...new Set(open.map((r) => r.member!.memberNumber).filter((x): x is string => !!x)),
  ];
  const taken = await repo.takenMemberNumbers(tx, c.actor.associationId, wanted);

  for (const r of open) {
    const m = r.member!;
    let match: repo.RegistryMatch | undefined;
    if (m.idNumber) {
      const personId = personByIdNumber.get(m.idNumber);
      if (personId) {
        r.personId = personId;
        match = currentByPerson.get(personId);
        const endedOn = ended.get(personId);
        const joined = joinedDate(m.joinedOn) ?? c.today;
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
        r.issues.push(issue('warning', 'MATCHES_SEVERAL', 'fullName', [String(candidates.length)]));
      match = candidates[0];
    }
    if (match) {
      r.match = match;
      if (!(match.unitPath === c.rootPath || match.unitPath.startsWith(`${c.rootPath}.`))) {
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
}

/** Inserts the new members and fills the blanks of updated ones, set-based. */
export async function writeBatch(tx: Tx, c: BatchContext, rows: Staged[]) {
  // Name-search indexes (GIN) take a batch's new entries in their pending list, merged once.
  await sql`set local gin_pending_list_limit = '64MB'`.execute(tx);
  const news = rows.filter((r) => r.outcome === 'new');
  const updates = rows.filter((r) => r.outcome === 'update');
  const needNumbers = news.filter((r) => !r.member!.memberNumber);
  const generated: string[] = [];
  while (generated.length < needNumbers.length) {
    const want = needNumbers.length - generated.length;
    const first = await repo.reserveMemberNumbers(tx, c.actor.associationId, want);
    const candidates = Array.from({ length: want }, (_, i) => String(first + i).padStart(7, '0'));
    const clash = await repo.takenMemberNumbers(tx, c.actor.associationId, candidates);
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
  const CARD_TOKEN_BYTES = 18;
  const tokenBytes = crypto.randomBytes(CARD_TOKEN_BYTES * news.length);
  for (const [i, r] of news.entries()) {
    const m = r.member!;
    const personId = r.personId ?? newId();
    const membershipId = newId();
    r.match = { membershipId } as repo.RegistryMatch;
    const birthYear = m.birthDate ? Number(m.birthDate.slice(0, 4)) : null;
    const joined = joinedDate(m.joinedOn);
    const from = joined ?? c.today;
    const sortKey = r.sortKey!;
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
      card_token: tokenBytes
        .subarray(i * CARD_TOKEN_BYTES, (i + 1) * CARD_TOKEN_BYTES)
        .toString('base64url'),
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
      actor_user_id: c.actor.via === 'cli' ? null : c.actor.userId,
      actor_name: c.actor.displayName,
      unit_id: r.unitId,
      decision_number: m.admissionNumber,
      details: {
        jobId: c.jobId,
        file: c.fileName,
        row: r.rowNumber,
        joinedOnKnown: joined !== null,
        linkedPerson: !!r.personId,
      },
    });
    if (c.canSensitive && (m.ethnicity || m.religion)) {
      sensitive.push({
        membership_id: membershipId,
        ethnicity_code: m.ethnicity,
        religion_code: m.religion,
        updated_by: c.actor.displayName,
      });
    }
  }
  await repo.insertBatch(tx, 'people', repo.PEOPLE_COLUMNS, peopleRows, null, c.pglite);
  await repo.insertBatch(
    tx,
    'memberships',
    repo.MEMBERSHIP_COLUMNS,
    memberships,
    c.actor.associationId,
    c.pglite,
  );
  await repo.insertBatch(
    tx,
    'membership_periods',
    repo.PERIOD_COLUMNS,
    periods,
    c.actor.associationId,
    c.pglite,
  );
  await repo.insertBatch(
    tx,
    'member_events',
    repo.EVENT_COLUMNS,
    events,
    c.actor.associationId,
    c.pglite,
  );
  await repo.insertBatch(
    tx,
    'member_sensitive',
    repo.SENSITIVE_COLUMNS,
    sensitive,
    c.actor.associationId,
    c.pglite,
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
        effective_date: c.today,
        actor_user_id: c.actor.via === 'cli' ? null : c.actor.userId,
        actor_name: c.actor.displayName,
        unit_id: r.match!.unitId,
        decision_number: null,
        details: {
          jobId: c.jobId,
          file: c.fileName,
          row: r.rowNumber,
          fields: Object.keys(r.fills!),
        },
      })),
      c.actor.associationId,
    );
  }
}

/** A membership date from a partial date: the day itself, or none when only a year or month is known. */
export function joinedDate(d: string | null): string | null {
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
