import { checkPersonalId, foldVietnamese, vietnameseNameSortKey } from '@hoi/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/engine.js';
import { todayIn } from '../../platform/clock.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { createTestTree, login, type TestTree } from '../../test/factories.js';
import {
  formatMemberNumber,
  generateMembers,
  type GenerateMembersInput,
  type GenerateMembersResult,
} from './members.generate.js';

let ctx: TestContext;
let t: TestTree;
let result: GenerateMembersResult;
const today = todayIn({ now: () => new Date() });
const thisYear = Number(today.slice(0, 4));

function inputFor(tree: TestTree, count: number, seed: string): GenerateMembersInput {
  return {
    associationId: tree.associationId,
    units: [
      { id: tree.units.b1a!, parentId: tree.units.c1a!, region: 'north' },
      { id: tree.units.g1a!, parentId: tree.units.b1a!, region: 'north' },
      { id: tree.units.c1b!, parentId: tree.units.p1!, region: 'north' },
      { id: tree.units.c2a!, parentId: tree.units.p2!, region: 'south' },
    ],
    count,
    seed,
    today,
    options: {
      transitShare: 0.03,
      arrearsShare: 0.1,
      duesYears: 3,
      sensitiveShare: 0.2,
      consentShare: 0.3,
      rejoinShare: 0.03,
    },
  };
}

/** Rows of a query in the test association (as the application role, under RLS). */
async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return inTenant(ctx.deps.db.app, t.associationId, async (tx) => (await query.execute(tx)).rows);
}

beforeAll(async () => {
  ctx = await createTestContext();
  t = await createTestTree(ctx.deps);
  // A member admitted by hand first: generation continues after its number.
  await inTenant(ctx.deps.db.app, t.associationId, async (tx) => {
    await sql`insert into member_counters (association_id, next_number) values (${t.associationId}, 42)`.execute(
      tx,
    );
  });
  result = await inTenant(ctx.deps.db.app, t.associationId, (tx) =>
    generateMembers(tx, inputFor(t, 2000, 'test-seed')),
  );
}, 120_000);
afterAll(async () => ctx.close());

