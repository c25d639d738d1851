/**
 * The pure half of an import: the file's rows below the header, read and normalized, in chunks.
 * A large file is read in a worker thread, so that reading and normalizing (about a fifth of a
 * large import's time) run beside the database's work instead of taking turns with it on one
 * thread — on the embedded engine, which runs in the main thread, that is the only way they
 * overlap (decision 73). Small files are read in place: starting a worker and reading a short
 * file took about half a second in the tests.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { vietnameseNameSortKey } from '@hoi/contracts';
import { AppError } from '../../platform/errors.js';
import { readTable, type RawRow, type TableFormat } from './files/read.js';
import { isColumnNumberingRow, type HeaderDetection } from './normalize/headers.js';
import { normalizeRow, type RowResult } from './normalize/row.js';

export interface ReadInput {
  path: string;
  format: TableFormat;
  sheet?: string;
  /** 1-based number of the last header row; data starts below it. */
  headerRow: number;
  columns: HeaderDetection['columns'];
  today: string;
}

export interface ReadItem {
  raw: RawRow;
  row: RowResult;
  /** The member's Vietnamese sort key (computed here, off the batch's transaction). */
  sortKey: string | null;
}

const CHUNK = 1000;
/** Chunks the worker may read ahead of the import. */
const AHEAD = 4;
/** Files from this size on are read in a worker (~10,000 rows of a typical list). */
export const WORKER_FROM_BYTES = 1 << 20;

/** Reads and normalizes in this thread. */
export async function* readRowsHere(input: ReadInput): AsyncGenerator<ReadItem[]> {
  let chunk: ReadItem[] = [];
  const opts = input.sheet ? { sheet: input.sheet } : undefined;
  for await (const raw of readTable(input.path, input.format, opts)) {
    if (raw.rowNumber <= input.headerRow) continue;
    if (raw.rowNumber === input.headerRow + 1 && isColumnNumberingRow(raw.cells)) continue;
    const row = normalizeRow(raw, input.columns, { today: input.today });
    chunk.push({
      raw,
      row,
      sortKey: row.member ? vietnameseNameSortKey(row.member.fullName) : null,
    });
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** What the worker sends: a chunk, the end, or the error that stopped it. */
export type WorkerMessage =
  | { chunk: ReadItem[] }
  | { done: true }
  | { error: { code?: string; details?: unknown; message: string } };

/** Reads and normalizes in a worker thread; same chunks as {@link readRowsHere}. */
export async function* readRowsInWorker(input: ReadInput): AsyncGenerator<ReadItem[]> {
  const worker = new Worker(new URL('./read-rows.worker.mjs', import.meta.url), {
    workerData: { input, ahead: AHEAD },
    // An explicit old-space limit makes V8 collect as the heap grows rather than when it nears
    // half a gigabyte (decision 75); a small young generation keeps each chunk's garbage small.
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 },
  });
  const queue: (WorkerMessage | { failed: Error })[] = [];
  let wake: (() => void) | null = null;
  const push = (m: WorkerMessage | { failed: Error }) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMessage) => push(m));
  worker.on('error', (e) => push({ failed: e }));
  worker.on('exit', (code) => push({ failed: new Error(`import reader exited (${code})`) }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      const m = queue.shift()!;
      if ('chunk' in m) {
        worker.postMessage('more');
        yield m.chunk;
      } else if ('done' in m) return;
      else if ('error' in m) {
        const e = m.error;
        throw e.code ? new AppError(e.code as never, e.details) : new Error(e.message);
      } else throw m.failed;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

/** The file's rows: in a worker for a large file (or when asked), else in this thread. */
export function readRows(input: ReadInput, opts: { worker?: boolean } = {}) {
  const large = fs.statSync(input.path).size >= WORKER_FROM_BYTES;
  return (opts.worker ?? large) ? readRowsInWorker(input) : readRowsHere(input);
}
