import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/engine.js';
import type {
  CaseAttachmentsTable,
  CaseClearancesTable,
  CaseDocumentsTable,
  CaseRecordsTable,
  CasesTable,
  CaseSealedTable,
} from '../../db/schema.js';

/** A case with its unit's code, name and current path (for scope checks and presenting). */
function casesWithUnit(tx: Tx) {
  return tx
    .selectFrom('cases as c')
    .innerJoin('units as u', (j) =>
      j.onRef('u.associationId', '=', 'c.associationId').onRef('u.id', '=', 'c.unitId'),
    )
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'c.associationId').onRef('up.unitId', '=', 'c.unitId'),
    )
    .leftJoin('users as h', (j) =>
      j.onRef('h.associationId', '=', 'c.associationId').onRef('h.id', '=', 'c.handlerUserId'),
    );
}

export async function findCase(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  let q = casesWithUnit(tx)
    .selectAll('c')
    .select([
      'u.code as unitCode',
      'u.name as unitName',
      'u.parentId as unitParentId',
      sql<string>`up.path::text`.as('unitPath'),
      'h.displayName as handlerName',
    ])
    .where('c.id', '=', id);
  if (opts.lock) q = q.forUpdate('c');
  return q.executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function insertCase(tx: Tx, row: Insertable<CasesTable>) {
  await tx.insertInto('cases').values(row).execute();
}

/** Applies a change (the workflow's `act` moves the version once per action). */
export async function updateCase(tx: Tx, id: string, set: Updateable<CasesTable>) {
  await tx.updateTable('cases').set(set).where('id', '=', id).execute();
}

export async function bumpVersion(tx: Tx, id: string) {
  await tx
    .updateTable('cases')
    .set({ version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The next running number of a series (register 'SO', or a document symbol) for a unit and year. */
export async function nextNumber(
  tx: Tx,
  associationId: string,
  unitId: string,
  year: number,
  series: string,
): Promise<number> {
  const r = await sql<{ last: number }>`
    insert into document_counters (association_id, unit_id, year, series, last)
    values (${associationId}, ${unitId}, ${year}, ${series}, 1)
    on conflict (association_id, unit_id, year, series)
    do update set last = document_counters.last + 1
    returning last`.execute(tx);
  return r.rows[0]!.last;
}

export interface CaseListFilter {
  box: 'open' | 'overdue' | 'closed' | 'all';
  /** Subtrees to look in; null = the whole association (row-level security bounds it). */
  paths: string[] | null;
  /** The subtrees hold many units (see listCases). */
  largeScope?: boolean;
  today: string;
  type?: string;
  round?: number;
  status?: string;
  q?: string;
  after: { deadline: string | null; id: string } | null;
  afterReceived: { receivedOn: string; id: string } | null;
  limit: number;
}

/**
 * The inbox: open cases by nearest deadline (no deadline last), or closed/all cases by receipt
 * date, newest first. Scoped through hoi_subtree_units (index-backed under RLS).
 */
export async function listCases(tx: Tx, f: CaseListFilter) {
  let q = casesWithUnit(tx).select([
    'c.id',
    'c.number',
    'c.unitId',
    'u.code as unitCode',
    'u.name as unitName',
    'c.type',
    'c.round',
    'c.status',
    'c.subject',
    'c.receivedOn',
    'c.nextDeadline',
    'c.nextMilestone',
    'h.displayName as handlerName',
  ]);
  if (f.paths) {
    const units = sql<string>`(select hoi_subtree_units(cast(${f.paths} as text[])))`;
    // A large subtree (a province): walk the inbox index in deadline order and test each case
    // against the hashed subtree, stopping at the page size. Written with "or false" so the
    // planner cannot turn it into a join that sorts the whole subtree's cases (decision 56).
    // A small one (a commune, a branch): join through its units, as before.
    q =
      f.largeScope && (f.box === 'open' || f.box === 'overdue')
        ? q.where(sql<boolean>`(c.unit_id in ${units} or false)`)
        : q.where('c.unitId', 'in', units);
  }
  if (f.type) q = q.where('c.type', '=', f.type);
  if (f.round) q = q.where('c.round', '=', f.round);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('c.number', 'ilike', like),
        sql<boolean>`hoi_fold(c.subject) like hoi_fold(${like})`,
      ]),
    );
  }
  if (f.box === 'open' || f.box === 'overdue') {
    q = q.where('c.isOpen', '=', true);
    if (f.box === 'overdue') {
      q = q
        .where('c.nextDeadline', '<', f.today)
        .where('c.status', 'in', ['received', 'classified', 'accepted', 'verifying']);
    }
    const a = f.after;
    if (a) {
      q =
        a.deadline === null
          ? q.where('c.nextDeadline', 'is', null).where('c.id', '>', a.id)
          : q.where(
              // A row comparison lets the index seek straight to the cursor.
              sql<boolean>`((c.next_deadline, c.id) > (${a.deadline}::date, ${a.id}::uuid) or c.next_deadline is null)`,
            );
    }
    return q.orderBy('c.nextDeadline').orderBy('c.id').limit(f.limit).execute();
  }
  if (f.box === 'closed') q = q.where('c.isOpen', '=', false);
  const b = f.afterReceived;
  if (b) {
    q = q.where((eb) =>
      eb.or([
        eb('c.receivedOn', '<', b.receivedOn),
        eb.and([eb('c.receivedOn', '=', b.receivedOn), eb('c.id', '<', b.id)]),
      ]),
    );
  }
  return q.orderBy('c.receivedOn', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute();
}

export async function insertSealed(tx: Tx, row: Insertable<CaseSealedTable>) {
  await tx.insertInto('caseSealed').values(row).execute();
}
export async function sealedOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseSealed')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('id')
    .execute();
}