describe('generateMembers: invariants', () => {
  it('writes the requested memberships and reports what it wrote', async () => {
    expect(result.memberships).toBe(2000);
    expect(result.people).toBeLessThan(2000);
    expect(result.people).toBeGreaterThan(1900);
    const [c] = await rows<{ m: number; p: number; e: number; pe: number; pay: number }>(sql`select
      (select count(*)::int from memberships) as m, (select count(*)::int from people) as p, (select count(*)::int from member_events) as e,
      (select count(*)::int from membership_periods) as pe, (select count(*)::int from dues_payments) as pay`);
    expect(c).toEqual({
      m: 2000,
      p: result.people,
      e: result.events,
      pe: result.periods,
      pay: result.payments,
    });
    expect(result.transfers).toBeGreaterThan(0);
    expect(result.consents).toBeGreaterThan(0);
    expect(result.sensitive).toBeGreaterThan(0);
  });

  it('keeps periods contiguous, the last one open and equal to the membership row', async () => {
    const gaps = await rows<{ n: number }>(sql`select count(*)::int as n from (
      select valid_from, valid_to, lead(valid_from) over (partition by membership_id order by valid_from) as next_from from membership_periods) p
      where (next_from is not null and valid_to is distinct from next_from) or (next_from is null and valid_to is not null)
         or (valid_to is not null and valid_to <= valid_from)`);
    expect(gaps[0]!.n).toBe(0);
    const mismatched = await rows<{ n: number }>(sql`select count(*)::int as n from memberships m
      left join membership_periods p on p.membership_id = m.id and p.valid_to is null
      where p.id is null or p.unit_id <> m.unit_id or p.status <> m.status or p.category <> m.category
         or p.gender is distinct from m.gender or p.person_id <> m.person_id`);
    expect(mismatched[0]!.n).toBe(0);
    const open = await rows<{ n: number }>(
      sql`select count(*)::int as n from membership_periods where valid_to is null`,
    );
    expect(open[0]!.n).toBe(2000);
    // Periods start with the application (or the admission when applied the same day).
    const starts = await rows<{ n: number }>(sql`select count(*)::int as n from memberships m
      where (select min(valid_from) from membership_periods p where p.membership_id = m.id) <> m.applied_on`);
    expect(starts[0]!.n).toBe(0);
  });

  it('has at most one current membership per person, and earlier ones ended before the next began', async () => {
    const dup = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from (select person_id from memberships
      where status in ('applicant', 'active', 'suspended') group by person_id having count(*) > 1) d`);
    expect(dup[0]!.n).toBe(0);
    const overlap = await rows<{
      n: number;
      pairs: number;
    }>(sql`select count(*) filter (where a.ended_on is null or a.ended_on >= b.applied_on)::int as n,
      count(*)::int as pairs from memberships a join memberships b on a.person_id = b.person_id and a.id <> b.id and a.applied_on < b.applied_on`);
    expect(overlap[0]!.n).toBe(0);
    expect(overlap[0]!.pairs).toBeGreaterThan(10);
  });

  it('copies the person into the membership, with IDs consistent with birth year and sex', async () => {
    const list = await rows<{
      idNumber: string | null;
      legacy: string | null;
      birthYear: number;
      birthDate: string;
      gender: 'male' | 'female';
      fullName: string;
      sortKey: string;
      phone: string | null;
      same: boolean;
    }>(
      sql`select m.id_number, p.legacy_id_number as legacy, m.birth_year, m.birth_date, m.gender, m.full_name, m.sort_key, m.phone,
        (p.full_name = m.full_name and p.birth_year = m.birth_year and p.birth_date = m.birth_date and p.gender = m.gender
          and p.id_number is not distinct from m.id_number and p.phone is not distinct from m.phone) as same
        from memberships m join people p on p.id = m.person_id`,
    );
    expect(list.every((r) => r.same)).toBe(true);
    for (const r of list) {
      expect(r.sortKey).toBe(vietnameseNameSortKey(r.fullName));
      expect(Number(r.birthDate.slice(0, 4))).toBe(r.birthYear);
      expect(r.birthDate).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      if (r.idNumber)
        expect(
          checkPersonalId(r.idNumber, { birthYear: r.birthYear, gender: r.gender }),
        ).toMatchObject({ ok: true, warnings: [] });
      if (r.legacy) expect(r.legacy).toMatch(/^\d{9}$/);
      if (r.phone) expect(r.phone).toMatch(/^0(3[2-9]|5[689]|7[06-9]|8[1-689]|9[0-46-9])\d{7}$/);
    }
    const ids = list.map((r) => r.idNumber).filter(Boolean);
    const people = await rows<{ n: number; ids: number }>(
      sql`select count(*)::int as n, count(distinct id_number)::int as ids from people where id_number is not null`,
    );
    expect(people[0]!.n).toBe(people[0]!.ids);
    expect(new Set(ids).size).toBe(people[0]!.ids);
  });

  it('numbers members from the counter on and advances it', async () => {
    const r = await rows<{
      min: number;
      max: number;
      next: number;
      distinct: number;
    }>(sql`select min(member_number::int) as min, max(member_number::int) as max,
      count(distinct member_number)::int as distinct, (select next_number from member_counters)::int as next from memberships`);
    expect(r[0]!.min).toBe(42);
    expect(r[0]!.distinct).toBe(2000);
    expect(r[0]!.next).toBeGreaterThan(r[0]!.max);
    expect(r[0]!.next).toBe(result.nextNumber);
    const first = await rows<{ memberNumber: string }>(
      sql`select member_number from memberships order by member_number limit 1`,
    );
    expect(first[0]!.memberNumber).toBe(formatMemberNumber(42));
  });

  it('records applied and admitted (with the decision) for every admitted membership', async () => {
    const bad = await rows<{
      n: number;
    }>(sql`select count(*)::int as n from memberships m where m.joined_on is not null and (
      m.admission_number is null or m.admission_signer is null or m.admission_date is distinct from m.joined_on or m.admission_unit_id is null
      or not exists (select 1 from member_events e where e.membership_id = m.id and e.kind = 'applied' and e.effective_date = m.applied_on)
      or not exists (select 1 from member_events e where e.membership_id = m.id and e.kind = 'admitted' and e.effective_date = m.joined_on
        and e.decision_number = m.admission_number and e.decision_date = m.admission_date and e.decision_signer = m.admission_signer
        and e.unit_id = m.admission_unit_id))`);
    expect(bad[0]!.n).toBe(0);
    const numbers = await rows<{ admissionNumber: string }>(
      sql`select admission_number from memberships where admission_number is not null limit 50`,
    );
    for (const n of numbers) expect(n.admissionNumber).toMatch(/^\d+\/QĐ-HNCT$/);
    const notAdmitted = await rows<{ n: number }>(
      sql`select count(*)::int as n from memberships where joined_on is null and (status not in ('applicant', 'rejected') or admission_number is not null)`,
    );
    expect(notAdmitted[0]!.n).toBe(0);
  });

  it('records each ending with its event, decision and reason where the rules require them', async () => {
    const bad = await rows<{
      status: string;
      n: number;
    }>(sql`select m.status, count(*)::int as n from memberships m
      where m.status not in ('applicant', 'active') and not exists (select 1 from member_events e where e.membership_id = m.id and e.kind = m.status
        and (m.status = 'suspended' or e.effective_date = m.ended_on)
        and (m.status not in ('removed', 'suspended') or (e.decision_number is not null and e.reason is not null))
        and (m.status <> 'rejected' or e.reason is not null))
      group by m.status`);
    expect(bad).toEqual([]);
    const ended = await rows<{ n: number }>(
      sql`select count(*)::int as n from memberships where (ended_on is null) <> (status in ('applicant', 'active', 'suspended'))`,
    );
    expect(ended[0]!.n).toBe(0);
    const last = await rows<{ n: number }>(sql`select count(*)::int as n from memberships m
      where m.last_event_date <> (select max(effective_date) from member_events e where e.membership_id = m.id)`);
    expect(last[0]!.n).toBe(0);
    const future = await rows<{ n: number }>(
      sql`select count(*)::int as n from member_events where effective_date > ${today}`,
    );
    expect(future[0]!.n).toBe(0);
  });

  it('puts members in transit with a pending transfer to the other province', async () => {
    const transit = await rows<{
      transitToUnitId: string | null;
      toUnitId: string | null;
      status: string;
      fromOk: boolean;
      requested: boolean;
      commonParentId: string | null;
    }>(sql`
      select m.transit_to_unit_id, t.to_unit_id, m.status, (t.from_unit_id = m.unit_id) as from_ok, t.common_parent_id,
        exists (select 1 from member_events e where e.membership_id = m.id and e.kind = 'transfer_requested' and e.details->>'transferId' = t.id::text) as requested
        from memberships m full join (select * from transfers where status = 'pending') t on t.membership_id = m.id
       where m.transit_to_unit_id is not null or t.id is not null`);
    expect(transit.length).toBeGreaterThan(20);
    for (const r of transit) {
      expect(r.toUnitId).toBe(r.transitToUnitId);
      expect(r).toMatchObject({
        status: 'active',
        fromOk: true,
        requested: true,
        commonParentId: t.units.root,
      });
    }
    // Accepted transfers in the past: the period changes unit on the acceptance date.
    const moved = await rows<{
      n: number;
      ok: number;
    }>(sql`select count(*)::int as n, count(*) filter (where exists (select 1 from membership_periods p
      where p.membership_id = t.membership_id and p.unit_id = t.to_unit_id and p.valid_from = t.answered_on))::int as ok
      from transfers t where t.status = 'accepted'`);
    expect(moved[0]!.n).toBeGreaterThan(0);
    expect(moved[0]!.ok).toBe(moved[0]!.n);
  });

  it('keeps dues_paid_through the last year settled without gaps from the join year', async () => {
    const rates = new Map(
      (
        await rows<{ year: number; amount: number }>(sql`select year, amount::int from dues_rates`)
      ).map((r) => [r.year, r.amount]),
    );
    expect([...rates.keys()].sort()).toEqual([thisYear - 2, thisYear - 1, thisYear]);
    const members = await rows<{
      id: string;
      joinedOn: string | null;
      endedOn: string | null;
      status: string;
      duesPaidThrough: number | null;
      paid: number[] | null;
      exFrom: number | null;
      exTo: number | null;
      wrongAmount: number;
    }>(sql`
      select m.id, m.joined_on, m.ended_on, m.status, m.dues_paid_through,
        (select array_agg(year::int) from dues_payments p where p.membership_id = m.id) as paid,
        x.from_year::int as ex_from, x.to_year::int as ex_to,
        (select count(*)::int from dues_payments p join dues_rates r on r.year = p.year where p.membership_id = m.id and p.amount <> r.amount) as wrong_amount
        from memberships m left join dues_exemptions x on x.membership_id = m.id`);
    let arrears = 0;
    for (const m of members) {
      expect(m.wrongAmount).toBe(0);
      if (!m.joinedOn) {
        expect(m.duesPaidThrough).toBeNull();
        continue;
      }
      const join = Number(m.joinedOn.slice(0, 4));
      const last = m.endedOn ? Number(m.endedOn.slice(0, 4)) : thisYear;
      const paid = new Set(m.paid ?? []);
      let through: number | null = null;
      for (let y = join; y <= last; y++) {
        const exempt = m.exFrom !== null && y >= m.exFrom && (m.exTo === null || y <= m.exTo);
        if (!rates.has(y) || paid.has(y) || exempt) through = y;
        else break;
      }
      expect(m.duesPaidThrough, m.id).toBe(through);
      if ((m.status === 'active' || m.status === 'suspended') && (through ?? join - 1) < thisYear)
        arrears++;
    }
    const current = members.filter((m) => m.status === 'active' || m.status === 'suspended').length;
    expect(arrears / current).toBeGreaterThan(0.04);
    expect(arrears / current).toBeLessThan(0.2);
  });
});

describe('generateMembers: through the API', () => {
  it('serves generated members: search, list, record, timeline, counts', async () => {
    const admin = await login(ctx.app, t.users.admin!);
    const search = await admin.get(`/api/members?q=nguyen&unitId=${t.units.p1}`);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().items.length).toBeGreaterThan(10);
    const page = await admin.get(
      `/api/members?unitId=${t.units.p2}&status=active&gender=female&limit=50`,
    );
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().items).toHaveLength(50);
    const [transit] = await rows<{ id: string }>(
      sql`select id from memberships where transit_to_unit_id is not null limit 1`,
    );
    const member = await admin.get(`/api/members/${transit!.id}`);
    expect(member.statusCode, member.body).toBe(200);
    expect(member.json()).toMatchObject({ inTransit: true, status: 'active' });
    expect(member.json().pendingTransferId).not.toBeNull();
    const timeline = await admin.get(`/api/members/${transit!.id}/timeline`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect(timeline.json().items.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['applied', 'admitted', 'transfer_requested']),
    );
    const asOf = `${thisYear - 3}-06-30`;
    const counts = await admin.get(`/api/members/counts?asOf=${asOf}`);
    expect(counts.statusCode, counts.body).toBe(200);
    const [active] = await rows<{ n: number }>(sql`select count(*)::int as n from membership_periods
      where status = 'active' and valid_from <= ${asOf} and (valid_to is null or valid_to > ${asOf})`);
    expect(counts.json().totals.memberships).toBe(active!.n);
  });
});

describe('generateMembers: realism', () => {
  it('looks like the membership of an elderly association', async () => {
    const list = await rows<{
      fullName: string;
      gender: string;
      birthYear: number;
      birthDate: string;
      status: string;
      category: string;
      idNumber: string | null;
      legacy: string | null;
      phone: string | null;
      joinedOn: string | null;
      unitId: string;
    }>(
      sql`select m.full_name, m.gender, m.birth_year, m.birth_date, m.status, m.category, m.id_number, p.legacy_id_number as legacy, m.phone, m.joined_on, m.unit_id
        from memberships m join people p on p.id = m.person_id`,
    );
    const share = (f: (r: (typeof list)[number]) => boolean) => list.filter(f).length / list.length;
    expect(share((r) => r.fullName.startsWith('Nguyễn '))).toBeGreaterThan(0.32);
    expect(share((r) => r.fullName.startsWith('Nguyễn '))).toBeLessThan(0.44);
    expect(share((r) => r.gender === 'female')).toBeGreaterThan(0.51);
    expect(share((r) => r.gender === 'female')).toBeLessThan(0.59);
    const women = list.filter((r) => r.gender === 'female');
    expect(
      women.filter((r) => r.fullName.split(' ')[1] === 'Thị').length / women.length,
    ).toBeGreaterThan(0.5);
    const ages = list.map((r) => thisYear - r.birthYear);
    expect(ages.every((a) => a >= 60 && a <= 101)).toBe(true);
    expect(ages.filter((a) => a >= 65 && a <= 80).length / ages.length).toBeGreaterThan(0.45);
    expect(share((r) => r.birthDate.length === 10)).toBeGreaterThan(0.42);
    expect(share((r) => r.birthDate.length === 4)).toBeGreaterThan(0.24);
    expect(share((r) => r.idNumber !== null)).toBeGreaterThan(0.75);
    expect(share((r) => r.idNumber === null && r.legacy !== null)).toBeGreaterThan(0.06);
    expect(share((r) => r.phone !== null)).toBeGreaterThan(0.64);
    expect(share((r) => r.status === 'active')).toBeGreaterThan(0.85);
    const terminal = share((r) => ['resigned', 'removed', 'deceased'].includes(r.status));
    expect(terminal).toBeGreaterThan(0.05);
    expect(terminal).toBeLessThan(0.11);
    expect(share((r) => r.status === 'applicant')).toBeGreaterThan(0);
    expect(share((r) => r.category === 'official')).toBeGreaterThan(0.88);
    const joinYears = new Set(list.filter((r) => r.joinedOn).map((r) => r.joinedOn!.slice(0, 4)));
    expect(joinYears.size).toBeGreaterThanOrEqual(14);
    // Southern spelling in the southern unit, northern in the north.
    const south = list.filter((r) => r.unitId === t.units.c2a);
    expect(south.filter((r) => r.fullName.startsWith('Huỳnh ')).length).toBeGreaterThan(
      south.filter((r) => r.fullName.startsWith('Hoàng ')).length,
    );
    // Common names are there for search: "nguyen van hung" finds people.
    expect(
      list.filter((r) => foldVietnamese(r.fullName).includes('nguyen van hung')).length,
    ).toBeGreaterThan(0);
  });

  it('is deterministic for a seed (names, dates, statuses), whatever ids already exist', async () => {
    const a = await createTestTree(ctx.deps);
    const b = await createTestTree(ctx.deps);
    const pick = async (tree: TestTree) => {
      await inTenant(ctx.deps.db.app, tree.associationId, (tx) =>
        generateMembers(tx, {
          ...inputFor(tree, 300, 'same-seed'),
          options: { ...inputFor(tree, 300, 'same-seed').options, chunkSize: 100 },
        }),
      );
      return inTenant(ctx.deps.db.app, tree.associationId, async (tx) =>
        (
          await sql<{
            k: string;
          }>`select concat_ws('|', member_number, full_name, birth_date, status, category, joined_on, dues_paid_through) as k
          from memberships order by member_number`.execute(tx)
        ).rows.map((r) => r.k),
      );
    };
    const first = await pick(a);
    const second = await pick(b);
    expect(first).toHaveLength(300);
    expect(second).toEqual(first);
  });
});
