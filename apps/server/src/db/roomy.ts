import { sql } from 'kysely';
import type { Tx } from './engine.js';

/**
 * Runs a large aggregate with room to hash in memory (work_mem 128 MB; the default 4 MB makes a
 * hash aggregate of tens of thousands of groups spill to disk in batches), without JIT (its
 * compile time exceeds its gain here), and, on PostgreSQL, with parallel workers priced in: with
 * the default costs the planner kept the million-row join of the census serial (4.2 s; 2.8 s
 * with two workers). Settings are restored afterwards in the transaction; PGlite has no
 * parallel workers and ignores the costs.
 */
export async function roomy<T>(tx: Tx, run: () => Promise<T>): Promise<T> {
  const prev = await sql<{ workMem: string; jit: string; setup: string; tuple: string }>`
    select current_setting('work_mem') as work_mem, current_setting('jit') as jit,
           current_setting('parallel_setup_cost') as setup,
           current_setting('parallel_tuple_cost') as tuple`.execute(tx);
  await sql`select set_config('work_mem', '128MB', true), set_config('jit', 'off', true),
                   set_config('parallel_setup_cost', '100', true),
                   set_config('parallel_tuple_cost', '0.01', true)`.execute(tx);
  const out = await run();
  const { workMem, jit, setup, tuple } = prev.rows[0]!;
  await sql`select set_config('work_mem', ${workMem}, true), set_config('jit', ${jit}, true),
                   set_config('parallel_setup_cost', ${setup}, true),
                   set_config('parallel_tuple_cost', ${tuple}, true)`.execute(tx);
  return out;
}
