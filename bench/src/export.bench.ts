import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliExportMembers } from '../../apps/server/src/cli/export.cli.js';
import type { Deps } from '../../apps/server/src/platform/deps.js';
import { generateMemberData } from './member-data.js';
import type { Result } from './run.js';

const GB = 1024 ** 3;
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString('en')} MB`;

/** Samples the process's resident set every 100 ms; `stop()` returns the peak seen. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/**
 * The whole association's member list (1,000,000 generated members) exported to .xlsx and
 * to .csv through `hoi export members`' own function (cliExportMembers: unit code → scope →
 * paged rows → streaming writer → temporary file renamed), timed, with the resident set sampled
 * every 100 ms. The embedded database lives in this process, so the memory target is checked
 * on what the export adds above the resident set just before it starts.
 */
export async function benchExport(deps: Deps): Promise<Result[]> {
  const engine = deps.db.kind;
  const data = await generateMemberData(deps);
  const unit = await deps.db.system
    .selectFrom('units')
    .select('code')
    .where('id', '=', data.tree.rootId)
    .executeTakeFirstOrThrow();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-export-bench-'));
  const out: Result[] = [];
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  try {
    for (const format of ['xlsx', 'csv'] as const) {
      const file = path.join(dir, `hoi-vien.${format}`);
      global.gc?.();
      const before = process.memoryUsage().rss;
      console.log(`[${engine}] export ${format}: start (load ${load()}, rss ${mb(before)})`);
      const rss = sampleRss();
      const t0 = performance.now();
      const r = await cliExportMembers(
        deps,
        { unit: unit.code, association: data.tree.associationId, out: file, format },
        {
          log: (line) => console.log(`[${engine}] ${line}`),
          now: () => performance.now(),
          every: 100_000,
        },
      );
      const ms = performance.now() - t0;
      const peak = rss.stop();
      const added = peak - before;
      if (r.rows !== data.members) throw new Error(`exported ${r.rows} of ${data.members} rows`);
      const size = fs.statSync(file).size;
      console.log(
        `[${engine}] export ${format}: ${r.rows} rows, ${mb(size)}, ${(ms / 1000).toFixed(1)} s, rss ${mb(before)} → peak ${mb(peak)} (load ${load()})`,
      );
      const rows = `${r.rows.toLocaleString('en')} rows`;
      if (format === 'xlsx') {
        out.push({
          engine,
          name: `export the whole association to .xlsx (${rows}, ${mb(size)}; hoi export members)`,
          target: '≤ 90 s',
          value: `${(ms / 1000).toFixed(1)} s (${Math.round(r.rows / (ms / 1000)).toLocaleString('en')} rows/s)`,
          ok: ms <= 90_000,
        });
        out.push({
          engine,
          name: `memory added by the .xlsx export (peak RSS ${mb(peak)} incl. the in-process database, ${mb(before)} before)`,
          target: '≤ 1 GB',
          value: mb(added),
          ok: added <= GB,
        });
      } else {
        out.push({
          engine,
          name: `export the whole association to .csv (${rows}, ${mb(size)})`,
          target: 'report',
          value: `${(ms / 1000).toFixed(1)} s, +${mb(added)} RSS`,
          ok: true,
        });
      }
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
