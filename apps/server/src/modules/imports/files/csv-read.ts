/**
 * CSV reading: encoding and delimiter found from the first 64 KB, then the file streamed through
 * csv-parse. UTF-8 (with or without BOM) and UTF-16LE with BOM (Excel's "Unicode text") are read;
 * anything else fails, because a guessed legacy encoding (TCVN3, VNI, Windows-1258) silently
 * corrupts every name.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../../platform/errors.js';
import { notUtf8, unclosedQuote, unsupportedEncoding } from './file-errors.js';

export interface CsvLayout {
  encoding: 'utf8' | 'utf16le';
  delimiter: string;
}

const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;
/** Longest record accepted: a quote never closed would otherwise swallow the rest of the file. */
const MAX_RECORD_CHARS = 1_000_000;

/** Reads the start of the file to find its encoding and delimiter. */
export async function sniffCsv(path: string): Promise<CsvLayout> {
  const fh = await fsp.open(path, 'r');
  let sample: Buffer;
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    sample = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  let text: string;
  let encoding: CsvLayout['encoding'] = 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) {
    encoding = 'utf16le';
    text = sample.toString('utf16le', 2, sample.length - (sample.length % 2));
  } else if (sample[0] === 0xfe && sample[1] === 0xff) {
    throw unsupportedEncoding('UTF-16BE');
  } else {
    const body = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
    const complete = sample.subarray(body, completeLength(sample));
    if (!isUtf8(complete)) throw notUtf8(firstBadLine(complete, 1));
    if (zeroShare(complete) > 0.1) throw unsupportedEncoding('UTF-16 (không có BOM / no BOM)');
    text = complete.toString('utf8');
  }
  // The sample may end mid-record; a short file is complete.
  if (sample.length === SAMPLE_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  return { encoding, delimiter: detectDelimiter(text) };
}

function zeroShare(buf: Buffer): number {
  let zeros = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0) zeros++;
  return buf.length ? zeros / buf.length : 0;
}

/** Length of `buf` without a trailing, incomplete UTF-8 sequence (cut by a chunk boundary). */
function completeLength(buf: Buffer): number {
  let i = buf.length - 1;
  while (i >= 0 && i > buf.length - 4 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < need ? i : buf.length;
}

/** Line (counted from `firstLine`) of the first byte sequence that is not UTF-8. */
function firstBadLine(buf: Buffer, firstLine: number): number {
  const text = buf.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  let line = firstLine;
  for (let i = text.indexOf('\n'); i >= 0 && (bad < 0 || i < bad); i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}

/**
 * The delimiter that splits the most sample records into the same number of fields. A `sep=;`
 * first line (Excel's hint) wins. Title lines without delimiters and commas inside addresses
 * of a semicolon file do not fool it.
 */
export function detectDelimiter(text: string): string {
  const hint = /^sep=(.)\r?\n/.exec(text);
  if (hint) return hint[1]!;
  const records: Record<string, number>[] = [];
  let counts: Record<string, number> = {};
  let quoted = false;
  let chars = 0;
  for (let i = 0; i < text.length && records.length < 50; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') {
      if (chars) records.push(counts);
      counts = {};
      chars = 0;
    } else if (!quoted && c !== '\r') {
      chars++;
      if (c === ',' || c === ';' || c === '\t') counts[c] = (counts[c] ?? 0) + 1;
    }
  }
  if (chars && records.length < 50) records.push(counts);
  let best: { d: string; agree: number; fields: number } = { d: ',', agree: 0, fields: 0 };
  for (const d of DELIMITERS) {
    const tally = new Map<number, number>();
    for (const r of records) if (r[d]) tally.set(r[d], (tally.get(r[d]) ?? 0) + 1);
    for (const [fields, agree] of tally) {
      if (agree > best.agree || (agree === best.agree && fields > best.fields)) {
        best = { d, agree, fields };
      }
    }
  }
  return best.d;
}

/** Passes bytes through, failing with IMPORT_FILE_UNREADABLE at the first non-UTF-8 sequence. */
function utf8Guard(): Transform {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeLength(buf);
      const whole = buf.subarray(0, cut);
      if (!isUtf8(whole)) return done(notUtf8(firstBadLine(whole, line)));
      for (let i = whole.indexOf(10); i >= 0; i = whole.indexOf(10, i + 1)) line++;
      carry = Buffer.from(buf.subarray(cut));
      done(null, chunk);
    },
    flush(done) {
      done(carry.length ? notUtf8(line) : null);
    },
  });
}

const FORMULA_GUARD = /^'[=+\-@]/;

/**
 * Yields every record with its ordinal as rowNumber — the row Excel shows, and the line number
 * unless a quoted cell holds a line break. Blank and all-empty records come with `cells: []`.
 */
export async function* csvRows(
  path: string,
  layout: CsvLayout,
): AsyncGenerator<{ rowNumber: number; cells: (string | null)[] }> {
  const parser = parse({
    delimiter: layout.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  const source = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  const stages = layout.encoding === 'utf8' ? [source, utf8Guard(), parser] : [source, parser];
  const records = pipeline(stages, () => {}) as unknown as AsyncIterable<string[]>;
  let rowNumber = 0;
  try {
    for await (const record of records) {
      rowNumber++;
      if (rowNumber === 1 && record.length <= 2 && /^sep=.?$/i.test(record.join(layout.delimiter)))
        continue;
      yield { rowNumber, cells: cellsOf(record) };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? rowNumber + 1;
      if (e.code === 'CSV_MAX_RECORD_SIZE' || e.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw unclosedQuote(rowNumber + 1);
      }
      throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'csv', code: e.code, line });
    }
    throw e;
  } finally {
    source.destroy();
  }
}

function cellsOf(record: string[]): (string | null)[] {
  let last = -1;
  const cells = record.map((v, i) => {
    if (v === '') return null;
    last = i;
    // Undo the formula guard our CSV writers add (members.export.ts, the error report).
    return FORMULA_GUARD.test(v) ? v.slice(1) : v;
  });
  cells.length = last + 1;
  return cells;
}
