/**
 * Realistic generated members for the demo seed, tests and benchmarks: Vietnamese names by real
 * frequency, an elderly association's ages, personal IDs consistent with birth year and sex, and
 * complete histories (periods, timeline, decisions, transfers, dues) that keep the registry's data
 * invariants (docs/api-members.md). Deterministic for a seed, except the random ids and card tokens.
 * Rows are written in bulk (multi-row INSERT … SELECT FROM json_to_recordset) inside the caller's
 * tenant transaction.
 */
import crypto from 'node:crypto';
import { vietnameseNameSortKey } from '@hoi/contracts';
import { sql } from 'kysely';
import { insertJsonRows, type BulkColumns } from '../../db/bulk-insert.js';
import type { Tx } from '../../db/engine.js';
import { newId } from '../../platform/ids.js';
import type { Region } from './members.generate-names.js';
import {
  atOf,
  Draw,
  personalIdFor,
  planOne,
  seededRandom,
  vnDate,
  type Plan,
  type PlanContext,
  type PlannedPerson,
  type PlanOptions,
  type UnitInfo,
} from './members.generate-plan.js';
import { memberSettings } from './members.rules.js';

export type { Region };
export { personalIdFor, seededRandom };

/** A unit that holds members (a branch or group); ancestry is read from the database. */
export interface GenerateUnit {
  id: string;
  parentId: string | null;
  /** Spelling of names and birth provinces (default north). */
  region?: Region;
  /** Relative size (default: random between 0.4 and 1.6). */
  weight?: number;
}

export interface GenerateOptions {
  /** Share of members with a pending transfer to a unit of another province (default 0.01). */
  transitShare?: number;
  /** Share of active/suspended members with unpaid dues years (default 0.08; needs duesYears). */
  arrearsShare?: number;
  /** Share ended: deceased, resigned, removed (default 0.065). */
  terminalShare?: number;
  applicantShare?: number;
  suspendedShare?: number;
  rejectedShare?: number;
  /** Share of current members who were members once before (an earlier, ended membership). */
  rejoinShare?: number;
  /** Share of active members transferred in the past (accepted transfer: the period changes unit). */
  pastTransferShare?: number;
  /** Dues rates at the association's root for the last N years, with payments (default 0: none). */
  duesYears?: number;
  /** The yearly rate in VND (default 24,000 until 2024, then +6,000 a year). */
  duesAmount?: (year: number) => number;
  /** Share of admitted members with protected data (ethnicity, religion, Party membership). */
  sensitiveShare?: number;
  /** Share of active members with recorded consents. */
  consentShare?: number;
  /** Members joined over the last N years (default 15). */
  yearsBack?: number;
  /** Decision number suffix (default 'QĐ-HNCT'). */
  decisionSuffix?: string;
  /** Recorded as the actor of events, payments and transfers (default 'Dữ liệu mẫu'). */
  actorName?: string;
  /** Members planned and written per round of INSERTs (default 2,000). */
  chunkSize?: number;
  onProgress?: (memberships: number) => void;
}

export interface GenerateMembersInput {
  associationId: string;
  units: GenerateUnit[];
  /** Memberships to create (people: slightly fewer, as some people have an earlier membership). */
  count: number;
  seed: number | string;
  /** YYYY-MM-DD: nothing is dated later. */
  today: string;
  /** First member number (default: the association's counter, past any numeric number in use). */
  startNumber?: number;
  options?: GenerateOptions;
}

export interface GenerateMembersResult {
  people: number;
  memberships: number;
  periods: number;
  events: number;
  transfers: number;
  payments: number;
  exemptions: number;
  consents: number;
  sensitive: number;
  firstNumber: number;
  /** The association's member counter after generation. */
  nextNumber: number;
  /** Membership ids by status (for callers that link accounts or pick samples). */
  sample: { active: string[]; inTransit: string[]; inArrears: string[] };
}

/** Member numbers as the service issues them (7 digits, zero-padded). */
export function formatMemberNumber(n: number): string {
  return String(n).padStart(7, '0');
}

