import { sql } from 'kysely';
import type { Tx } from './engine.js';

/**
 * Runs a large aggregate with room to hash in memory (work_mem 128 MB; the default 4 MB makes a
 * hash aggregate of tens of thousands of groups spill to disk in batches) and without JIT (its
 * compile time exceeds its gain here), restoring both settings afterwards in the transaction.
 */
export async function roomy<T>(tx: Tx, run: () => Promise<T>): Promise<T> {
  const prev = await sql<{ workMem: string; jit: string }>`
    select current_setting('work_mem') as work_mem, current_setting('jit') as jit`.execute(tx);
  await sql`select set_config('work_mem', '128MB', true), set_config('jit', 'off', true)`.execute(
    tx,
  );
  const out = await run();
  const { workMem, jit } = prev.rows[0]!;
  await sql`select set_config('work_mem', ${workMem}, true), set_config('jit', ${jit}, true)`.execute(
    tx,
  );
  return out;
}
