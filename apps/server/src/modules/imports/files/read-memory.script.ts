/**
 * Test helper for read.memory.test.ts, run in a child process so the test's own allocations do
 * not blur the numbers. For each `file:format` argument it reads the table and reports the peak
 * resident-memory growth and the peak memory still reachable after a full GC (`retainedMb`,
 * sampled every 2,000 rows). With `--hold` it keeps every row: what a reader holding the whole
 * file would cost.
 *
 * `node --expose-gc --import tsx read-memory.script.ts [--hold] a.csv:csv b.xlsx:xlsx`
 */
import { readTable, type RawRow } from './read.js';

const args = process.argv.slice(2);
const hold = args.includes('--hold');
const gc = (globalThis as { gc?: () => void }).gc!;
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
const results = [];
for (const arg of args.filter((a) => a !== '--hold')) {
  const [file, format] = arg.split(/:(?=csv$|xlsx$)/) as [string, 'csv' | 'xlsx'];
  // Warm up, so code compiled for this format does not count as data held.
  let warm = 0;
  for await (const row of readTable(file, format)) if (row && ++warm === 500) break;
  gc();
  const base = { rss: process.memoryUsage().rss, used: used() };
  const peak = { ...base };
  let rows = 0;
  const held: RawRow[] = [];
  for await (const row of readTable(file, format)) {
    rows++;
    if (hold) held.push(row);
    if (rows % 1000 === 0) peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
    if (rows % 2000 === 0) {
      gc();
      peak.used = Math.max(peak.used, used());
    }
  }
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  results.push({ rows, rssMb: mb(peak.rss - base.rss), retainedMb: mb(peak.used - base.used) });
  held.length = 0;
}
process.stdout.write(JSON.stringify(results));