// ---------------------------------------------------------------------------------------------
// Writing

type Columns = BulkColumns;

/** Bulk insert in slices of 5,000 rows (see db/bulk-insert.ts). */
const insertRows = insertJsonRows;

const PEOPLE: Columns = {
  id: 'uuid',
  full_name: 'text',
  birth_date: 'text',
  birth_year: 'smallint',
  gender: 'text',
  id_number: 'text',
  legacy_id_number: 'text',
  phone: 'text',
  province_code: 'text',
  commune_code: 'text',
  address_detail: 'text',
};
const MEMBERSHIPS: Columns = {
  id: 'uuid',
  person_id: 'uuid',
  member_number: 'text',
  unit_id: 'uuid',
  category: 'text',
  status: 'text',
  applied_on: 'date',
  joined_on: 'date',
  ended_on: 'date',
  admission_number: 'text',
  admission_date: 'date',
  admission_signer: 'text',
  admission_unit_id: 'uuid',
  full_name: 'text',
  sort_key: 'text',
  gender: 'text',
  birth_year: 'smallint',
  birth_date: 'text',
  phone: 'text',
  id_number: 'text',
  transit_to_unit_id: 'uuid',
  dues_paid_through: 'smallint',
  card_token: 'text',
  last_event_date: 'date',
  created_at: 'timestamptz',
};
const PERIODS: Columns = {
  membership_id: 'uuid',
  person_id: 'uuid',
  unit_id: 'uuid',
  status: 'text',
  category: 'text',
  gender: 'text',
  valid_from: 'date',
  valid_to: 'date',
};
const EVENTS: Columns = {
  id: 'uuid',
  membership_id: 'uuid',
  kind: 'text',
  effective_date: 'date',
  at: 'timestamptz',
  actor_name: 'text',
  unit_id: 'uuid',
  decision_number: 'text',
  decision_date: 'date',
  decision_signer: 'text',
  reason: 'text',
  details: 'jsonb',
};
const TRANSFERS: Columns = {
  id: 'uuid',
  membership_id: 'uuid',
  from_unit_id: 'uuid',
  to_unit_id: 'uuid',
  common_parent_id: 'uuid',
  status: 'text',
  released_on: 'date',
  due_on: 'date',
  reason: 'text',
  requested_by: 'text',
  answered_on: 'date',
  answered_by: 'text',
  created_at: 'timestamptz',
};
const EXEMPTIONS: Columns = {
  id: 'uuid',
  membership_id: 'uuid',
  reason: 'text',
  from_year: 'smallint',
  to_year: 'smallint',
  created_at: 'timestamptz',
  created_by: 'text',
};
const PAYMENTS: Columns = {
  id: 'uuid',
  membership_id: 'uuid',
  year: 'smallint',
  amount: 'bigint',
  paid_on: 'date',
  receipt_number: 'text',
  batch_id: 'uuid',
  collected_by_unit_id: 'uuid',
  recorded_by: 'text',
  created_at: 'timestamptz',
};
const CONSENTS: Columns = {
  membership_id: 'uuid',
  purpose: 'text',
  granted: 'boolean',
  source: 'text',
  evidence: 'text',
  recorded_by: 'text',
  recorded_at: 'timestamptz',
};
const SENSITIVE: Columns = {
  membership_id: 'uuid',
  ethnicity_code: 'text',
  religion_code: 'text',
  party_member: 'boolean',
  party_joined_on: 'date',
  health_notes: 'text',
  updated_at: 'timestamptz',
  updated_by: 'text',
};

