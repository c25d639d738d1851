/**
 * Planning generated members (members.generate.ts writes them): one person and their memberships
 * at a time, drawn from a seeded random stream, with every date, period and event consistent.
 * Pure apart from the random ids; no database access.
 */
import { newId } from '../../platform/ids.js';
import {
  ADDRESS_KINDS,
  AGE_BANDS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  ID_PREFIXES,
  MIDDLE_NAMES,
  MOBILE_PREFIXES,
  REJECT_REASONS,
  REMOVE_REASONS,
  RESIGN_REASONS,
  SOUTHERN_SPELLING,
  SUSPEND_REASONS,
  TRANSFER_REASONS,
  type Region,
  type Weighted,
} from './members.generate-names.js';

/** The shares and switches planning needs (see GenerateOptions for their meaning). */
export interface PlanOptions {
  transitShare: number;
  arrearsShare: number;
  terminalShare: number;
  applicantShare: number;
  suspendedShare: number;
  rejectedShare: number;
  rejoinShare: number;
  pastTransferShare: number;
  duesYears: number;
  sensitiveShare: number;
  consentShare: number;
  yearsBack: number;
  decisionSuffix: string;
  actorName: string;
  chunkSize: number;
}

// ---------------------------------------------------------------------------------------------
// Random numbers and dates

/** mulberry32 seeded through a string hash: small, fast, and the same on every platform. */
export function seededRandom(seed: number | string): () => number {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(readonly next: () => number) {}
  chance(p: number) {
    return this.next() < p;
  }
  int(lo: number, hi: number) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  digits(n: number) {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }
}

const DAY = 86_400_000;
export const dayOf = (iso: string) =>
  Math.floor(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY,
  );
export const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** A timestamp on the effective date in Vietnam's office hours; `k` keeps same-day events in order. */
export const atOf = (iso: string, k: number) =>
  `${iso}T${String(8 + (Math.floor(k / 60) % 10)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00+07:00`;

// ---------------------------------------------------------------------------------------------
// Plans: what one person and their memberships look like, before any id collides with the DB

export interface UnitInfo {
  id: string;
  region: Region;
  /** Ancestors from the root down to the unit itself. */
  chain: string[];
  provinceId: string;
  provinceCode: string | null;
  communeCode: string | null;
}

export interface PlannedPerson {
  id: string;
  full_name: string;
  birth_date: string;
  birth_year: number;
  gender: 'male' | 'female';
  id_number: string | null;
  legacy_id_number: string | null;
  phone: string | null;
  province_code: string | null;
  commune_code: string | null;
  address_detail: string | null;
  /** Birth-registration prefix, to redraw a colliding ID number in the same bucket. */
  idPrefix: string;
}

type Status =
  | 'applicant'
  | 'active'
  | 'suspended'
  | 'resigned'
  | 'aged_out'
  | 'removed'
  | 'deceased'
  | 'rejected';
type Category = 'official' | 'associate' | 'honorary';