/** How many units the subtrees hold, counting at most `cap` (cheap for small subtrees). */
export async function subtreeSize(tx: Tx, paths: string[], cap: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from hoi_subtree_units(cast(${paths} as text[])) limit ${cap}
    ) x`.execute(tx);
  return r.rows[0]!.n;
}

/** Is the user cleared for the case's sealed identity (a clearance not revoked)? */
export async function clearanceOf(tx: Tx, caseId: string, userId: string) {
  return tx
    .selectFrom('caseClearances')
    .select(['kind', 'grantedAt'])
    .where('caseId', '=', caseId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('kind', '!=', 'emergency')
    .executeTakeFirst();
}
/** Has the user ever been able to read the identity (any clearance, emergency or revoked)? */
export async function hasSeenIdentity(tx: Tx, caseId: string, userId: string): Promise<boolean> {
  const r = await tx
    .selectFrom('caseClearances')
    .select('id')
    .where('caseId', '=', caseId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return r !== undefined;
}

/** Does anyone hold a (non-emergency) clearance on the case? */
export async function anyClearance(tx: Tx, caseId: string): Promise<boolean> {
  const r = await tx
    .selectFrom('caseClearances')
    .select('id')
    .where('caseId', '=', caseId)
    .where('revokedAt', 'is', null)
    .where('kind', '!=', 'emergency')
    .executeTakeFirst();
  return r !== undefined;
}
export async function insertClearance(tx: Tx, row: Insertable<CaseClearancesTable>) {
  await tx.insertInto('caseClearances').values(row).execute();
}
export async function revokeClearances(tx: Tx, caseId: string, userId: string) {
  await tx
    .updateTable('caseClearances')
    .set({ revokedAt: sql`now()` })
    .where('caseId', '=', caseId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute();
}

export async function verifiersOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseVerifiers as v')
    .innerJoin('users as u', (j) =>
      j.onRef('u.associationId', '=', 'v.associationId').onRef('u.id', '=', 'v.userId'),
    )
    .select(['v.userId as id', 'u.displayName as name'])
    .where('v.caseId', '=', caseId)
    .orderBy('v.assignedAt')
    .execute();
}
export async function insertVerifier(
  tx: Tx,
  row: { associationId: string; caseId: string; userId: string; assignedBy: string | null },
) {
  await tx
    .insertInto('caseVerifiers')
    .values(row)
    .onConflict((oc) => oc.columns(['associationId', 'caseId', 'userId']).doNothing())
    .execute();
}

export async function extensionsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseExtensions')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('ordinal')
    .execute();
}
export async function insertExtension(
  tx: Tx,
  row: {
    associationId: string;
    caseId: string;
    ordinal: number;
    days: number;
    decisionNumber: string;
    decidedOn: string;
    reason: string;
  },
) {
  await tx.insertInto('caseExtensions').values(row).execute();
}

export async function suspensionsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseSuspensions')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('fromOn')
    .execute();
}
export async function insertSuspension(
  tx: Tx,
  row: {
    associationId: string;
    id: string;
    caseId: string;
    fromOn: string;
    decisionNumber: string;
    reason: string;
  },
) {
  await tx
    .insertInto('caseSuspensions')
    .values({ ...row, toOn: null })
    .execute();
}
export async function endSuspension(tx: Tx, id: string, toOn: string) {
  await tx.updateTable('caseSuspensions').set({ toOn }).where('id', '=', id).execute();
}

export async function recordsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseRecords')
    .select(['id', 'kind', 'onDate', 'text', 'byName'])
    .where('caseId', '=', caseId)
    .orderBy('onDate')
    .orderBy('createdAt')
    .execute();
}
export async function insertRecord(tx: Tx, row: Insertable<CaseRecordsTable>) {
  await tx.insertInto('caseRecords').values(row).execute();
}

export async function eventsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseEvents')
    .select(['at', 'kind', 'byName', 'note'])
    .where('caseId', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
export async function insertEvent(
  tx: Tx,
  row: {
    associationId: string;
    id: string;
    caseId: string;
    kind: string;
    byUserId: string | null;
    byName: string | null;
    note: string | null;
    at: Date;
  },
) {
  await tx.insertInto('caseEvents').values(row).execute();
}

export async function attachmentsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseAttachments')
    .select(['id', 'name', 'size', 'identityBearing'])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .execute();
}
export async function findAttachment(tx: Tx, caseId: string, id: string) {
  return tx
    .selectFrom('caseAttachments')
    .selectAll()
    .where('caseId', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function insertAttachment(tx: Tx, row: Insertable<CaseAttachmentsTable>) {
  await tx.insertInto('caseAttachments').values(row).execute();
}

export async function documentsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('caseDocuments')
    .select(['id', 'kind', 'number', 'year', 'symbol', 'issuedOn'])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .execute();
}
export async function findDocument(tx: Tx, caseId: string, id: string) {
  return tx
    .selectFrom('caseDocuments')
    .selectAll()
    .where('caseId', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function insertDocument(tx: Tx, row: Insertable<CaseDocumentsTable>) {
  await tx.insertInto('caseDocuments').values(row).execute();
}

/** Cases linked to this one: later rounds, re-denunciations and duplicates pointing at it. */
export async function linkedTo(tx: Tx, caseId: string) {
  return tx
    .selectFrom('cases')
    .select(['id', 'number', 'parentCaseId', 'duplicateOfCaseId'])
    .where((eb) => eb.or([eb('parentCaseId', '=', caseId), eb('duplicateOfCaseId', '=', caseId)]))
    .orderBy('receivedOn')
    .execute();
}
export async function numberOf(tx: Tx, id: string | null) {
  if (!id) return null;
  return (
    (await tx
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** Users holding `permission` in force at one of the given units (for notifications). */
export async function usersWithPermissionAt(
  tx: Tx,
  unitIds: string[],
  roles: string[],
  today: string,
) {
  if (unitIds.length === 0 || roles.length === 0) return [];
  return tx
    .selectFrom('roleAssignments')
    .select('userId')
    .distinct()
    .where('unitId', 'in', unitIds)
    .where('role', 'in', roles)
    .where('validFrom', '<=', today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', today)]))
    .execute();
}

/** Users holding one of `roles` today at the case's unit or an ancestor (who may handle it). */
export async function handlersOf(tx: Tx, casePath: string, roles: string[], today: string) {
  return tx
    .selectFrom('roleAssignments as r')
    .innerJoin('unitPaths as up', (j) =>
      j.onRef('up.associationId', '=', 'r.associationId').onRef('up.unitId', '=', 'r.unitId'),
    )
    .innerJoin('users as u', (j) =>
      j.onRef('u.associationId', '=', 'r.associationId').onRef('u.id', '=', 'r.userId'),
    )
    .innerJoin('units as un', (j) =>
      j.onRef('un.associationId', '=', 'r.associationId').onRef('un.id', '=', 'r.unitId'),
    )
    .select(['u.id', 'u.displayName as name', 'un.name as unitName'])
    .distinctOn('u.id')
    .where('r.role', 'in', roles)
    .where('r.validFrom', '<=', today)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', today)]))
    .where('u.status', '=', 'active')
    .where(sql<boolean>`cast(${casePath} as ltree) <@ up.path`)
    .orderBy('u.id')
    .execute();
}

/** Calendar rows and the years they cover (platform-wide, read with any connection). */
export async function calendarRows(db: Db | Tx) {
  const [days, years] = await Promise.all([
    db.selectFrom('calendarDays').select(['day', 'kind', 'name', 'source']).execute(),
    db.selectFrom('calendarYears').select('year').execute(),
  ]);
  return { days, years: years.map((y) => y.year) };
}

/** The stored days off and make-up days of one year, in date order. */
export async function calendarDaysOfYear(db: Db | Tx, year: number) {
  return db
    .selectFrom('calendarDays')
    .select(['day', 'kind', 'name', 'source'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

/**
 * The association's own rule sets, oldest first. `body` is read as text and parsed here: the
 * camel-case plugin would rewrite its nested keys (`complaint_discipline`), and the stored set
 * would no longer be a RuleSet.
 */
export async function ruleSetRows(tx: Tx) {
  const rows = await tx
    .selectFrom('caseRuleSets')
    .select(['id', 'code', 'effectiveFrom', sql<string>`body::text`.as('body')])
    .orderBy('effectiveFrom')
    .orderBy('createdAt')
    .execute();
  return rows.map((row) => ({ ...row, body: JSON.parse(row.body) as unknown }));
}

/** Open cases past their deadline and not yet escalated, per association (system connection). */
export async function associationsWithOverdueCases(system: Db, today: string): Promise<string[]> {
  const rows = await system
    .selectFrom('cases')
    .select('associationId')
    .distinct()
    .where('isOpen', '=', true)
    .where('escalatedOn', 'is', null)
    .where('nextDeadline', '<', today)
    .where('status', 'in', ['received', 'classified', 'accepted', 'verifying'])
    .execute();
  return rows.map((r) => r.associationId);
}
export async function markOverdueEscalated(tx: Tx, today: string) {
  return tx
    .updateTable('cases as c')
    .set({ escalatedOn: today })
    .where('c.isOpen', '=', true)
    .where('c.escalatedOn', 'is', null)
    .where('c.nextDeadline', '<', today)
    .where('c.status', 'in', ['received', 'classified', 'accepted', 'verifying'])
    .returning(['c.id', 'c.number', 'c.unitId', 'c.nextDeadline', 'c.nextMilestone'])
    .execute();
}
