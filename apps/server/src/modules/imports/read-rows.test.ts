import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { fixtureMembers, writeMessyXlsx } from './files/fixtures.js';
import { analyzeFile } from './imports.service.js';
import { readRows, readRowsHere, readRowsInWorker, type ReadInput } from './read-rows.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-read-rows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function all(chunks: AsyncIterable<unknown[]>) {
  const out: unknown[] = [];
  for await (const c of chunks) out.push(...c);
  return out;
}

async function inputFor(file: string): Promise<ReadInput> {
  const a = await analyzeFile(file, 'xlsx');
  return {
    path: file,
    format: 'xlsx',
    headerRow: a.headerRow,
    columns: a.columns,
    today: '2026-11-30',
  };
}

describe('reading an import file in a worker thread', () => {
  it('gives exactly the rows read in place: cells (dates too), normalized members, issues, sort keys', async () => {
    const file = path.join(dir, 'messy.xlsx');
    // A messy list: title rows, merged headings, legacy addresses, duplicates, dates as serials.
    await writeMessyXlsx(file, fixtureMembers(2_600, { seed: 'worker' }), {
      mergedHeader: true,
      legacyAddress: true,
    });
    const input = await inputFor(file);
    const here = await all(readRowsHere(input));
    const there = await all(readRowsInWorker(input));
    expect(here.length).toBeGreaterThanOrEqual(2_600);
    expect(there).toEqual(here);
    const dates = (here as { raw: { cells: unknown[] } }[]).flatMap((r) =>
      r.raw.cells.filter((c) => c instanceof Date),
    );
    expect(dates.length).toBeGreaterThan(0);
  });

  it('passes the reader’s own error on, with its code', async () => {
    const file = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(file, 'PK\u0003\u0004 not really a workbook');
    const input: ReadInput = {
      path: file,
      format: 'xlsx',
      headerRow: 1,
      columns: [],
      today: '2026-11-30',
    };
    const here = await all(readRowsHere(input)).catch((e: unknown) => e);
    const there = await all(readRowsInWorker(input)).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(AppError);
    expect(there).toBeInstanceOf(AppError);
    expect((there as AppError).code).toBe((here as AppError).code);
  });

  it('stops the worker when the import stops reading', async () => {
    const file = path.join(dir, 'long.xlsx');
    await writeMessyXlsx(file, fixtureMembers(5_000, { seed: 'stop' }));
    const input = await inputFor(file);
    let seen = 0;
    for await (const chunk of readRowsInWorker(input)) {
      seen += chunk.length;
      if (seen >= 1_000) break;
    }
    expect(seen).toBe(1_000);
    // Small files are read in place, large ones (≥ 1 MiB) in a worker, unless asked.
    expect(fs.statSync(file).size).toBeLessThan(1 << 20);
    expect(await all(readRows(input, { worker: true }))).toEqual(await all(readRows(input)));
  });
});
