import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTree, type TestTree } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/harness.js';
import { copyValue, insertJsonRows, insertRows, type BulkColumns } from './bulk-insert.js';
import { inTenant } from './engine.js';

let ctx: TestContext;
let a: TestTree;
let b: TestTree;
const suffix = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  ctx = await createTestContext();
  a = await createTestTree(ctx.deps);
  b = await createTestTree(ctx.deps);
});
afterAll(async () => ctx.close());

const COLUMNS: BulkColumns = {
  k: 'int',
  t: 'text',
  a: 'text[]',
  j: 'jsonb',
  d: 'date',
  n: 'smallint',
};
const NASTY = [
  'tab\there',
  'new\nline',
  'back\\slash',
  'quote"s and apo\'strophes',
  'carriage\rreturn',
  '\\N',
  '',
  'Nguyễn Văn 𠀋 — ✓',
  null,
];
const ROWS = NASTY.map((t, k) => ({
  k,
  t,
  a: k % 3 === 0 ? null : ['a,b', 'c"d', 'e\\f', `{${t ?? ''}}`, 'NULL'],
  j: k % 4 === 0 ? null : { s: t, nested: ['x\ty', { back: '\\' }], n: k },
  d: k % 2 === 0 ? '2025-07-01' : null,
  n: k % 2 === 1 ? k : null,
}));

describe('bulk inserts', () => {
  it('write every value as the JSON path does, through COPY on the embedded engine', async () => {
    const viaRows = `bulk_probe_rows_${suffix}`;
    const viaJson = `bulk_probe_json_${suffix}`;
    for (const t of [viaRows, viaJson]) {
      await sql
        .raw(`create table ${t} (k int primary key, t text, a text[], j jsonb, d date, n smallint)`)
        .execute(ctx.deps.db.system);
      await sql.raw(`grant select, insert on ${t} to hoi_app`).execute(ctx.deps.db.system);
    }
    const role = await inTenant(ctx.deps.db.app, a.associationId, async (tx) => {
      await insertRows(tx, viaRows, COLUMNS, ROWS, null, ctx.deps.db.pglite);
      await insertJsonRows(tx, viaJson, COLUMNS, ROWS, null);
      return (await sql<{ u: string }>`select current_user as u`.execute(tx)).rows[0]!.u;
    });
    // The owner's role was for the COPY alone.
    expect(role).toBe('hoi_app');
    const read = async (t: string) =>
      (
        await sql<{
          r: string;
        }>`select row_to_json(x)::text as r from ${sql.table(t)} x order by k`.execute(
          ctx.deps.db.system,
        )
      ).rows.map((x) => x.r);
    const rows = await read(viaRows);
    expect(rows).toHaveLength(NASTY.length);
    expect(rows).toEqual(await read(viaJson));
    const back = await sql<{
      t: string | null;
    }>`select t from ${sql.table(viaRows)} order by k`.execute(ctx.deps.db.system);
    expect(back.rows.map((r) => r.t)).toEqual(NASTY);
  });

  it('keep row-level security: rows for another association are refused', async () => {
    const write = (associationId: string) =>
      inTenant(ctx.deps.db.app, a.associationId, (tx) =>
        insertRows(
          tx,
          'unit_names',
          { unit_id: 'uuid', name: 'text', valid_from: 'date', valid_to: 'date' },
          [
            {
              unit_id: b.rootId,
              name: 'Chiếm quyền',
              valid_from: '1990-01-01',
              valid_to: '1990-01-02',
            },
          ],
          associationId,
          ctx.deps.db.pglite,
        ),
      );
    await expect(write(b.associationId)).rejects.toThrow(/row-level security/);
    const names = await ctx.deps.db.system
      .selectFrom('unitNames')
      .select('name')
      .where('name', '=', 'Chiếm quyền')
      .execute();
    expect(names).toEqual([]);
  });

  it('escape COPY text exactly', () => {
    expect(copyValue(null, 'text')).toBe('\\N');
    expect(copyValue('\\N', 'text')).toBe('\\\\N');
    expect(copyValue('a\tb\nc\rd\\e', 'text')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue(['x"y', 'z\\w', null], 'text[]')).toBe('{"x\\\\"y","z\\\\\\\\w",NULL}');
    expect(copyValue({ a: 'b\tc' }, 'jsonb')).toBe('{"a":"b\\\\tc"}');
    expect(copyValue(new Date('2025-07-01T00:00:00Z'), 'timestamptz')).toBe(
      '2025-07-01T00:00:00.000Z',
    );
  });
});
