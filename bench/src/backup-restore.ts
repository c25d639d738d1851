/**
 * Backup and restore timings on an embedded database with ~100k units.
 *   npx tsx bench/src/backup-restore.ts [units=100000] [postgres-url-to-restore-into]
 * The PostgreSQL target, if given, must be an empty, freshly created database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../apps/server/src/db/engine.js';
import {
  backupToFile,
  restoreFromFile,
  tableChecksums,
} from '../../apps/server/src/modules/backup/backup.service.js';

const units = Number(process.argv[2] ?? 100_000);
const serverUrl = process.argv[3] ?? null;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(
    `${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s   rss ${rss} MiB`,
  );
  return result;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-backup-bench-'));
const file = path.join(dir, 'bench.jsonl.gz');
const source = await timed('open + migrate PGlite', () =>
  openDatabase({ databaseUrl: null, dataDir: null }),
);

await timed(`generate ${units} units`, async () => {
  const provinces = 63;
  await sql`insert into associations (id, kind, code, name, level_names)
    values ('01980000-0000-7000-8000-000000000001', 'association', 'HND', 'Hội Nông dân Việt Nam',
            array['Trung ương', 'Tỉnh', 'Xã'])`.execute(source.system);
  await sql`insert into units (association_id, id, code, name, level, parent_id, valid_from)
    values ('01980000-0000-7000-8000-000000000001', '01980000-0000-7000-8000-000000000002', 'TW',
            'Trung ương Hội', 0, null, '2024-01-01')`.execute(source.system);
  await sql`insert into units (association_id, id, code, name, level, parent_id, valid_from)
    select '01980000-0000-7000-8000-000000000001', gen_random_uuid(), 'P' || p, 'Tỉnh số ' || p, 1,
           '01980000-0000-7000-8000-000000000002', '2024-01-01'
      from generate_series(1, ${provinces}) p`.execute(source.system);
  await sql`insert into units (association_id, id, code, name, level, parent_id, valid_from, valid_to)
    select u.association_id, gen_random_uuid(), 'X' || g, 'Xã Đông Hưng ' || g, 2, u.id,
           date '2024-01-01' + (g % 365), case when g % 7 = 0 then date '2025-06-30' end
      from generate_series(1, ${units - provinces - 1}) g
      join units u on u.code = 'P' || (1 + g % ${provinces})`.execute(source.system);
  // Materialized paths: r, r.pN, r.pN.xG (labels from the codes).
  await sql`insert into unit_paths (association_id, unit_id, path)
    select association_id, id, 'r' from units where level = 0`.execute(source.system);
  await sql`insert into unit_paths (association_id, unit_id, path)
    select association_id, id, ('r.' || lower(code))::ltree from units where level = 1`.execute(source.system);
  await sql`insert into unit_paths (association_id, unit_id, path)
    select u.association_id, u.id, pp.path || lower(u.code)
      from units u join unit_paths pp on pp.unit_id = u.parent_id where u.level = 2`.execute(source.system);
});

const backup = await timed('backup (PGlite)', () => backupToFile(source, file));
console.log(`  ${backup.totalRows} rows, ${(backup.bytes / 2 ** 20).toFixed(1)} MiB compressed`);
const sums = await timed('tableChecksums (PGlite)', () => tableChecksums(source));
await source.close();

const target = await timed('open + migrate PGlite target', () =>
  openDatabase({ databaseUrl: null, dataDir: null }),
);
await timed('restore into PGlite', () => restoreFromFile(target, file));
const same = JSON.stringify(await tableChecksums(target)) === JSON.stringify(sums);
console.log(`  checksums equal: ${same}`);
await target.close();

if (serverUrl) {
  const server = await timed('open + migrate PostgreSQL target', () =>
    openDatabase({ databaseUrl: serverUrl, dataDir: null }),
  );
  await timed('restore into PostgreSQL', () => restoreFromFile(server, file));
  const file2 = path.join(dir, 'server.jsonl.gz');
  await timed('backup (PostgreSQL)', () => backupToFile(server, file2));
  console.log(
    `  checksums equal: ${JSON.stringify(await tableChecksums(server)) === JSON.stringify(sums)}`,
  );
  await server.close();
}
fs.rmSync(dir, { recursive: true, force: true });
