/**
 * The small parts of an .xlsx package, read before any sheet: the workbook (sheet names, hidden
 * state, 1904 date system), relationships (which part is which sheet), styles (which cell formats
 * are dates) and shared strings. Parts are parsed from bytes with plain string scanning: they
 * are machine-written XML, and this keeps every string we hand out a fresh copy instead of a
 * slice pinning a 256 KB chunk in memory.
 */
import { decodeCellText, xmlAttr, xmlDecode } from './xml-text.js';
import { openZip, type ZipArchive } from './zip.js';

export interface SheetRef {
  name: string;
  isHidden: boolean;
  /** Part name inside the package, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

export interface Book {
  zip: ZipArchive;
  sheets: SheetRef[];
  isDate1904: boolean;
  stylesPart: string | null;
  sharedStringsPart: string | null;
}

const REL_TYPE = /\/(worksheet|styles|sharedStrings|officeDocument)$/;

/** Resolves a relationship target against the folder of the part that declares it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(xml: string) {
  const out: { id: string; type: string; target: string }[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const attrs = m[1]!;
    out.push({
      id: xmlAttr(attrs, 'Id') ?? '',
      type: xmlAttr(attrs, 'Type') ?? '',
      target: xmlAttr(attrs, 'Target') ?? '',
    });
  }
  return out;
}

async function partText(zip: ZipArchive, name: string): Promise<string | null> {
  const entry = zip.find(name);
  return entry ? zip.text(entry) : null;
}

/** Opens the package and reads its workbook part; throws ZipFormatError or a plain Error. */
export async function openBook(path: string): Promise<Book> {
  const zip = await openZip(path);
  const rootRels = relationships((await partText(zip, '_rels/.rels')) ?? '');
  const main =
    rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target.replace(/^\//, '') ??
    'xl/workbook.xml';
  const workbook = await partText(zip, main);
  if (workbook === null) throw new Error('no workbook part');
  const relsName = main.replace(/([^/]+)$/, '_rels/$1.rels');
  const rels = relationships((await partText(zip, relsName)) ?? '').filter((r) =>
    REL_TYPE.test(r.type),
  );
  const target = (kind: string) => {
    const rel = rels.find((r) => r.type.endsWith(`/${kind}`));
    return rel ? resolvePart(main, rel.target) : null;
  };
  const sheets: SheetRef[] = [];
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const rid = /(?:^|\s)[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
    const rel = rels.find((r) => r.id === (rid?.[1] ?? rid?.[2]));
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
    const state = xmlAttr(attrs, 'state');
    sheets.push({
      name: xmlDecode(xmlAttr(attrs, 'name') ?? ''),
      isHidden: state === 'hidden' || state === 'veryHidden',
      part: resolvePart(main, rel.target),
    });
  }
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(workbook);
  const date1904 = pr ? xmlAttr(pr[1]!, 'date1904') : null;
  return {
    zip,
    sheets,
    isDate1904: date1904 === '1' || date1904 === 'true',
    stylesPart: target('styles') ?? (zip.find('xl/styles.xml') ? 'xl/styles.xml' : null),
    sharedStringsPart:
      target('sharedStrings') ?? (zip.find('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null),
  };
}

// Built-in number formats that show dates or times (ECMA-376 §18.8.30; 27–36 and 50–58 are the
// East Asian date formats).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** True when an Excel number format code displays a date or time. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '') // literal text
    .replace(/\[[^\]]*]/g, '') // colours, locales ([$-42A]), conditions
    .replace(/[\\_*]./g, ''); // escaped characters, padding, fill
  return /[dmyhs]/i.test(bare.replace(/general/gi, ''));
}

/** For each cell format index (the `s` attribute of a cell): does it show a date? */
export async function readDateStyles(book: Book): Promise<boolean[]> {
  if (!book.stylesPart) return [];
  const xml = await partText(book.zip, book.stylesPart);
  if (!xml) return [];
  const codes = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)>/g)) {
    const id = Number(xmlAttr(m[1]!, 'numFmtId'));
    codes.set(id, xmlDecode(xmlAttr(m[1]!, 'formatCode') ?? ''));
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1]!.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*)>/g)) {
    const id = Number(xmlAttr(m[1]!, 'numFmtId') ?? 0);
    const code = codes.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

/** Inflated size of the shared-strings part beyond which a file is refused (hostile or broken). */
const MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024;

/**
 * All shared strings, rich text flattened and phonetic guides dropped. Streamed from bytes: each
 * string is decoded from its own byte range, so UTF-8 sequences split across chunks stay whole.
 */
export async function readSharedStrings(book: Book): Promise<string[]> {
  const entry = book.sharedStringsPart ? book.zip.find(book.sharedStringsPart) : undefined;
  if (!entry) return [];
  const out: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let total = 0;
  for await (const chunk of await book.zip.open(entry)) {
    // Shared strings are the one part kept whole; a 1,000,000-row list needs a few hundred MB.
    total += (chunk as Buffer).length;
    if (total > MAX_SHARED_STRINGS_BYTES) throw new Error('shared strings too large');
    const buf: Buffer = pending.length ? Buffer.concat([pending, chunk as Buffer]) : chunk;
    // Latin-1 maps byte i to character i, so offsets found in `s` are byte offsets in `buf`.
    const s = buf.toString('latin1');
    const end = lastMatchEnd(s, SI_END);
    if (end < 0) {
      if (buf.length > MAX_SHARED_STRINGS_BYTES / 16) throw new Error('shared string too large');
      pending = buf;
      continue;
    }
    SI.lastIndex = 0;
    for (let m = SI.exec(s); m && m.index < end; m = SI.exec(s)) {
      if (m[1] === undefined) out.push('');
      else {
        const from = m.index + m[0].indexOf('>') + 1;
        out.push(richText(buf, s, from, from + m[1].length));
      }
    }
    pending = buf.subarray(end);
  }
  return out;
}

const SI = /<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g;
const SI_END = /<\/(?:[\w.-]+:)?si>|<(?:[\w.-]+:)?si\s*\/>/g;

/** Offset just past the last match of the global `re` in `s`, or -1; searches from the end. */
export function lastMatchEnd(s: string, re: RegExp): number {
  for (let from = Math.max(0, s.length - 4096); ; from = Math.max(0, from - 65536)) {
    let last = -1;
    re.lastIndex = from;
    for (let m = re.exec(s); m; m = re.exec(s)) last = m.index + m[0].length;
    if (last >= 0 || from === 0) return last;
  }
}

/**
 * The text of the `<t>` elements between byte offsets `from` and `to` (an `<si>` or `<is>`
 * body), skipping phonetic runs (`<rPh>`). `s` is `buf` decoded as latin1, so offsets agree.
 */
export function richText(buf: Buffer, s: string, from: number, to: number): string {
  let text = '';
  let i = from;
  while (i < to) {
    const open = s.indexOf('<', i);
    if (open < 0 || open >= to) break;
    const gt = s.indexOf('>', open);
    if (gt < 0 || gt >= to) break;
    const tag = localName(s, open + 1, gt);
    if (tag === 'rPh') {
      const close = s.indexOf('rPh>', gt);
      i = close < 0 ? to : close + 4;
      continue;
    }
    if (tag === 't' && s.charCodeAt(gt - 1) !== 47 /* "/" */) {
      const close = s.indexOf('</', gt);
      const stop = close < 0 || close > to ? to : close;
      text += decodeCellText(buf.toString('utf8', gt + 1, stop));
      i = stop;
      continue;
    }
    i = gt + 1;
  }
  return text;
}

/** The element name without namespace prefix of the tag starting at `from` (after `<`). */
function localName(s: string, from: number, gt: number): string {
  let end = from;
  while (end < gt) {
    const c = s.charCodeAt(end);
    if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) break;
    end++;
  }
  const name = s.slice(from, end);
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
