import os from 'node:os';
import { ROLES, type CaseType } from '@hoi/contracts';
import { ExplainNode, sql, type KyselyPlugin } from 'kysely';
import { inTenant } from '../../apps/server/src/db/engine.js';
import { insertJsonRows } from '../../apps/server/src/db/bulk-insert.js';
import type { Actor } from '../../apps/server/src/platform/actor.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';
import { newId } from '../../apps/server/src/platform/ids.js';
import { todayIn } from '../../apps/server/src/platform/clock.js';
import { seededRandom } from '../../apps/server/src/modules/members/members.generate.js';
import { listCases } from '../../apps/server/src/modules/cases/cases-inbox.service.js';
import { getCase } from '../../apps/server/src/modules/cases/cases.service.js';
import * as casesRepo from '../../apps/server/src/modules/cases/cases.repo.js';
import type { Result } from './run.js';
import { ms, timeIt } from './stats.js';
import { generateTree, type GeneratedTree } from './tree-data.js';

/** Cases to generate (BENCH_CASES overrides, for a quick run). */
const COUNT = Number(process.env.BENCH_CASES ?? 100_000);
const SAMPLES = 200;
const WARM = 20;

const TYPES: [CaseType, number][] = [
  ['complaint', 0.4],
  ['petition', 0.3],
  ['denunciation', 0.2],
  ['dispute', 0.05],
  ['complaint_discipline', 0.05],
];
/** ≈60 % open (the clock runs), ≈40 % ended. */
const STATUSES: [string, number][] = [
  ['received', 0.15],
  ['classified', 0.08],
  ['accepted', 0.12],
  ['verifying', 0.15],
  ['concluded', 0.05],
  ['published', 0.05],
  ['closed', 0.28],
  ['not_accepted', 0.06],
  ['forwarded', 0.04],
  ['withdrawn', 0.02],
];
const OPEN = new Set(['received', 'classified', 'accepted', 'verifying', 'concluded', 'published']);
const TOPICS = [
  'việc bình xét hộ nghèo',
  'thu chi quỹ hội',
  'quyết định kỷ luật hội viên',
  'tranh chấp ranh giới đất',
  'thái độ của cán bộ chi hội',
  'việc kết nạp hội viên',
  'hỗ trợ vốn vay',
  'bầu cử ban chấp hành',
];

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const minDate = (a: string, b: string) => (a < b ? a : b);

function weighted<T>(rnd: () => number, xs: [T, number][]): T {
  let r = rnd();
  for (const [x, w] of xs) if ((r -= w) < 0) return x;
  return xs[xs.length - 1]![0];
}

export interface BenchUnit {
  id: string;
  code: string;
  name: string;
  level: number;
  parentId: string | null;
  path: string;
}

export interface GeneratedCases {
  tree: GeneratedTree;
  /** Every unit of the tree with its path. */
  units: BenchUnit[];
  byId: Map<string, BenchUnit>;
  /** Ids of the generated cases. */
  ids: string[];
  /** Cases (all and open) in each province's subtree. */
  perProvince: Map<string, { all: number; open: number }>;
  /** Generation time of the cases (not the tree), in ms. */
  generateMs: number;
}

/**
 * The case benches' data: the 20,000-unit tree with `count` cases bulk-inserted straight into
 * `cases` (skewed towards communes and branches), then ANALYZE.
 */
