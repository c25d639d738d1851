import { sql } from 'kysely';
import type { Tx } from './engine.js';

/** Column name → SQL type, in the order the rows' JSON objects carry them. */
export type BulkColumns = Record<string, string>;

/**
 * Inserts many rows with `INSERT … SELECT FROM json_to_recordset`: one parameter per statement,
 * 5,000 rows a statement (far faster than one statement per row on both engines). With
 * `associationId`, that tenant is written into every row's `association_id`.
 *
 * @example
 *   await insertJsonRows(tx, 'people', { id: 'uuid', full_name: 'text' }, [{ id, full_name: 'An' }], null);
 */
export async function insertJsonRows(
  tx: Tx,
  table: string,
  columns: BulkColumns,
  rows: readonly object[],
  associationId: string | null,
): Promise<void> {
  const names = Object.keys(columns);
  const defs = sql.raw(names.map((c) => `${c} ${columns[c]}`).join(', '));
  const source = sql.raw(names.map((c) => `x.${c}`).join(', '));
  const target = sql.raw(names.join(', '));
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(rows.slice(i, i + 5000));
    if (associationId) {
      await sql`insert into ${sql.raw(table)} (association_id, ${target})
        select ${associationId}::uuid, ${source} from json_to_recordset(${json}::json) as x(${defs})`.execute(
        tx,
      );
    } else {
      await sql`insert into ${sql.raw(table)} (${target})
        select ${source} from json_to_recordset(${json}::json) as x(${defs})`.execute(tx);
    }
  }
}