/** Loads the units' ancestry, regions and administrative codes, and builds the planning context. */
async function planContext(
  tx: Tx,
  input: GenerateMembersInput,
  opts: PlanOptions,
  rates: Map<number, number>,
  escalationDays: number,
  d: Draw,
): Promise<PlanContext> {
  const all = await tx.selectFrom('units').select(['id', 'parentId', 'adminUnitCode']).execute();
  const byId = new Map(all.map((u) => [u.id, u]));
  const codes = [...new Set(all.map((u) => u.adminUnitCode).filter((c): c is string => !!c))];
  const admin = codes.length
    ? await tx
        .selectFrom('adminUnits')
        .select(['code', 'level', 'provinceCode'])
        .where('code', 'in', codes)
        .execute()
    : [];
  const adminByCode = new Map(admin.map((a) => [a.code, a]));
  const units: UnitInfo[] = input.units.map((u) => {
    const chain: string[] = [];
    for (let id: string | null = u.id; id; id = byId.get(id)?.parentId ?? null) {
      if (!byId.has(id))
        throw new Error(`generateMembers: unit ${id} is not in association ${input.associationId}`);
      chain.unshift(id);
    }
    let provinceCode: string | null = null;
    let communeCode: string | null = null;
    for (const id of [...chain].reverse()) {
      const a = adminByCode.get(byId.get(id)!.adminUnitCode ?? '');
      if (!a) continue;
      if (a.level === 'commune') {
        communeCode ??= a.code;
        provinceCode ??= a.provinceCode;
      } else provinceCode ??= a.code;
    }
    return {
      id: u.id,
      region: u.region ?? 'north',
      chain,
      provinceId: chain[1] ?? chain[0]!,
      provinceCode,
      communeCode,
    };
  });
  const cumulative: number[] = [];
  let total = 0;
  for (const u of input.units) cumulative.push((total += u.weight ?? 0.4 + d.next() * 1.2));
  const byProvince = new Map<string, UnitInfo[]>();
  for (const u of units) byProvince.set(u.provinceId, [...(byProvince.get(u.provinceId) ?? []), u]);
  const lca = (a: UnitInfo, b: UnitInfo) => {
    let i = 0;
    while (i < a.chain.length && i < b.chain.length && a.chain[i] === b.chain[i]) i++;
    return a.chain[Math.max(0, i - 1)]!;
  };
  return {
    today: input.today,
    units,
    cumulative,
    byProvince,
    rates,
    escalationDays,
    opts,
    signers: new Map(),
    decisionSeq: new Map(),
    receiptSeq: new Map(),
    lca,
  };
}

/** The association's next free member number: its counter, past any numeric number in use. */
async function firstFreeNumber(tx: Tx): Promise<number> {
  const counter = await tx.selectFrom('memberCounters').select('nextNumber').executeTakeFirst();
  // Numbers typed by hand past the counter are skipped one by one when writing (numbersFrom).
  if (counter) return Number(counter.nextNumber);
  const max = await sql<{
    n: string | number | null;
  }>`select max(member_number::bigint) as n from memberships where member_number ~ '^[0-9]{1,15}$'`.execute(
    tx,
  );
  return Number(max.rows[0]?.n ?? 0) + 1;
}

/** `count` member numbers from `next` on, skipping any the association already uses. */
async function numbersFrom(tx: Tx, next: number, count: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < count) {
    const candidates = Array.from({ length: count - out.length }, (_, i) => next + i);
    next += candidates.length;
    const taken = await tx
      .selectFrom('memberships')
      .select('memberNumber')
      .where('memberNumber', 'in', candidates.map(formatMemberNumber))
      .execute();
    const used = new Set(taken.map((r) => r.memberNumber));
    out.push(...candidates.filter((n) => !used.has(formatMemberNumber(n))));
  }
  return out;
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err.code === '23505' && (err.constraint === constraint || !!err.message?.includes(constraint))
  );
}

/**
 * Inserts the people; when a personal ID is already held by someone on the platform (another
 * association's member: invisible here), rolls back to a savepoint, lets `fixIds` redraw and
 * retries. The check runs only then: the look-up function per row is the slow part of a big run.
 */
async function insertPeople(tx: Tx, people: PlannedPerson[], fixIds: () => Promise<void>) {
  for (;;) {
    await sql`savepoint hoi_generate_people`.execute(tx);
    try {
      await insertRows(tx, 'people', PEOPLE, people, null);
      await sql`release savepoint hoi_generate_people`.execute(tx);
      return;
    } catch (e) {
      if (!isUniqueViolation(e, 'people_id_number')) throw e;
      await sql`rollback to savepoint hoi_generate_people`.execute(tx);
      await fixIds();
    }
  }
}