export async function generateCaseData(deps: Deps, count = COUNT): Promise<GeneratedCases> {
  const engine = deps.db.kind;
  const t0 = performance.now();
  const tree = await generateTree(deps, 20_000, 5_000);
  console.log(
    `[${engine}] ${tree.units} units generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const today = todayIn(deps.clock);

  const units: BenchUnit[] = await deps.db.system
    .selectFrom('units as u')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.level',
      'u.parentId',
      sql<string>`up.path::text`.as('path'),
    ])
    .where('u.associationId', '=', tree.associationId)
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const provinceOf = new Map<string, string>();
  for (const u of units) {
    let p: BenchUnit | undefined = u;
    while (p && p.level > 1) p = byId.get(p.parentId ?? '');
    if (p && p.level === 1) provinceOf.set(u.id, p.id);
  }

  // Skewed placement: most cases at communes and branches (or groups), few at provinces.
  const byLevel = (f: (l: number) => boolean) => units.filter((u) => f(u.level));
  const levels: [BenchUnit[], number][] = [
    [byLevel((l) => l === 0), 0.01],
    [byLevel((l) => l === 1), 0.05],
    [byLevel((l) => l === 2), 0.3],
    [byLevel((l) => l >= 3), 0.64],
  ];
  const rnd = seededRandom('bench-cases');
  const g0 = performance.now();
  const ids: string[] = [];
  const perProvince = new Map<string, { all: number; open: number }>();
  await deps.db.system.transaction().execute(async (tx) => {
    const BATCH = 20_000;
    for (let start = 0; start < count; start += BATCH) {
      const rows: object[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const pool = weighted(rnd, levels);
        const unit = pool[Math.floor(rnd() * pool.length)]!;
        const type = weighted(rnd, TYPES);
        const status = weighted(rnd, STATUSES);
        const open = OPEN.has(status);
        const receivedOn = addDays(today, -Math.floor(rnd() * 730));
        const accepted = ['accepted', 'verifying', 'concluded', 'published', 'closed'].includes(
          status,
        );
        const acceptedOn = accepted
          ? minDate(today, addDays(receivedOn, Math.floor(rnd() * 10)))
          : null;
        const concluded = ['concluded', 'published', 'closed'].includes(status);
        const concludedOn =
          concluded && acceptedOn
            ? minDate(today, addDays(acceptedOn, Math.floor(rnd() * 60)))
            : null;
        // The stored nearest deadline: ±90 days around today (so some are overdue); none once
        // concluded (nothing runs until publication) or ended.
        const nextDeadline =
          open && status !== 'concluded' ? addDays(today, Math.floor(rnd() * 181) - 90) : null;
        const id = newId();
        ids.push(id);
        const p = provinceOf.get(unit.id);
        if (p) {
          const c = perProvince.get(p) ?? { all: 0, open: 0 };
          c.all++;
          if (open) c.open++;
          perProvince.set(p, c);
        }
        rows.push({
          id,
          number: `${i + 1}/${receivedOn.slice(0, 4)}/${unit.code}`,
          unit_id: unit.id,
          type,
          round: 1,
          channel: ['in_person', 'letter', 'online'][i % 3],
          status,
          received_on: receivedOn,
          subject: `Đơn về ${TOPICS[i % TOPICS.length]} tại ${unit.name}`,
          content:
            'Nội dung đơn đã lược bỏ thông tin cá nhân; người gửi đề nghị xem xét, giải quyết theo quy định.',
          complainant:
            type === 'denunciation' ? null : { fullName: 'Phạm Văn Khiếu', phone: '0987654321' },
          accepted_on: acceptedOn,
          concluded_on: concludedOn,
          findings: concludedOn ? 'Kết quả xác minh: nội dung đúng một phần.' : null,
          conclusion: concludedOn ? 'Kết luận: đúng một phần; kiến nghị xử lý.' : null,
          publication:
            status === 'published' && concludedOn && nextDeadline
              ? {
                  from: concludedOn,
                  until: nextDeadline,
                  place: 'Trụ sở hội',
                  text: 'Công khai kết luận.',
                }
              : null,
          closed_on:
            status === 'closed' && concludedOn ? minDate(today, addDays(concludedOn, 15)) : null,
          next_deadline: nextDeadline,
          next_milestone: !nextDeadline
            ? null
            : status === 'published'
              ? 'publication_until'
              : status === 'received' || status === 'classified'
                ? 'acceptance_due'
                : 'resolution_due',
          is_open: open,
          resolution_due: acceptedOn ? addDays(acceptedOn, 60) : null,
        });
      }
      await insertJsonRows(
        tx,
        'cases',
        {
          id: 'uuid',
          number: 'text',
          unit_id: 'uuid',
          type: 'text',
          round: 'smallint',
          channel: 'text',
          status: 'text',
          received_on: 'date',
          subject: 'text',
          content: 'text',
          complainant: 'jsonb',
          accepted_on: 'date',
          concluded_on: 'date',
          findings: 'text',
          conclusion: 'text',
          publication: 'jsonb',
          closed_on: 'date',
          next_deadline: 'date',
          next_milestone: 'text',
          is_open: 'boolean',
          resolution_due: 'date',
        },
        rows,
        tree.associationId,
      );
    }
  });
  await sql`analyze`.execute(deps.db.system);
  const generateMs = performance.now() - g0;
  console.log(`[${engine}] ${count} cases generated in ${(generateMs / 1000).toFixed(1)} s`);

  return { tree, units, byId, ids, perProvince, generateMs };
}

/** An officer (or administrator) whose one assignment is at `unit`, as the auth module builds it. */
export function officerAt(
  associationId: string,
  unit: BenchUnit,
  role: 'unit_officer' | 'association_admin' = 'unit_officer',
): Actor {
  return {
    userId: newId(),
    username: `bench.${unit.code.toLowerCase()}`,
    displayName: `Cán bộ ${unit.name}`,
    associationId,
    associationKind: 'association',
    assignments: [
      {
        id: newId(),
        role,
        unitId: unit.id,
        unitPath: unit.path,
        unitName: unit.name,
        unitCode: unit.code,
        validFrom: '2020-01-01',
        validTo: null,
        permissions: ROLES[role].permissions,
      },
    ],
    via: 'session',
    sessionId: null,
    csrfToken: null,
    ip: null,
    totpSetupRequired: false,
  };
}

/**
 * The case inbox (issue #6: "an inbox over 100,000 cases sorted by nearest deadline, scoped to a
 * province subtree: p95 ≤ 100 ms") on the 20,000-unit tree with 100,000 bulk-inserted cases:
 * the service call `listCases` as a province officer (open box, its second page, the overdue
 * box), for the two big provinces and the whole association, and `getCase` of a random case.
 */
export async function benchCases(deps: Deps): Promise<Result[]> {
  const engine = deps.db.kind;
  const out: Result[] = [];
  const { tree, units, byId, ids, perProvince, generateMs } = await generateCaseData(deps);
  const today = todayIn(deps.clock);
  out.push({
    engine,
    name: `generate ${ids.length.toLocaleString('en')} cases in ${tree.units.toLocaleString('en')} units (bulk INSERT + ANALYZE)`,
    target: 'report',
    value: `${(generateMs / 1000).toFixed(1)} s`,
    ok: true,
  });

  const officer = (unit: BenchUnit, role?: 'unit_officer' | 'association_admin') =>
    officerAt(tree.associationId, unit, role);
  // The two big communes' provinces hold 5,000 extra units each: typical provinces are the rest.
  const typical = tree.provinces.slice(2).map((id) => officer(byId.get(id)!));
  const big = tree.provinces.slice(0, 2).map((id) => officer(byId.get(id)!));
  const admin = officer(byId.get(tree.rootId)!, 'association_admin');
  const unitsIn = (pid: string) =>
    units.filter(
      (u) => u.path === byId.get(pid)!.path || u.path.startsWith(`${byId.get(pid)!.path}.`),
    ).length;
  const describe = (actors: Actor[]) => {
    const ps = actors.map((a) => a.assignments[0]!.unitId);
    const n = ps.map((p) => perProvince.get(p) ?? { all: 0, open: 0 });
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    return `~${med(ps.map(unitsIn)).toLocaleString('en')} units, ~${med(n.map((x) => x.all)).toLocaleString('en')} cases (${med(n.map((x) => x.open)).toLocaleString('en')} open)`;
  };
  const pick = <T>(xs: readonly T[], i: number) => xs[(i * 7919) % xs.length]!;

  // Figures on the shared 2-core machine swing with other work: say how busy it was.
  const load = () =>
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`;
  console.log(`[${engine}] measuring (${load()})`);

  const page = (actor: Actor, box: 'open' | 'overdue', cursor?: string) =>
    listCases(deps, actor, { box, limit: 50, ...(cursor ? { cursor } : {}) });
  // Second pages: the cursor each actor's first page returns (read before timing).
  const cursors = new Map<Actor, string>();
  for (const a of [...typical, ...big]) {
    const r = await page(a, 'open');
    if (COUNT >= 100_000 && (r.items.length !== 50 || !r.nextCursor))
      throw new Error(`first page not full: ${r.items.length}`);
    if (r.nextCursor) cursors.set(a, r.nextCursor);
  }

  const measures: {
    label: string;
    actors: Actor[];
    box: 'open' | 'overdue';
    second?: boolean;
    target: boolean;
  }[] = [
    {
      label: `typical province (${describe(typical)}), open box, page 1`,
      actors: typical,
      box: 'open',
      target: true,
    },
    {
      label: 'typical province, open box, page 2 (cursor)',
      actors: typical,
      box: 'open',
      second: true,
      target: true,
    },
    {
      label: 'typical province, overdue box, page 1',
      actors: typical,
      box: 'overdue',
      target: true,
    },
    {
      label: `big province (${describe(big)}), open box, page 1`,
      actors: big,
      box: 'open',
      target: true,
    },
    {
      label: 'big province, open box, page 2 (cursor)',
      actors: big,
      box: 'open',
      second: true,
      target: true,
    },
    { label: 'big province, overdue box, page 1', actors: big, box: 'overdue', target: true },
    {
      label: `whole association (administrator, ${tree.units.toLocaleString('en')} units), open box, page 1`,
      actors: [admin],
      box: 'open',
      target: false,
    },
  ];
  for (const m of measures) {
    let rows = 0;
    const t = await timeIt(
      SAMPLES,
      async (i) => {
        const a = pick(m.actors, i);
        const r = await page(a, m.box, m.second ? cursors.get(a) : undefined);
        rows = Math.max(rows, r.items.length);
      },
      WARM,
    );
    out.push({
      engine,
      name: `case inbox by nearest deadline: ${m.label} (listCases, ${rows} rows)`,
      target: m.target ? 'p95 ≤ 100 ms' : 'report',
      value: `p50 ${ms(t.p50)}, p95 ${ms(t.p95)}, max ${ms(t.max)}`,
      ok: m.target ? t.p95 <= 100 : true,
    });
    console.log(`[${engine}] ${m.label}: p50 ${ms(t.p50)}, p95 ${ms(t.p95)}, max ${ms(t.max)}`);
  }

  const rndPick = seededRandom('bench-cases-get');
  const get = await timeIt(
    SAMPLES,
    async () => {
      const c = await getCase(deps, admin, ids[Math.floor(rndPick() * ids.length)]!);
      if (!c.id) throw new Error('getCase');
    },
    WARM,
  );
  out.push({
    engine,
    name: 'one case with its clock and timeline (getCase, random case)',
    target: 'report',
    value: `p50 ${ms(get.p50)}, p95 ${ms(get.p95)}, max ${ms(get.max)}`,
    ok: true,
  });
  console.log(`[${engine}] measured (${load()})`);

  if (process.env.BENCH_EXPLAIN) {
    for (const [label, actor, box, cursor] of [
      ['typical province, open', typical[0]!, 'open', undefined],
      ['typical province, open, page 2', typical[0]!, 'open', cursors.get(typical[0]!)],
      ['typical province, overdue', typical[0]!, 'overdue', undefined],
      ['big province, open', big[0]!, 'open', undefined],
      ['whole association, open', admin, 'open', undefined],
    ] as const) {
      console.log(
        `\n[${engine}] EXPLAIN ANALYZE — ${label}\n${await explainList(deps, actor, box, cursor, today)}`,
      );
    }
    const some = ids[Math.floor(ids.length / 2)]!;
    const plan = await inTenant(deps.db.app, tree.associationId, async (tx) => {
      const r = await casesRepo.linkedTo(tx.withPlugin(explainPlugin), some);
      return r.map((x) => Object.values(x)[0]).join('\n');
    });
    console.log(`\n[${engine}] EXPLAIN ANALYZE — getCase's linkedTo\n${plan}`);
  }
  return out;
}

/** Turns the next top-level SELECT into EXPLAIN (ANALYZE, BUFFERS): the repo's own query, planned. */
const explainPlugin: KyselyPlugin = {
  transformQuery: (args) =>
    args.node.kind === 'SelectQueryNode'
      ? {
          ...args.node,
          explain: ExplainNode.create(undefined, sql.raw('analyze, buffers').toOperationNode()),
        }
      : args.node,
  transformResult: async (args) => args.result,
};

/** The plan of the inbox query exactly as listCases sends it (the scope of the actor's assignment). */
async function explainList(
  deps: Deps,
  actor: Actor,
  box: 'open' | 'overdue',
  cursor: string | undefined,
  today: string,
) {
  const c = cursor
    ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | null, string])
    : null;
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const rows = await casesRepo.listCases(tx.withPlugin(explainPlugin), {
      box,
      paths: actor.assignments.map((a) => a.unitPath),
      today,
      after: c ? { deadline: c[0], id: c[1] } : null,
      afterReceived: null,
      limit: 51,
    });
    return rows.map((r) => Object.values(r)[0]).join('\n');
  });
}
