/**
 * A minimal random-access ZIP reader (central directory + one entry at a time, inflated as a
 * stream), enough for .xlsx packages. Reading parts in the order we need — workbook, styles,
 * shared strings, then one sheet — is what a single front-to-back pass over the archive cannot
 * do: writers order parts differently (Excel puts sheets before shared strings, exceljs puts
 * workbook.xml last), and a sheet is the one part that must never be held in memory.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

async function readAt(fh: fsp.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead < length) throw new ZipFormatError('truncated archive');
  return buf;
}

/**
 * Lists the entries of the ZIP archive at `path` (ZIP64 included).
 *
 * @example
 * const zip = await openZip('members.xlsx');
 * const sheet = zip.open('xl/worksheets/sheet1.xml'); // a Readable of the inflated bytes
 */
export async function openZip(path: string): Promise<ZipArchive> {
  const fh = await fsp.open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < 22) throw new ZipFormatError('not a zip archive');
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('not a zip archive');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    const locator = eocd - 20;
    if (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR) {
      const record = await readAt(fh, Number(tail.readBigUInt64LE(locator + 8)), 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('bad zip64 record');
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) {
      throw new ZipFormatError('bad central directory');
    }
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) {
        throw new ZipFormatError('bad central directory entry');
      }
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: cd.toString('utf8', p + 46, p + 46 + nameLength),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      };
      readZip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
      entries.set(entry.name, entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(path, entries);
  } finally {
    await fh.close();
  }
}

/** Sizes and offset that did not fit in 32 bits live in the ZIP64 extra field, in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry) {
  for (let q = 0; q + 4 <= extra.length;) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    q += 4 + length;
  }
}

export class ZipArchive {
  constructor(
    readonly path: string,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  /** Finds an entry by name, ignoring case (some writers spell part names differently). */
  find(name: string): ZipEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [n, e] of this.entries) if (n.toLowerCase() === lower) return e;
    return undefined;
  }

  /** The inflated bytes of an entry, streamed from disk. */
  async open(entry: ZipEntry): Promise<Readable> {
    if (entry.flags & 1) throw new ZipFormatError('encrypted entry');
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipFormatError(`unsupported compression method ${entry.method}`);
    }
    const fh = await fsp.open(this.path, 'r');
    let start: number;
    try {
      const local = await readAt(fh, entry.localHeaderOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError('bad local header');
      start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      await fh.close();
    }
    if (entry.compressedSize === 0) return Readable.from([]);
    const raw = fs.createReadStream(this.path, {
      start,
      end: start + entry.compressedSize - 1,
      highWaterMark: 256 * 1024,
    });
    if (entry.method === 0) return raw;
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    raw.on('error', (e) => inflate.destroy(e));
    return raw.pipe(inflate);
  }

  /** A whole (small) entry as text. */
  async text(entry: ZipEntry): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