/** ID numbers of the batch already held by some person on the platform (any association). */
async function takenIdNumbers(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await sql<{
    x: string;
  }>`select x from unnest(cast(${ids} as text[])) as t(x) where hoi_person_by_id_number(x) is not null`.execute(
    tx,
  );
  return new Set(r.rows.map((row) => row.x));
}

/**
 * Generates `count` realistic memberships into the association (inside its tenant transaction)
 * and advances the member counter past the numbers used.
 *
 * @example
 * await inTenant(db.app, associationId, (tx) =>
 *   generateMembers(tx, { associationId, units, count: 5000, seed: 'demo', today: '2026-11-29', options: { duesYears: 3 } }));
 */
export async function generateMembers(
  tx: Tx,
  input: GenerateMembersInput,
): Promise<GenerateMembersResult> {
  if (input.units.length === 0) throw new Error('generateMembers: no units');
  const o = input.options ?? {};
  const opts: PlanOptions = {
    transitShare: o.transitShare ?? 0.01,
    arrearsShare: o.arrearsShare ?? 0.08,
    terminalShare: o.terminalShare ?? 0.065,
    applicantShare: o.applicantShare ?? 0.015,
    suspendedShare: o.suspendedShare ?? 0.008,
    rejectedShare: o.rejectedShare ?? 0.004,
    rejoinShare: o.rejoinShare ?? 0.01,
    pastTransferShare: o.pastTransferShare ?? 0.02,
    duesYears: o.duesYears ?? 0,
    sensitiveShare: o.sensitiveShare ?? 0,
    consentShare: o.consentShare ?? 0,
    yearsBack: o.yearsBack ?? 15,
    decisionSuffix: o.decisionSuffix ?? 'QĐ-HNCT',
    actorName: o.actorName ?? 'Dữ liệu mẫu',
    chunkSize: o.chunkSize ?? 2000,
  };
  const a = input.associationId;
  const d = new Draw(seededRandom(input.seed));
  // Redraws of colliding ID numbers use their own stream, so the rest stays the same for a seed.
  const redraw = seededRandom(`${input.seed}/id-redraw`);
  const settings = await tx
    .selectFrom('associations')
    .select('settings')
    .where('id', '=', a)
    .executeTakeFirst();
  const escalationDays = memberSettings(settings?.settings).transferEscalationDays;

  // Dues rates at the root (kept if already set), read back so payments match what is in force.
  const rates = new Map<number, number>();
  if (opts.duesYears > 0) {
    const root = await tx
      .selectFrom('units')
      .select('id')
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    const ty = Number(input.today.slice(0, 4));
    const years = Array.from({ length: opts.duesYears }, (_, i) => ty - opts.duesYears + 1 + i);
    const amount = o.duesAmount ?? ((y: number) => 24_000 + 6_000 * Math.max(0, y - 2024));
    const json = JSON.stringify(years.map((year) => ({ id: newId(), year, amount: amount(year) })));
    await sql`insert into dues_rates (association_id, id, unit_id, year, category, amount, created_by)
      select ${a}::uuid, x.id, ${root.id}::uuid, x.year, null, x.amount, ${opts.actorName}::text
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid, year smallint, amount bigint)
      on conflict do nothing`.execute(tx);
    const rows = await tx
      .selectFrom('duesRates')
      .select(['year', 'amount'])
      .where('unitId', '=', root.id)
      .where('category', 'is', null)
      .where('year', 'in', years)
      .execute();
    for (const r of rows) rates.set(r.year, Number(r.amount));
  }
  const ctx = await planContext(tx, input, opts, rates, escalationDays, d);
  let nextNumber = input.startNumber ?? (await firstFreeNumber(tx));
  const firstNumber = nextNumber;
  const usedIds = new Set<string>();
  const result: GenerateMembersResult = {
    people: 0,
    memberships: 0,
    periods: 0,
    events: 0,
    transfers: 0,
    payments: 0,
    exemptions: 0,
    consents: 0,
    sensitive: 0,
    firstNumber,
    nextNumber: firstNumber,
    sample: { active: [], inTransit: [], inArrears: [] },
  };
  const batchIds = new Map<string, string>();

  let planned = 0;
  while (planned < input.count) {
    const plans: Plan[] = [];
    let inChunk = 0;
    while (inChunk < opts.chunkSize && planned + inChunk < input.count) {
      const p = planOne(d, ctx);
      // Never more memberships than asked for: drop the earlier one at the very end.
      if (planned + inChunk + p.memberships.length > input.count)
        p.memberships.splice(0, p.memberships.length - 1);
      plans.push(p);
      inChunk += p.memberships.length;
    }
    planned += inChunk;

    // Personal IDs are unique platform-wide: redraw in the same bucket on any collision, first
    // within this run, then (rarely: only when the insert hits one) against other people.
    const withId = plans.map((p) => p.person).filter((p) => p.id_number !== null);
    for (const p of withId) {
      while (usedIds.has(p.id_number!))
        p.id_number = personalIdFor(redraw, p.idPrefix, p.birth_year, p.gender);
      usedIds.add(p.id_number!);
    }
    await insertPeople(
      tx,
      plans.map((p) => p.person),
      async () => {
        let pending = withId;
        while (pending.length) {
          const taken = await takenIdNumbers(
            tx,
            pending.map((p) => p.id_number!),
          );
          pending = pending.filter((p) => taken.has(p.id_number!));
          for (const p of pending) {
            do p.id_number = personalIdFor(redraw, p.idPrefix, p.birth_year, p.gender);
            while (usedIds.has(p.id_number));
            usedIds.add(p.id_number);
          }
        }
      },
    );
    const numbers = await numbersFrom(tx, nextNumber, inChunk);
    nextNumber = numbers[numbers.length - 1]! + 1;
    let k = 0;

    const memberships: Record<string, unknown>[] = [];
    const periods: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const transfers: Record<string, unknown>[] = [];
    const exemptions: Record<string, unknown>[] = [];
    const payments: Record<string, unknown>[] = [];
    const consents: Record<string, unknown>[] = [];
    const sensitive: Record<string, unknown>[] = [];
    for (const { person, memberships: ms } of plans) {
      const sortKey = vietnameseNameSortKey(person.full_name);
      for (const m of ms) {
        m.events.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
        const lastEvent = m.events[m.events.length - 1]!.date;
        memberships.push({
          id: m.id,
          person_id: person.id,
          member_number: formatMemberNumber(numbers[k++]!),
          unit_id: m.unitId,
          category: m.category,
          status: m.status,
          applied_on: m.appliedOn,
          joined_on: m.joinedOn,
          ended_on: m.endedOn,
          admission_number: m.admission?.number ?? null,
          admission_date: m.admission?.date ?? null,
          admission_signer: m.admission?.signer ?? null,
          admission_unit_id: m.admission?.unitId ?? null,
          full_name: person.full_name,
          sort_key: sortKey,
          gender: person.gender,
          birth_year: person.birth_year,
          birth_date: person.birth_date,
          phone: person.phone,
          id_number: person.id_number,
          transit_to_unit_id: m.transitTo,
          dues_paid_through: m.paidThrough,
          card_token: crypto.randomBytes(18).toString('base64url'),
          last_event_date: lastEvent,
          created_at: atOf(m.appliedOn, 0),
        });
        for (const p of m.periods) {
          periods.push({
            membership_id: m.id,
            person_id: person.id,
            unit_id: p.unitId,
            status: p.status,
            category: m.category,
            gender: person.gender,
            valid_from: p.from,
            valid_to: p.to,
          });
        }
        m.events.forEach((e, k) => {
          events.push({
            id: newId(),
            membership_id: m.id,
            kind: e.kind,
            effective_date: e.date,
            at: atOf(e.date, k),
            actor_name: opts.actorName,
            unit_id: e.unitId,
            decision_number: e.decision?.number ?? null,
            decision_date: e.decision?.date ?? null,
            decision_signer: e.decision?.signer ?? null,
            reason: e.reason ?? null,
            details: e.details ?? null,
          });
        });
        for (const t of m.transfers) {
          transfers.push({
            id: t.id,
            membership_id: m.id,
            from_unit_id: t.from,
            to_unit_id: t.to,
            common_parent_id: t.common,
            status: t.status,
            released_on: t.released,
            due_on: t.due,
            reason: t.reason,
            requested_by: opts.actorName,
            answered_on: t.answered,
            answered_by: t.answered ? opts.actorName : null,
            created_at: atOf(t.released, 0),
          });
        }
        if (m.exemption) {
          exemptions.push({
            id: newId(),
            membership_id: m.id,
            reason: m.exemption.reason,
            from_year: m.exemption.fromYear,
            to_year: m.exemption.toYear,
            created_at: atOf(m.events.find((e) => e.kind === 'exemption')!.date, 0),
            created_by: opts.actorName,
          });
        }
        for (const p of m.payments) {
          const key = `${p.unitId}/${p.year}`;
          let batch = batchIds.get(key);
          if (!batch) batchIds.set(key, (batch = newId()));
          const seq = (ctx.receiptSeq.get(key) ?? 0) + 1;
          ctx.receiptSeq.set(key, seq);
          payments.push({
            id: newId(),
            membership_id: m.id,
            year: p.year,
            amount: p.amount,
            paid_on: p.paidOn,
            receipt_number: `PT${String(seq).padStart(4, '0')}/${p.year}`,
            batch_id: batch,
            collected_by_unit_id: p.unitId,
            recorded_by: opts.actorName,
            created_at: atOf(p.paidOn, 0),
          });
        }
        for (const c of m.consents) {
          consents.push({
            membership_id: m.id,
            purpose: c.purpose,
            granted: c.granted,
            source: 'officer',
            evidence: `Phiếu đồng ý ký ngày ${vnDate(c.date)}`,
            recorded_by: opts.actorName,
            recorded_at: atOf(c.date, 0),
          });
        }
        if (m.sensitive) {
          const s = m.sensitive;
          sensitive.push({
            membership_id: m.id,
            ethnicity_code: s.ethnicity,
            religion_code: s.religion,
            party_member: s.party,
            party_joined_on: s.partyJoined,
            health_notes: s.health,
            updated_at: atOf(s.date, 0),
            updated_by: opts.actorName,
          });
        }
        if (m.status === 'active' && result.sample.active.length < 1000)
          result.sample.active.push(m.id);
        if (m.transitTo && result.sample.inTransit.length < 1000)
          result.sample.inTransit.push(m.id);
        if (m.inArrears && result.sample.inArrears.length < 1000)
          result.sample.inArrears.push(m.id);
      }
    }
    await insertRows(tx, 'memberships', MEMBERSHIPS, memberships, a);
    await insertRows(tx, 'membership_periods', PERIODS, periods, a);
    await insertRows(tx, 'member_events', EVENTS, events, a);
    await insertRows(tx, 'transfers', TRANSFERS, transfers, a);
    await insertRows(tx, 'dues_exemptions', EXEMPTIONS, exemptions, a);
    await insertRows(tx, 'dues_payments', PAYMENTS, payments, a);
    await insertRows(tx, 'member_consents', CONSENTS, consents, a);
    await insertRows(tx, 'member_sensitive', SENSITIVE, sensitive, a);
    result.people += plans.length;
    result.memberships += memberships.length;
    result.periods += periods.length;
    result.events += events.length;
    result.transfers += transfers.length;
    result.exemptions += exemptions.length;
    result.payments += payments.length;
    result.consents += consents.length;
    result.sensitive += sensitive.length;
    o.onProgress?.(result.memberships);
  }

  result.nextNumber = nextNumber;
  await sql`insert into member_counters (association_id, next_number) values (${a}, ${nextNumber})
    on conflict (association_id) do update set next_number = greatest(member_counters.next_number, excluded.next_number)`.execute(
    tx,
  );
  return result;
}