interface PlannedEvent {
  kind: string;
  date: string;
  unitId: string;
  decision?: { number: string; date: string; signer: string };
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface PlannedMembership {
  id: string;
  unitId: string;
  category: Category;
  status: Status;
  appliedOn: string;
  joinedOn: string | null;
  endedOn: string | null;
  admission: { number: string; date: string; signer: string; unitId: string } | null;
  transitTo: string | null;
  periods: { unitId: string; status: Status; from: string; to: string | null }[];
  events: PlannedEvent[];
  transfers: {
    id: string;
    from: string;
    to: string;
    common: string;
    status: 'pending' | 'accepted';
    released: string;
    due: string;
    answered: string | null;
    reason: string;
  }[];
  payments: { year: number; amount: number; paidOn: string; unitId: string }[];
  exemption: {
    reason: 'elderly' | 'poor_household' | 'honorary';
    fromYear: number;
    toYear: number | null;
  } | null;
  consents: { purpose: string; granted: boolean; date: string }[];
  sensitive: {
    ethnicity: string;
    religion: string;
    party: boolean;
    partyJoined: string | null;
    health: string | null;
    date: string;
  } | null;
  paidThrough: number | null;
  inArrears: boolean;
}

export interface Plan {
  person: PlannedPerson;
  memberships: PlannedMembership[];
}

export interface PlanContext {
  today: string;
  units: UnitInfo[];
  /** Cumulative weights for picking a unit. */
  cumulative: number[];
  byProvince: Map<string, UnitInfo[]>;
  rates: Map<number, number>;
  escalationDays: number;
  opts: PlanOptions;
  signers: Map<string, string>;
  decisionSeq: Map<string, number>;
  receiptSeq: Map<string, number>;
  lca: (a: UnitInfo, b: UnitInfo) => string;
}

const TERMINAL_KINDS: Weighted<'deceased' | 'resigned' | 'removed'> = [
  ['deceased', 55],
  ['resigned', 30],
  ['removed', 15],
];

function personName(d: Draw, gender: 'male' | 'female', region: Region) {
  let family = d.weighted(FAMILY_NAMES);
  if (family === 'Hoàng' && d.chance(SOUTHERN_SPELLING[region])) family = 'Huỳnh';
  if (family === 'Vũ' && d.chance(SOUTHERN_SPELLING[region])) family = 'Võ';
  const middle = d.weighted(MIDDLE_NAMES[gender]);
  let given = d.weighted(GIVEN_NAMES[gender]);
  while (middle.endsWith(given)) given = d.weighted(GIVEN_NAMES[gender]);
  return `${family} ${middle} ${given}`;
}

/** 12-digit personal ID: PPP (birth province, old list), G (century and sex), YY, 6 random digits. */
export function personalIdFor(
  random: () => number,
  prefix: string,
  birthYear: number,
  gender: 'male' | 'female',
) {
  const draw = new Draw(random);
  const g = (Math.floor(birthYear / 100) - 19) * 2 + (gender === 'female' ? 1 : 0);
  return `${prefix}${g}${String(birthYear % 100).padStart(2, '0')}${draw.digits(6)}`;
}

function planPerson(d: Draw, ctx: PlanContext, unit: UnitInfo): PlannedPerson {
  const gender = d.chance(0.55) ? 'female' : 'male';
  const ty = Number(ctx.today.slice(0, 4));
  const [lo, hi] = d.weighted(AGE_BANDS);
  const birthYear = ty - d.int(lo, hi);
  const month = d.int(1, 12);
  const day = d.int(1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate());
  const precision = d.next();
  let birthDate =
    precision < 0.5
      ? `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      : precision < 0.7
        ? `${birthYear}-${String(month).padStart(2, '0')}`
        : String(birthYear);
  if (birthDate.length === 10 && birthDate > ctx.today) birthDate = String(birthYear);
  const idPrefix = d.weighted(ID_PREFIXES[unit.region]);
  const idKind = d.next();
  const hasCccd = idKind < 0.8;
  const hasCmnd = (hasCccd && d.chance(0.2)) || (idKind >= 0.8 && idKind < 0.9);
  return {
    id: newId(),
    full_name: personName(d, gender, unit.region),
    birth_date: birthDate,
    birth_year: birthYear,
    gender,
    id_number: hasCccd ? personalIdFor(d.next, idPrefix, birthYear, gender) : null,
    legacy_id_number: hasCmnd ? `${d.pick(['0', '1', '2', '3'])}${d.digits(8)}` : null,
    phone: d.chance(0.7) ? `${d.pick(MOBILE_PREFIXES)}${d.digits(7)}` : null,
    province_code: unit.provinceCode,
    commune_code: unit.communeCode,
    address_detail: d.chance(0.8) ? `${d.pick(ADDRESS_KINDS)} ${d.int(1, 25)}` : null,
    idPrefix,
  };
}

function pickUnit(d: Draw, ctx: PlanContext): UnitInfo {
  const total = ctx.cumulative[ctx.cumulative.length - 1]!;
  const r = d.next() * total;
  let lo = 0;
  let hi = ctx.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.cumulative[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return ctx.units[lo]!;
}

function signerOf(d: Draw, ctx: PlanContext, unit: UnitInfo) {
  let s = ctx.signers.get(unit.id);
  if (!s) {
    s = personName(d, d.chance(0.6) ? 'male' : 'female', unit.region);
    ctx.signers.set(unit.id, s);
  }
  return s;
}

function decisionFor(d: Draw, ctx: PlanContext, unit: UnitInfo, date: string) {
  const key = `${unit.id}/${date.slice(0, 4)}`;
  const n = (ctx.decisionSeq.get(key) ?? 0) + 1;
  ctx.decisionSeq.set(key, n);
  return { number: `${n}/${ctx.opts.decisionSuffix}`, date, signer: signerOf(d, ctx, unit) };
}

/** A membership's history from application to today; `window` bounds its dates (days). */
function planMembership(
  d: Draw,
  ctx: PlanContext,
  person: PlannedPerson,
  unit: UnitInfo,
  status: Status,
  window: [number, number],
  category: Category,
): PlannedMembership {
  const today = dayOf(ctx.today);
  const [start, end] = window;
  const m: PlannedMembership = {
    id: newId(),
    unitId: unit.id,
    category,
    status,
    appliedOn: '',
    joinedOn: null,
    endedOn: null,
    admission: null,
    transitTo: null,
    periods: [],
    events: [],
    transfers: [],
    payments: [],
    exemption: null,
    consents: [],
    sensitive: null,
    paidThrough: null,
    inArrears: false,
  };
  const span = (a: number, b: number) => (b <= a ? a : d.int(a, b));
  if (status === 'applicant') {
    const applied = span(Math.max(start, end - 90), end);
    m.appliedOn = isoOf(applied);
    m.periods.push({ unitId: unit.id, status, from: m.appliedOn, to: null });
    m.events.push({ kind: 'applied', date: m.appliedOn, unitId: unit.id });
    return m;
  }
  if (status === 'rejected') {
    const applied = span(Math.max(start, end - 730), end - 41);
    const rejected = Math.min(end, applied + d.int(7, 40));
    m.appliedOn = isoOf(applied);
    m.endedOn = isoOf(rejected);
    m.periods.push(
      { unitId: unit.id, status: 'applicant', from: m.appliedOn, to: m.endedOn },
      { unitId: unit.id, status, from: m.endedOn, to: null },
    );
    m.events.push(
      { kind: 'applied', date: m.appliedOn, unitId: unit.id },
      { kind: 'rejected', date: m.endedOn, unitId: unit.id, reason: d.pick(REJECT_REASONS) },
    );
    return m;
  }
  // Admitted: ended and suspended members need room after joining.
  const needsRoom = status !== 'active';
  const joined = span(start, needsRoom ? end - 31 : end - 1);
  const applied = d.chance(0.3) ? joined : Math.max(start - 30, joined - d.int(1, 45));
  m.appliedOn = isoOf(applied);
  m.joinedOn = isoOf(joined);
  // A past accepted transfer: admitted at another unit, moved here later.
  let firstUnit = unit;
  let movedOn: number | null = null;
  if (
    status === 'active' &&
    ctx.units.length > 1 &&
    joined < today - 60 &&
    d.chance(ctx.opts.pastTransferShare)
  ) {
    firstUnit = pickUnit(d, ctx);
    if (firstUnit.id !== unit.id) {
      const released = d.int(joined + 1, today - 30);
      movedOn = released + d.int(1, 20);
      const t = {
        id: newId(),
        from: firstUnit.id,
        to: unit.id,
        common: ctx.lca(firstUnit, unit),
        status: 'accepted' as const,
        released: isoOf(released),
        due: isoOf(released + ctx.escalationDays),
        answered: isoOf(movedOn),
        reason: d.pick(TRANSFER_REASONS),
      };
      m.transfers.push(t);
      m.events.push({
        kind: 'transfer_requested',
        date: t.released,
        unitId: firstUnit.id,
        reason: t.reason,
        details: { transferId: t.id, toUnitId: unit.id },
      });
      m.events.push({
        kind: 'transfer_accepted',
        date: t.answered,
        unitId: unit.id,
        details: { transferId: t.id, fromUnitId: firstUnit.id },
      });
    } else firstUnit = unit;
  }
  const decision = decisionFor(d, ctx, firstUnit, m.joinedOn);
  m.admission = { ...decision, unitId: firstUnit.id };
  if (applied < joined)
    m.periods.push({
      unitId: firstUnit.id,
      status: 'applicant',
      from: m.appliedOn,
      to: m.joinedOn,
    });
  m.events.unshift(
    { kind: 'applied', date: m.appliedOn, unitId: firstUnit.id },
    { kind: 'admitted', date: m.joinedOn, unitId: firstUnit.id, decision },
  );
  if (movedOn !== null) {
    m.periods.push(
      { unitId: firstUnit.id, status: 'active', from: m.joinedOn, to: isoOf(movedOn) },
      { unitId: unit.id, status: 'active', from: isoOf(movedOn), to: null },
    );
  } else if (status === 'active') {
    m.periods.push({ unitId: unit.id, status: 'active', from: m.joinedOn, to: null });
  } else {
    const changed = isoOf(span(joined + 30, end));
    m.periods.push(
      { unitId: unit.id, status: 'active', from: m.joinedOn, to: changed },
      { unitId: unit.id, status, from: changed, to: null },
    );
    if (status !== 'suspended') m.endedOn = changed;
    const ev: PlannedEvent = { kind: status, date: changed, unitId: unit.id };
    if (status === 'suspended')
      Object.assign(ev, {
        decision: decisionFor(d, ctx, unit, changed),
        reason: d.pick(SUSPEND_REASONS),
      });
    if (status === 'removed')
      Object.assign(ev, {
        decision: decisionFor(d, ctx, unit, changed),
        reason: d.pick(REMOVE_REASONS),
      });
    if (status === 'resigned' && d.chance(0.6)) ev.reason = d.pick(RESIGN_REASONS);
    m.events.push(ev);
  }
  return m;
}

/** Pending transfer to a unit of another province (the member stays counted at the sender). */
function planPendingTransfer(d: Draw, ctx: PlanContext, m: PlannedMembership, unit: UnitInfo) {
  const today = dayOf(ctx.today);
  const joined = dayOf(m.joinedOn!);
  const last = dayOf(m.events.reduce((a, e) => (e.date > a ? e.date : a), m.appliedOn));
  if (last >= today) return;
  const others = [...ctx.byProvince.entries()]
    .filter(([p]) => p !== unit.provinceId)
    .flatMap(([, us]) => us);
  const pool = others.length ? others : ctx.units.filter((u) => u.id !== unit.id);
  if (pool.length === 0) return;
  const to = d.pick(pool);
  const released = d.int(Math.max(joined + 1, last, today - 40), today);
  const t = {
    id: newId(),
    from: unit.id,
    to: to.id,
    common: ctx.lca(unit, to),
    status: 'pending' as const,
    released: isoOf(released),
    due: isoOf(released + ctx.escalationDays),
    answered: null,
    reason: d.pick(TRANSFER_REASONS),
  };
  m.transfers.push(t);
  m.transitTo = to.id;
  m.events.push({
    kind: 'transfer_requested',
    date: t.released,
    unitId: unit.id,
    reason: t.reason,
    details: { transferId: t.id, toUnitId: to.id },
  });
}

/** Unit of the membership on a date (the one whose period covers it). */
function unitOn(m: PlannedMembership, iso: string) {
  let u = m.periods[0]!.unitId;
  for (const p of m.periods) if (p.from <= iso) u = p.unitId;
  return u;
}

/**
 * Dues: payments for each rated year from joining to today (or the end), except exempt years and,
 * for members in arrears, the last one to three years. `paidThrough` is then the last year
 * settled (paid, exempt or without a rate) counted without gaps from the join year.
 */
function planDues(d: Draw, ctx: PlanContext, m: PlannedMembership, person: PlannedPerson) {
  if (!m.joinedOn || ctx.rates.size === 0) return;
  const ty = Number(ctx.today.slice(0, 4));
  const joinYear = Number(m.joinedOn.slice(0, 4));
  const lastYear = m.endedOn ? Number(m.endedOn.slice(0, 4)) : ty;
  const current = m.status === 'active' || m.status === 'suspended';
  if (m.category === 'honorary')
    m.exemption = { reason: 'honorary', fromYear: joinYear, toYear: null };
  else if (ty - person.birth_year >= 90 && d.chance(0.4))
    m.exemption = {
      reason: 'elderly',
      fromYear: Math.max(joinYear, person.birth_year + 90),
      toYear: null,
    };
  else if (d.chance(0.015)) {
    const from = d.pick(
      [...ctx.rates.keys()].filter((y) => y >= joinYear && y <= lastYear).concat(joinYear),
    );
    m.exemption = {
      reason: 'poor_household',
      fromYear: from,
      toYear: d.chance(0.5) ? from + 1 : null,
    };
  }
  if (m.exemption && m.exemption.fromYear > lastYear) m.exemption = null;
  const exempt = (y: number) =>
    !!m.exemption &&
    y >= m.exemption.fromYear &&
    (m.exemption.toYear === null || y <= m.exemption.toYear);
  let stopFrom = Infinity;
  if (current && m.category !== 'honorary' && d.chance(ctx.opts.arrearsShare))
    stopFrom =
      ty -
      d.weighted([
        [0, 60],
        [1, 30],
        [2, 10],
      ] as const);
  const today = dayOf(ctx.today);
  for (const [year, amount] of [...ctx.rates.entries()].sort((a, b) => a[0] - b[0])) {
    if (year < joinYear || year > lastYear || exempt(year) || year >= stopFrom || amount <= 0)
      continue;
    const lo = Math.max(dayOf(`${year}-01-05`), dayOf(m.joinedOn));
    const onTime = dayOf(`${year}-04-30`);
    const hi = Math.min(
      d.chance(0.85) ? Math.max(onTime, lo) : dayOf(`${year}-12-31`),
      today,
      m.endedOn ? dayOf(m.endedOn) : Infinity,
    );
    if (hi < lo) continue;
    const paidOn = isoOf(d.int(lo, hi));
    m.payments.push({ year, amount, paidOn, unitId: unitOn(m, paidOn) });
  }
  const paid = new Set(m.payments.map((p) => p.year));
  let through: number | null = null;
  for (let y = joinYear; y <= lastYear; y++) {
    const rate = ctx.rates.get(y);
    if (rate === undefined || rate === 0 || paid.has(y) || exempt(y)) through = y;
    else break;
  }
  m.paidThrough = through;
  m.inArrears = current && m.category !== 'honorary' && (through ?? joinYear - 1) < ty;
  if (m.exemption) {
    const date = isoOf(
      Math.min(today, Math.max(dayOf(m.joinedOn), dayOf(`${m.exemption.fromYear}-01-15`))),
    );
    m.events.push({
      kind: 'exemption',
      date,
      unitId: unitOn(m, date),
      details: {
        reason: m.exemption.reason,
        fromYear: m.exemption.fromYear,
        toYear: m.exemption.toYear,
      },
    });
  }
  for (const p of m.payments)
    m.events.push({
      kind: 'dues_paid',
      date: p.paidOn,
      unitId: p.unitId,
      details: { year: p.year, amount: p.amount },
    });
}

function planExtras(
  d: Draw,
  ctx: PlanContext,
  m: PlannedMembership,
  person: PlannedPerson,
  unit: UnitInfo,
) {
  const today = dayOf(ctx.today);
  if (!m.joinedOn) return;
  const from = dayOf(m.joinedOn);
  const until = m.endedOn ? dayOf(m.endedOn) : today;
  if (m.status === 'active' && d.chance(ctx.opts.consentShare)) {
    const date = isoOf(d.int(Math.max(from, today - 330), today));
    m.consents.push(
      { purpose: 'membership_management', granted: true, date },
      { purpose: 'contact_sms', granted: d.chance(0.8), date },
    );
    if (d.chance(0.5)) m.consents.push({ purpose: 'photo_on_card', granted: d.chance(0.9), date });
    m.events.push({
      kind: 'consent_changed',
      date,
      unitId: m.unitId,
      details: { purposes: Object.fromEntries(m.consents.map((c) => [c.purpose, c.granted])) },
    });
  }
  if (d.chance(ctx.opts.sensitiveShare)) {
    const date = isoOf(d.int(from, until));
    const south = unit.region === 'south';
    const ethnicity = d.weighted<string>(
      south
        ? [
            ['01', 88],
            ['04', 6],
            ['05', 4],
            ['17', 1],
            ['22', 1],
          ]
        : [
            ['01', 90],
            ['06', 3],
            ['02', 2],
            ['03', 2],
            ['07', 2],
            ['09', 1],
          ],
    );
    const religion = d.weighted<string>(
      south
        ? [
            ['00', 55],
            ['01', 20],
            ['02', 10],
            ['03', 5],
            ['05', 6],
            ['08', 4],
          ]
        : [
            ['00', 72],
            ['01', 15],
            ['02', 11],
            ['08', 2],
          ],
    );
    const party = d.chance(person.gender === 'male' ? 0.35 : 0.15);
    const joinedAt = person.birth_year + d.int(20, 40);
    m.sensitive = {
      ethnicity,
      religion,
      party,
      partyJoined: party
        ? isoOf(
            Math.min(
              today,
              dayOf(
                `${joinedAt}-${String(d.int(1, 12)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`,
              ),
            ),
          )
        : null,
      health: d.chance(0.1)
        ? d.pick(['Huyết áp cao', 'Tiểu đường', 'Đi lại khó khăn', 'Thị lực kém'])
        : null,
      date,
    };
    m.events.push({ kind: 'sensitive_updated', date, unitId: unitOn(m, date) });
  }
}

/** One person and their memberships (an earlier, ended one for a few). */
export function planOne(d: Draw, ctx: PlanContext): Plan {
  const unit = pickUnit(d, ctx);
  const person = planPerson(d, ctx, unit);
  const o = ctx.opts;
  const today = dayOf(ctx.today);
  const sixty = dayOf(`${person.birth_year + 60}-01-01`);
  const earliest = Math.max(today - Math.round(o.yearsBack * 365.25), sixty);
  const r = d.next();
  let status: Status = 'active';
  const cut1 = o.applicantShare;
  const cut2 = cut1 + o.rejectedShare;
  const cut3 = cut2 + o.suspendedShare;
  if (r < cut1) status = 'applicant';
  else if (r < cut2) status = 'rejected';
  else if (r < cut3) status = 'suspended';
  else if (r < cut3 + o.terminalShare) status = d.weighted(TERMINAL_KINDS);
  if (status !== 'active' && status !== 'applicant' && today - earliest < 90) status = 'active';
  const category: Category = d.weighted([
    ['official', 93],
    ['associate', 5],
    ['honorary', 2],
  ] as const);
  const memberships: PlannedMembership[] = [];
  let window: [number, number] = [earliest, today];
  const current = status === 'active' || status === 'suspended' || status === 'applicant';
  if (current && today - earliest > 3 * 365 && d.chance(o.rejoinShare)) {
    // Joined, left, came back: the earlier membership ended well before this one began.
    const cut = d.int(earliest + 365, today - 365);
    const before = planMembership(
      d,
      ctx,
      person,
      unit,
      d.chance(0.7) ? 'resigned' : 'removed',
      [earliest, cut],
      'official',
    );
    memberships.push(before);
    window = [dayOf(before.endedOn!) + 60, today];
    if (window[0] >= today - 31) window = [today - 31, today];
  }
  const m = planMembership(d, ctx, person, unit, status, window, category);
  memberships.push(m);
  if (status === 'active' && m.transfers.length === 0 && d.chance(o.transitShare))
    planPendingTransfer(d, ctx, m, unit);
  for (const x of memberships) {
    planDues(d, ctx, x, person);
    planExtras(d, ctx, x, person, unit);
  }
  return { person, memberships };
}
