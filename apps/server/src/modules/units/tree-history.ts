/**
 * The association's whole tree history in memory (units, parent links and names with their
 * validity intervals), so that the whole tree as of any date is built in a few milliseconds in
 * Node instead of a join whose 3 MB result crosses from the database (decision 69).
 *
 * Keyed by the association's tree version, loaded in one statement together with that version
 * (one snapshot): every tree change bumps the version in its own transaction, so a history is
 * never used for a version it does not describe. Bounded: the most recently used associations
 * only, one version each. Per process; several instances each keep their own.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/engine.js';

type Interval<T> = { from: string; to: string | null; value: T };

interface UnitEntry {
  from: string;
  to: string | null;
  /** `{"id":"…","parentId":` — the constant head of the node's JSON. */
  head: string;
  /** `,"code":"…"` */
  code: string;
  /** `,"name":"…"` from the unit row, when no name interval covers the date. */
  name: string;
  /** `,"level":N}` */
  tail: string;
  /** The node last built, with the parent and name it was built from (reused while they hold). */
  last: { parent: string; name: string; node: Buffer } | null;
  parents: Interval<string>[];
  names: Interval<string>[];
}

export interface TreeHistory {
  associationId: string;
  version: number;
  units: UnitEntry[];
}

const MAX_ASSOCIATIONS = 4;
const histories = new Map<string, TreeHistory>();

const covers = (from: string, to: string | null, date: string) => from <= date && (to === null || to > date);
const pick = <T,>(xs: Interval<T>[], date: string): T | undefined => {
  for (const x of xs) if (covers(x.from, x.to, date)) return x.value;
  return undefined;
};

/**
 * The whole tree as it stood on `date`, as the JSON array `treeAsOfJson` returns (same nodes,
 * same fields; the property tests hold the two equal), in UTF-8 bytes ready to send, between
 * `before` and `after` (the response's envelope) so that the body is copied once.
 */
export function wholeTreeAsOf(h: TreeHistory, date: string, before = '', after = ''): Buffer {
  const parts: Buffer[] = [Buffer.from(`${before}[`)];
  for (const u of h.units) {
    if (!covers(u.from, u.to, date)) continue;
    const parent = pick(u.parents, date);
    if (parent === undefined) continue;
    const name = pick(u.names, date) ?? u.name;
    // Most units keep one parent and one name for years: the node's bytes are reused while they
    // hold, so a view is mostly a copy of bytes already encoded.
    if (u.last === null || u.last.parent !== parent || u.last.name !== name) {
      u.last = { parent, name, node: Buffer.from(u.head + parent + u.code + name + u.tail) };
    }
    if (parts.length > 1) parts.push(COMMA);
    parts.push(u.last.node);
  }
  parts.push(Buffer.from(`]${after}`));
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');

/**
 * JSON text of a string with every non-ASCII character escaped (`\u1ea1`): the whole view is
 * then ASCII, which Node and browsers decode several times faster than multi-byte UTF-8
 * (JSON.parse gives the same text).
 */
// JSON.stringify leaves no control character unescaped: anything outside space..tilde is non-ASCII.
const NON_ASCII = /[^ -~]/;
function asciiJson(s: string): string {
  const j = JSON.stringify(s);
  if (!NON_ASCII.test(j)) return j;
  let out = '';
  for (let i = 0; i < j.length; i++) {
    const c = j.charCodeAt(i);
    out += c < 0x7f ? j[i] : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** Columns of the three history tables, as loaded (one array per column). */
type Loaded = {
  version: number;
  units: { id: string[]; code: string[]; name: string[]; level: number[]; from: string[]; to: (string | null)[] } | null;
  parents: { unit: string[]; parent: (string | null)[]; from: string[]; to: (string | null)[] } | null;
  names: { unit: string[]; name: string[]; from: string[]; to: (string | null)[] } | null;
};

/** The history for the tree version the caller's transaction sees, loading it when missing. */
export async function treeHistory(tx: Tx, associationId: string, version: number): Promise<TreeHistory> {
  const hit = histories.get(associationId);
  if (hit && hit.version === version) {
    histories.delete(associationId);
    histories.set(associationId, hit);
    return hit;
  }
  const h = await loadHistory(tx, associationId);
  histories.delete(associationId);
  histories.set(associationId, h);
  for (const k of histories.keys()) {
    if (histories.size <= MAX_ASSOCIATIONS) break;
    histories.delete(k);
  }
  return h;
}

async function loadHistory(tx: Tx, associationId: string): Promise<TreeHistory> {
  // One statement: the version and the rows come from the same snapshot. Columns, not rows:
  // 20,000 units parse into a few arrays rather than 60,000 small ones. Empty intervals
  // (valid_from = valid_to) can never cover a date and are left out.
  const r = await sql<{ j: string }>`
    select json_build_object(
      'version', (select tree_version from associations where id = ${associationId}),
      'units', (select json_build_object('id', array_agg(u.id), 'code', array_agg(u.code), 'name', array_agg(u.name),
                         'level', array_agg(u.level), 'from', array_agg(u.valid_from), 'to', array_agg(u.valid_to))
                  from units u where u.valid_to is null or u.valid_to > u.valid_from having count(*) > 0),
      'parents', (select json_build_object('unit', array_agg(p.unit_id), 'parent', array_agg(p.parent_id),
                           'from', array_agg(p.valid_from), 'to', array_agg(p.valid_to))
                    from unit_parents p where p.valid_to is null or p.valid_to > p.valid_from having count(*) > 0),
      'names', (select json_build_object('unit', array_agg(n.unit_id), 'name', array_agg(n.name),
                         'from', array_agg(n.valid_from), 'to', array_agg(n.valid_to))
                  from unit_names n where n.valid_to is null or n.valid_to > n.valid_from having count(*) > 0)
    )::text as j`.execute(tx);
  const d = JSON.parse(r.rows[0]!.j) as Loaded;
  const byId = new Map<string, UnitEntry>();
  const units: UnitEntry[] = [];
  const u = d.units;
  for (let i = 0; u && i < u.id.length; i++) {
    const e: UnitEntry = {
      from: u.from[i]!,
      to: u.to[i]!,
      head: `{"id":"${u.id[i]}","parentId":`,
      code: `,"code":${asciiJson(u.code[i]!)}`,
      name: `,"name":${asciiJson(u.name[i]!)}`,
      tail: `,"level":${u.level[i]}}`,
      last: null,
      parents: [],
      names: [],
    };
    byId.set(u.id[i]!, e);
    units.push(e);
  }
  const p = d.parents;
  for (let i = 0; p && i < p.unit.length; i++) {
    const parent = p.parent[i];
    byId.get(p.unit[i]!)?.parents.push({ from: p.from[i]!, to: p.to[i]!, value: parent === null ? 'null' : `"${parent}"` });
  }
  const n = d.names;
  for (let i = 0; n && i < n.unit.length; i++) {
    byId.get(n.unit[i]!)?.names.push({ from: n.from[i]!, to: n.to[i]!, value: `,"name":${asciiJson(n.name[i]!)}` });
  }
  return { associationId, version: Number(d.version), units };
}

/** Forgets every loaded history (benchmarks measure the load with it). */
export function clearTreeHistories(): void {
  histories.clear();
}
