import { sql } from 'kysely';
import type { Database } from '../../apps/server/src/db/engine.js';
import { createAssociation } from '../../apps/server/src/modules/associations/associations.service.js';
import { newId } from '../../apps/server/src/platform/ids.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';

export interface GeneratedTree {
  associationId: string;
  rootId: string;
  provinces: string[];
  communes: string[];
  bigCommunes: [string, string];
  units: number;
}

const SYLLABLES = [
  'An', 'Bình', 'Cường', 'Đông', 'Đoài', 'Hưng', 'Hòa', 'Khánh', 'Lạc', 'Long', 'Minh', 'Nam', 'Nghĩa', 'Phú',
  'Phúc', 'Quang', 'Sơn', 'Tân', 'Thạnh', 'Thành', 'Thịnh', 'Thuận', 'Tiến', 'Trung', 'Vĩnh', 'Xuân', 'Yên',
  'Đức', 'Hải', 'Hiệp', 'Lâm', 'Lợi', 'Mỹ', 'Ninh', 'Phong', 'Quý', 'Tâm', 'Thái', 'Thắng', 'Toàn',
];
/** Varied Vietnamese-looking place names, so a name search is as selective as in real data. */
function placeName(i: number): string {
  const a = SYLLABLES[i % SYLLABLES.length]!;
  const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
  return `${a} ${b}`;
}

interface U {
  id: string;
  node: number;
  code: string;
  name: string;
  level: number;
  parentId: string | null;
  path: string;
}

/**
 * Generates a tree of `total` units: 34 provinces, communes and branches, plus two communes with
 * `bigSize` descendants each (the merge benchmark). Rows are bulk-inserted with explicit node
 * numbers; names and parents get one history interval each, plus renames for a tenth of the units
 * so as-of queries meet real history.
 */
export async function generateTree(deps: Deps, total = 20_000, bigSize = 5_000): Promise<GeneratedTree> {
  const db: Database = deps.db;
  const founded = '2020-01-01';
  const { id: associationId, rootId } = await createAssociation(deps, {
    code: `BENCH-${newId().slice(-8)}`, name: 'Hội đo hiệu năng', root: { code: 'ROOT', name: 'Trung ương', validFrom: founded },
  });
  const root = await db.system.selectFrom('unitPaths').select(sql<string>`path::text`.as('path')).where('unitId', '=', rootId).executeTakeFirstOrThrow();
  const maxNode = await db.system.selectFrom('units').select(sql<number>`max(node)::int`.as('m')).executeTakeFirstOrThrow();
  let node = maxNode.m + 1;
  const rows: U[] = [];
  const add = (parent: { id: string; path: string }, level: number, code: string, name: string): U => {
    const u = { id: newId(), node: node++, code, name, level, parentId: parent.id, path: `${parent.path}.${node - 1}` };
    rows.push(u);
    return u;
  };
  const rootRef = { id: rootId, path: root.path };
  const provinces = Array.from({ length: 34 }, (_, i) => add(rootRef, 1, `P${i + 1}`, `Tỉnh ${i + 1}`));
  const big = [0, 1].map((k) => add(provinces[k]!, 2, `BIG${k}`, `Xã Lớn ${k}`));
  for (const b of big) {
    let descendants = 0;
    for (let i = 0; descendants < bigSize; i++) {
      const branch = add(b, 3, `${b.code}-CH${i}`, `Chi hội ${i}`);
      descendants++;
      for (let g = 0; g < 49 && descendants < bigSize; g++, descendants++) add(branch, 4, `${branch.code}-T${g}`, `Tổ ${g}`);
    }
  }
  const remaining = total - 1 - rows.length;
  const communesPerProvince = Math.max(1, Math.floor(remaining / 34 / 4));
  const communes: U[] = [...big];
  outer: for (const p of provinces) {
    for (let c = 0; c < communesPerProvince; c++) {
      if (rows.length >= total - 1) break outer;
      const commune = add(p, 2, `${p.code}-X${c}`, `Xã ${placeName(rows.length * 7)}`);
      communes.push(commune);
      for (let b = 0; b < 3 && rows.length < total - 1; b++) add(commune, 3, `${commune.code}-CH${b}`, `Chi hội thôn ${placeName(rows.length * 13 + b)}`);
    }
  }
  while (rows.length < total - 1) {
    const c = communes[rows.length % communes.length]!;
    add(c, 3, `${c.code}-E${rows.length}`, `Chi hội thêm ${rows.length}`);
  }
  await db.system.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await sql`
        insert into units (association_id, id, node, code, name, level, parent_id, valid_from)
        overriding system value
        select ${associationId}::uuid, x.id, x.node, x.code, x.name, x.level, x.parent_id, ${founded}::date
          from jsonb_to_recordset(${JSON.stringify(batch.map((u) => ({ id: u.id, node: u.node, code: u.code, name: u.name, level: u.level, parent_id: u.parentId })))}::jsonb)
            as x(id uuid, node bigint, code text, name text, level smallint, parent_id uuid)`.execute(tx);
      await sql`
        insert into unit_paths (association_id, unit_id, path)
        select ${associationId}::uuid, x.id, x.path::ltree
          from jsonb_to_recordset(${JSON.stringify(batch.map((u) => ({ id: u.id, path: u.path })))}::jsonb) as x(id uuid, path text)`.execute(tx);
      await sql`
        insert into unit_names (association_id, unit_id, name, valid_from)
        select ${associationId}::uuid, x.id, x.name, ${founded}::date
          from jsonb_to_recordset(${JSON.stringify(batch.map((u) => ({ id: u.id, name: u.name })))}::jsonb) as x(id uuid, name text)`.execute(tx);
      await sql`
        insert into unit_parents (association_id, unit_id, parent_id, valid_from)
        select ${associationId}::uuid, x.id, x.parent_id, ${founded}::date
          from jsonb_to_recordset(${JSON.stringify(batch.map((u) => ({ id: u.id, parent_id: u.parentId })))}::jsonb) as x(id uuid, parent_id uuid)`.execute(tx);
    }
    // A tenth of the units were renamed on 2023-06-01: as-of views before and after differ.
    await sql`update unit_names set valid_to = '2023-06-01' where association_id = ${associationId} and unit_id in (select id from units where association_id = ${associationId} and node % 10 = 0)`.execute(tx);
    await sql`insert into unit_names (association_id, unit_id, name, valid_from)
      select association_id, id, name || ' (mới)', '2023-06-01' from units where association_id = ${associationId} and node % 10 = 0`.execute(tx);
    await sql`update units set name = name || ' (mới)' where association_id = ${associationId} and node % 10 = 0`.execute(tx);
  });
  await sql`analyze`.execute(db.system);
  const count = await db.system.selectFrom('units').select(sql<number>`count(*)::int`.as('n')).where('associationId', '=', associationId).executeTakeFirstOrThrow();
  return { associationId, rootId, provinces: provinces.map((p) => p.id), communes: communes.map((c) => c.id), bigCommunes: [big[0]!.id, big[1]!.id], units: count.n };
}
