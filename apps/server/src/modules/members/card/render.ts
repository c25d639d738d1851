/**
 * The printable member card (issue #3): one layout, two outputs.
 *
 * `cardLayout` places every element of an ID-1 card (85.6 × 54 mm, landscape) in PDF points with
 * text measured by the embedded font; `renderCardPdf` draws that layout with pdfkit (the font is
 * embedded as a subset with a ToUnicode map, so the text stays searchable and copyable) and
 * `renderCardPng` draws the very same layout as SVG rendered by resvg (1012 × 638 px by default,
 * the 300 dpi raster of card printers), with the same font files passed explicitly and no system
 * fonts, so both look alike on any machine.
 *
 * The font is Be Vietnam Pro (SIL OFL 1.1), shipped as whole TTFs (every Vietnamese glyph, not
 * split into unicode-range subsets) inside the npm package @expo-google-fonts/be-vietnam-pro.
 * The QR code is drawn from the module matrix of @paulmillr/qr as vector rectangles.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { renderAsync } from '@resvg/resvg-js';
import { encodeQR } from '@paulmillr/qr';
import { openSync, type Font } from 'fontkit';

export interface CardData {
  associationName: string;
  fullName: string;
  memberNumber: string;
  unitName: string;
  /** e.g. 'Hội viên chính thức' */
  categoryLabel: string;
  /** 'YYYY-MM-DD' */
  joinedOn: string | null;
  /** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' */
  birthDate: string | null;
  photo: { mime: 'image/jpeg' | 'image/png'; bytes: Uint8Array } | null;
  verifyUrl: string;
}

export interface CardPngOptions {
  /** Width of the PNG in pixels; the height follows the card's 85.6 : 54 ratio. Default 1012 (300 dpi). */
  widthPx?: number;
}

// ---------------------------------------------------------------------------------------------
// Geometry (PDF points, origin top-left, y down — the user space of both pdfkit and SVG)

const MM = 72 / 25.4;
export const CARD_WIDTH_PT = 85.6 * MM;
export const CARD_HEIGHT_PT = 54 * MM;
export const DEFAULT_PNG_WIDTH = 1012;
/** ISO/IEC 7810 ID-1 corner radius. */
const CORNER = 3.18 * MM;
const MARGIN = 3.5 * MM;
export const BAND_HEIGHT_PT = 16.5 * MM;
const BAND_H = BAND_HEIGHT_PT;
const STRIP_H = 0.8 * MM;
const PHOTO_W = 19 * MM;
const PHOTO_H = (PHOTO_W * 4) / 3;
const QR_SIZE = 18 * MM;
/** Light modules kept around the symbol inside its white square (the white card adds more). */
const QR_QUIET = 2;
const CAPTION_SIZE = 4.4;

/**
 * Vertical font metrics of Be Vietnam Pro (units per em 1000: ascent 1000, descent 265; stacked
 * Vietnamese marks such as Ễ/Ỗ reach 1160). ASCENT places a first baseline below a top edge;
 * INK_TOP/INK_BOTTOM bound the ink of any line (used to check that nothing leaves the card).
 */
const ASCENT = 0.98;
export const INK_TOP = 1.16;
export const INK_BOTTOM = 0.27;
const LEADING = 1.2;

const COLORS = {
  band: '#A31D1D',
  strip: '#E8B923',
  title: '#FFD75E',
  onBand: '#FFFFFF',
  text: '#1B1B1F',
  label: '#5F6368',
  accent: '#A31D1D',
  border: '#C7CBD1',
  photoBg: '#EEF1F5',
  silhouette: '#C3C9D2',
  qr: '#000000',
} as const;

// ---------------------------------------------------------------------------------------------
// Font files

export const FONT_FAMILY = 'Be Vietnam Pro';
type FontKey = 'regular' | 'bold';

const fontDir = dirname(
  createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'),
);
export const FONT_FILES: Record<FontKey, string> = {
  regular: join(fontDir, '400Regular', 'BeVietnamPro_400Regular.ttf'),
  bold: join(fontDir, '700Bold', 'BeVietnamPro_700Bold.ttf'),
};
const SVG_WEIGHT: Record<FontKey, number> = { regular: 400, bold: 700 };

// ---------------------------------------------------------------------------------------------
// The layout

export type Matrix = [number, number, number, number, number, number];

export type CardPrim =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  /** An SVG path (M L H V A Z, absolute), filled and/or stroked: pdfkit's doc.path() reads the same syntax. */
  | { kind: 'path'; d: string; fill?: string; stroke?: string; lineWidth?: number }
  | {
      kind: 'text';
      x: number;
      y: number;
      w: number;
      text: string;
      font: FontKey;
      size: number;
      color: string;
    }
  | {
      kind: 'photo';
      x: number;
      y: number;
      w: number;
      h: number;
      mime: 'image/jpeg' | 'image/png';
      bytes: Uint8Array;
      width: number;
      height: number;
      matrix: Matrix;
    }
  | { kind: 'qr'; x: number; y: number; size: number; modules: boolean[][] };

export interface CardLayout {
  width: number;
  height: number;
  prims: CardPrim[];
}

type Measure = (text: string, font: FontKey, size: number) => number;

/**
 * The fonts, parsed once per process and shared by every document: fontkit decodes its tables
 * (GSUB/GPOS above all) lazily and keeps them, which is most of the cost of a card when each
 * document parses its own copy. pdfkit ≥ 0.20 takes a parsed fontkit Font as a font source
 * (@types/pdfkit 0.17 does not know yet, hence the cast in pdfFont).
 */
const parsedFonts = new Map<FontKey, Font>();
function fontOf(key: FontKey): Font {
  let f = parsedFonts.get(key);
  if (!f) {
    const opened = openSync(FONT_FILES[key]);
    if (!('layout' in opened))
      throw new Error(`${FONT_FILES[key]} is a font collection, not a font`);
    f = opened;
    parsedFonts.set(key, f);
  }
  return f;
}
const pdfFont = (key: FontKey) => fontOf(key) as unknown as PDFKit.Mixins.PDFFontSource;

/**
 * Text width. Shaping a string costs about a millisecond and fitting tries many sizes and line
 * breaks, so words are shaped once (advance widths are linear in the size) and remembered; a line
 * is its words plus spaces (no kerning pair of the font involves the space). The memo is bounded:
 * it starts over past MEMO_MAX entries.
 */
const MEMO_MAX = 20_000;
const emWidths = new Map<string, number>();

function emWidth(s: string, key: FontKey): number {
  const memo = `${key}\u0000${s}`;
  let w = emWidths.get(memo);
  if (w === undefined) {
    const font = fontOf(key);
    w = font.layout(s).advanceWidth / font.unitsPerEm;
    if (emWidths.size >= MEMO_MAX) emWidths.clear();
    emWidths.set(memo, w);
  }
  return w;
}

/** Width in points of one line of text (NFC) in the card's font at the given size. */
export function measureText(s: string, font: FontKey, size: number): number {
  const words = s.split(' ');
  let w = (words.length - 1) * emWidth(' ', font);
  for (const word of words) if (word) w += emWidth(word, font);
  return w * size;
}

/** Lays the card out, measuring text with the embedded font. Exposed for tests and previews. */
export function cardLayout(d: CardData): CardLayout {
  return layout(d, measureText);
}

function layout(d: CardData, measure: Measure): CardLayout {
  const W = CARD_WIDTH_PT;
  const H = CARD_HEIGHT_PT;
  const prims: CardPrim[] = [];
  // NFC (precomposed letters), one space for any run of white space, and nothing that XML refuses
  // (control characters, lone surrogates, U+FFFE/FFFF) so the SVG always parses.
  const clean = (s: string) =>
    s
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .replace(/[\p{Cc}\uFFFE\uFFFF\uD800-\uDFFF]/gu, '') // with /u, only lone surrogates match
      .trim();
  const text = (x: number, y: number, s: string, font: FontKey, size: number, color: string) => {
    const w = measure(s, font, size);
    prims.push({ kind: 'text', x, y, w, text: s, font, size, color });
    return w;
  };
  const centered = (cx: number, y: number, s: string, font: FontKey, size: number, color: string) =>
    text(cx - measure(s, font, size) / 2, y, s, font, size, color);

  // Header band: association name (uppercase, shrinks then wraps), title, English sub-line.
  // No clipping to the card's rounded outline (a canvas-sized mask for resvg): the shapes that touch it are rounded themselves.
  prims.push({ kind: 'path', d: roundedRectPath(0, 0, W, H, CORNER), fill: '#FFFFFF' });
  prims.push({
    kind: 'path',
    d: roundedRectPath(0, 0, W, BAND_H, CORNER, true),
    fill: COLORS.band,
  });
  prims.push({ kind: 'rect', x: 0, y: BAND_H, w: W, h: STRIP_H, fill: COLORS.strip });
  const assoc = fitText(clean(d.associationName).toLocaleUpperCase('vi') || 'HỘI', measure, {
    font: 'bold',
    maxSize: 8,
    singleLineMin: 6.25,
    multiMax: 7,
    minSize: 4.5,
    maxLines: 2,
    width: () => W - 2 * MARGIN,
  });
  const title = { s: 'THẺ HỘI VIÊN', size: 11 };
  const sub = { s: 'Membership card', size: 5.5 };
  const assocAdvance = assoc.size * LEADING;
  const blockH =
    INK_TOP * assoc.size +
    (assoc.lines.length - 1) * assocAdvance +
    1.4 +
    INK_TOP * title.size +
    1.6 +
    ASCENT * sub.size +
    INK_BOTTOM * sub.size;
  let y = (BAND_H - blockH) / 2 + INK_TOP * assoc.size;
  for (const [i, line] of assoc.lines.entries())
    centered(W / 2, y + i * assocAdvance, line, 'bold', assoc.size, COLORS.onBand);
  y += (assoc.lines.length - 1) * assocAdvance + 1.4 + INK_TOP * title.size;
  centered(W / 2, y, title.s, 'bold', title.size, COLORS.title);
  y += 1.6 + ASCENT * sub.size;
  centered(W / 2, y, sub.s, 'regular', sub.size, COLORS.onBand);

  // Photo 3×4 on the left.
  const bodyTop = BAND_H + STRIP_H + 2.5 * MM;
  const photo = { x: MARGIN, y: bodyTop, w: PHOTO_W, h: PHOTO_H };
  const info = d.photo ? imageInfo(d.photo.bytes) : null;
  if (d.photo && info) {
    prims.push({ kind: 'rect', ...photo, fill: COLORS.photoBg });
    prims.push({
      kind: 'photo',
      ...photo,
      mime: info.mime,
      bytes: d.photo.bytes,
      width: info.width,
      height: info.height,
      matrix: coverMatrix(photo, info),
    });
  } else {
    prims.push({ kind: 'rect', ...photo, fill: COLORS.photoBg });
    for (const d of silhouettePaths(photo))
      prims.push({ kind: 'path', d, fill: COLORS.silhouette });
    centered(photo.x + photo.w / 2, photo.y + 8, 'Ảnh 3×4', 'regular', 5, COLORS.label);
  }
  prims.push({
    kind: 'path',
    d: roundedRectPath(photo.x, photo.y, photo.w, photo.h, 0),
    stroke: COLORS.border,
    lineWidth: 0.5,
  });

  // QR at the bottom right with its caption.
  const captionLines = ['Quét để xác minh', 'Scan to verify'];
  const captionGap = 0.6 * MM;
  const captionH =
    captionGap +
    ASCENT * CAPTION_SIZE +
    (captionLines.length - 1) * CAPTION_SIZE * LEADING +
    INK_BOTTOM * CAPTION_SIZE;
  const qr = { x: W - MARGIN - QR_SIZE, y: H - 2.5 * MM - captionH - QR_SIZE, size: QR_SIZE };
  prims.push({ kind: 'rect', x: qr.x, y: qr.y, w: qr.size, h: qr.size, fill: '#FFFFFF' });
  prims.push({ kind: 'qr', ...qr, modules: qrModules(d.verifyUrl) });
  let cy = qr.y + qr.size + captionGap + ASCENT * CAPTION_SIZE;
  for (const line of captionLines) {
    centered(qr.x + qr.size / 2, cy, line, 'regular', CAPTION_SIZE, COLORS.label);
    cy += CAPTION_SIZE * LEADING;
  }

  // Text column: the name spans to the right margin (it ends above the QR), the rows stop left of it.
  const x0 = MARGIN + PHOTO_W + 3 * MM;
  const nameW = W - MARGIN - x0;
  const rowW = qr.x - 2.5 * MM - x0;
  const bottomLimit = H - MARGIN;
  const fields: {
    label: string | null;
    value: string;
    font: FontKey;
    color: string;
    max: number;
    min: number;
    lines: number;
  }[] = [
    {
      label: null,
      value: clean(d.categoryLabel),
      font: 'bold',
      color: COLORS.accent,
      max: 6.5,
      min: 4.5,
      lines: 1,
    },
    {
      label: 'Số thẻ:',
      value: clean(d.memberNumber),
      font: 'bold',
      color: COLORS.text,
      max: 8,
      min: 4.5,
      lines: 2, // an identifier is split rather than cut
    },
    {
      label: 'Đơn vị:',
      value: clean(d.unitName),
      font: 'bold',
      color: COLORS.text,
      max: 7,
      min: 4.5,
      lines: 3,
    },
    {
      label: 'Ngày sinh:',
      value: clean(formatPartialDate(d.birthDate)),
      font: 'bold',
      color: COLORS.text,
      max: 7,
      min: 4.5,
      lines: 1,
    },
    {
      label: 'Ngày vào hội:',
      value: clean(formatPartialDate(d.joinedOn)),
      font: 'bold',
      color: COLORS.text,
      max: 7,
      min: 4.5,
      lines: 1,
    },
  ];
  const fullName = clean(d.fullName);
  // Lay the column out at full size; should it run past the bottom margin, shrink everything in it.
  const start = prims.length;
  for (let scale = 1; ; scale *= 0.92) {
    prims.length = start;
    const name = fitText(fullName || '—', measure, {
      font: 'bold',
      maxSize: 11 * scale,
      singleLineMin: 8.5 * scale,
      multiMax: 9 * scale,
      minSize: Math.min(5.5, 9 * scale),
      maxLines: 2,
      width: () => nameW,
    });
    let by = bodyTop + ASCENT * name.size;
    for (const [i, line] of name.lines.entries())
      text(x0, by + i * name.size * LEADING, line, 'bold', name.size, COLORS.text);
    by += (name.lines.length - 1) * name.size * LEADING + INK_BOTTOM * name.size + 2.2 * scale;
    for (const f of fields) {
      const labelSize = 5.5 * scale;
      const labelW = f.label ? measure(f.label, 'regular', labelSize) + 1.4 : 0;
      const fit = fitText(f.value || '—', measure, {
        font: f.font,
        maxSize: f.max * scale,
        minSize: Math.min(f.min, f.max * scale),
        maxLines: f.lines,
        width: (i) => (i === 0 ? rowW - labelW : rowW),
      });
      by += ASCENT * fit.size;
      if (f.label) text(x0, by, f.label, 'regular', labelSize, COLORS.label);
      for (const [i, line] of fit.lines.entries())
        text(
          i === 0 ? x0 + labelW : x0,
          by + i * fit.size * LEADING,
          line,
          f.font,
          fit.size,
          f.color,
        );
      by += (fit.lines.length - 1) * fit.size * LEADING + INK_BOTTOM * fit.size + 1.6 * scale;
    }
    if (by - 1.6 * scale <= bottomLimit || scale < 0.5) break;
  }

  prims.push({
    kind: 'path',
    d: roundedRectPath(0.25, 0.25, W - 0.5, H - 0.5, CORNER - 0.25),
    stroke: COLORS.border,
    lineWidth: 0.5,
  });
  return { width: W, height: H, prims };
}

// ---------------------------------------------------------------------------------------------
// Text fitting: shrink on one line first, then wrap, and as a last resort cut with an ellipsis.

interface FitSpec {
  font: FontKey;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Smallest size tried on a single line before wrapping (defaults to minSize). */
  singleLineMin?: number;
  /** Largest size used once the text wraps (defaults to maxSize). */
  multiMax?: number;
  /** Available width of line i. */
  width: (line: number) => number;
}

const STEP = 0.25;

function fitText(s: string, measure: Measure, spec: FitSpec): { lines: string[]; size: number } {
  for (let n = 1; n <= spec.maxLines; n++) {
    const top = n === 1 ? spec.maxSize : Math.min(spec.maxSize, spec.multiMax ?? spec.maxSize);
    const bottom =
      n === 1 && spec.maxLines > 1
        ? Math.max(spec.minSize, spec.singleLineMin ?? spec.minSize)
        : spec.minSize;
    for (let size = top; size >= bottom - 1e-9; size -= STEP) {
      const lines = wrap(s, (t) => measure(t, spec.font, size), spec.width, n);
      if (lines) return { lines, size };
    }
  }
  const size = spec.minSize;
  const w = (t: string) => measure(t, spec.font, size);
  const all = wrap(s, w, spec.width, Infinity) ?? [s];
  const lines = all.slice(0, spec.maxLines);
  const last = lines.length - 1;
  const cut = Array.from(lines[last] ?? '');
  while (cut.length > 0 && w(cut.join('').trimEnd() + '…') > spec.width(last)) cut.pop();
  lines[last] = cut.join('').trimEnd() + '…';
  return { lines, size };
}

/** Greedy word wrap into at most maxLines lines; a word wider than a line is split between characters. */
function wrap(
  s: string,
  width: (t: string) => number,
  avail: (line: number) => number,
  maxLines: number,
): string[] | null {
  const lines: string[] = [];
  let cur = '';
  const push = (line: string) => {
    lines.push(line);
    return lines.length < maxLines;
  };
  for (const word of s.split(' ')) {
    const candidate = cur ? `${cur} ${word}` : word;
    if (width(candidate) <= avail(lines.length)) {
      cur = candidate;
      continue;
    }
    if (cur && !push(cur)) return null;
    // Split between characters, summing their widths (each shaped once) rather than shaping every prefix.
    let rest = Array.from(word);
    while (rest.length > 0 && width(rest.join('')) > avail(lines.length)) {
      let k = 0;
      for (let sum = 0; k < rest.length; k++) {
        sum += width(rest[k] ?? '');
        if (sum > avail(lines.length)) break;
      }
      k = Math.max(1, k);
      if (!push(rest.slice(0, k).join(''))) return null;
      rest = rest.slice(k);
    }
    cur = rest.join('');
  }
  if (cur || lines.length === 0) lines.push(cur);
  return lines.length <= maxLines ? lines : null;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const n = (v: number) => (Math.round(v * 1000) / 1000).toString();

/** A rectangle with rounded corners (all four, or the top two only) as an SVG path. */
function roundedRectPath(
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  topOnly = false,
): string {
  if (r <= 0) return `M${n(x)} ${n(y)}H${n(x + w)}V${n(y + h)}H${n(x)}Z`;
  const arc = (tx: number, ty: number) => `A${n(r)} ${n(r)} 0 0 1 ${n(tx)} ${n(ty)}`;
  if (topOnly)
    return `M${n(x)} ${n(y + h)}V${n(y + r)}${arc(x + r, y)}H${n(x + w - r)}${arc(x + w, y + r)}V${n(y + h)}Z`;
  return (
    `M${n(x + r)} ${n(y)}H${n(x + w - r)}${arc(x + w, y + r)}V${n(y + h - r)}${arc(x + w - r, y + h)}` +
    `H${n(x + r)}${arc(x, y + h - r)}V${n(y + r)}${arc(x + r, y)}Z`
  );
}

/** Head and shoulders inside the photo box (the shoulders are cut by the box's bottom edge, without a clip). */
function silhouettePaths(p: { x: number; y: number; w: number; h: number }): string[] {
  const cx = p.x + p.w / 2;
  const head = { cy: p.y + p.h * 0.36, r: p.w * 0.2 };
  const body = { cy: p.y + p.h * 0.92, rx: p.w * 0.4, ry: p.h * 0.3 };
  const bottom = p.y + p.h;
  const dx = body.rx * Math.sqrt(1 - ((bottom - body.cy) / body.ry) ** 2);
  return [
    `M${n(cx - head.r)} ${n(head.cy)}A${n(head.r)} ${n(head.r)} 0 1 1 ${n(cx + head.r)} ${n(head.cy)}A${n(head.r)} ${n(head.r)} 0 1 1 ${n(cx - head.r)} ${n(head.cy)}Z`,
    `M${n(cx - dx)} ${n(bottom)}A${n(body.rx)} ${n(body.ry)} 0 1 1 ${n(cx + dx)} ${n(bottom)}Z`,
  ];
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', 'YYYY-MM' → 'mm/yyyy', 'YYYY' → 'yyyy'; null → '—'; anything else as is. */
export function formatPartialDate(s: string | null): string {
  if (!s) return '—';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (!m) return s;
  const [, y, mo, day] = m;
  if (day) return `${day}/${mo}/${y}`;
  if (mo) return `${mo}/${y}`;
  return y ?? s;
}

/** The QR symbol for the verification URL, without its quiet zone (drawn by the renderers). */
export function qrModules(url: string): boolean[][] {
  return encodeQR(url, 'raw', { ecc: 'medium', border: 0 });
}

interface ImageInfo {
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  /** EXIF orientation 1–8 (JPEG only; 1 = as stored). */
  orientation: number;
}

/** Reads format, size and EXIF orientation from the bytes themselves (the declared mime is not trusted); null if neither PNG nor JPEG. */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  const u16 = (i: number, le = false) =>
    le ? (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) : ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  const u32 = (i: number, le = false) =>
    le ? u16(i, true) + u16(i + 2, true) * 65536 : u16(i) * 65536 + u16(i + 2);
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 24 && PNG.every((v, i) => b[i] === v)) {
    const width = u32(16);
    const height = u32(20);
    return width > 0 && height > 0 ? { mime: 'image/png', width, height, orientation: 1 } : null;
  }
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let orientation = 1;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = u16(i + 2);
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(i + 4, i + 10)) === 'Exif\0\0') {
      const t = i + 10;
      const le = b[t] === 0x49;
      const ifd = t + u32(t + 4, le);
      const count = u16(ifd, le);
      for (let e = 0; e < count; e++) {
        const at = ifd + 2 + e * 12;
        if (at + 12 > b.length) break;
        if (u16(at, le) === 0x0112) {
          const o = u16(at + 8, le);
          if (o >= 1 && o <= 8) orientation = o;
        }
      }
    }
    const isSof =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      const height = u16(i + 5);
      const width = u16(i + 7);
      return width > 0 && height > 0 ? { mime: 'image/jpeg', width, height, orientation } : null;
    }
    if (marker === 0xda) return null;
    i += 2 + len;
  }
  return null;
}

/**
 * The transform that draws the stored image (at 0,0 with its pixel size) upright (EXIF orientation)
 * and scaled to cover the box, centred; the renderers clip to the box.
 */
function coverMatrix(box: { x: number; y: number; w: number; h: number }, img: ImageInfo): Matrix {
  const turned = img.orientation >= 5;
  const dw = turned ? img.height : img.width;
  const dh = turned ? img.width : img.height;
  const s = Math.max(box.w / dw, box.h / dh);
  // Orientation as a linear map of centred image coordinates (y down): [a b c d] with x' = a·x + c·y, y' = b·x + d·y.
  const orient: Record<number, [number, number, number, number]> = {
    1: [1, 0, 0, 1],
    2: [-1, 0, 0, 1],
    3: [-1, 0, 0, -1],
    4: [1, 0, 0, -1],
    5: [0, 1, 1, 0],
    6: [0, 1, -1, 0],
    7: [0, -1, -1, 0],
    8: [0, -1, 1, 0],
  };
  const [a, b, c, d] = orient[img.orientation] ?? [1, 0, 0, 1];
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const tx = -img.width / 2;
  const ty = -img.height / 2;
  // translate(cx,cy) · s·[a b c d] · translate(tx,ty)
  return [s * a, s * b, s * c, s * d, cx + s * (a * tx + c * ty), cy + s * (b * tx + d * ty)];
}

/** Horizontal runs of dark modules, so a QR code is a few hundred rectangles rather than a thousand. */
function qrRuns(modules: boolean[][]): { x: number; y: number; len: number }[] {
  const runs: { x: number; y: number; len: number }[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const from = x;
      while (row[x]) x++;
      runs.push({ x: from, y, len: x - from });
    }
  });
  return runs;
}

function qrGeometry(p: { x: number; size: number; y: number; modules: boolean[][] }) {
  const n = p.modules.length;
  const m = p.size / (n + 2 * QR_QUIET);
  return { m, ox: p.x + QR_QUIET * m, oy: p.y + QR_QUIET * m, runs: qrRuns(p.modules) };
}

// ---------------------------------------------------------------------------------------------
// PDF

/** Pixel size of a PNG photo once redrawn for the PDF: 3×4, about 400 dpi on the 19 mm box. */
const PHOTO_PX = { w: 300, h: 400 };

/**
 * A PNG photo redrawn by resvg (off the event loop) upright, cropped to the box and opaque on white,
 * then stored as an RGB PNG, which pdfkit embeds without decoding it: for a PNG with an alpha
 * channel pdfkit runs a pure-JS decode and split, some 0.3 s CPU for a 3-megapixel photo.
 * JPEG photos need none of this: pdfkit copies their DCT data as is.
 */
async function flattenPhoto(
  p: Extract<CardPrim, { kind: 'photo' }>,
): Promise<Extract<CardPrim, { kind: 'photo' }>> {
  const k = PHOTO_PX.w / p.w;
  const m: Matrix = [
    p.matrix[0] * k,
    p.matrix[1] * k,
    p.matrix[2] * k,
    p.matrix[3] * k,
    (p.matrix[4] - p.x) * k,
    (p.matrix[5] - p.y) * k,
  ];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PHOTO_PX.w}" height="${PHOTO_PX.h}"><rect width="${PHOTO_PX.w}" height="${PHOTO_PX.h}" fill="#FFFFFF"/>` +
    `<image transform="matrix(${m.map(n).join(' ')})" x="0" y="0" width="${p.width}" height="${p.height}" preserveAspectRatio="none" href="data:${p.mime};base64,${Buffer.from(p.bytes).toString('base64')}"/></svg>`;
  const img = await renderAsync(svg, {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false },
    logLevel: 'off',
  });
  return {
    ...p,
    mime: 'image/png',
    bytes: rgbPng(img.pixels, img.width, img.height),
    width: img.width,
    height: img.height,
    matrix: [p.w / img.width, 0, 0, p.h / img.height, p.x, p.y],
  };
}

/** Encodes opaque RGBA pixels as an 8-bit RGB PNG (every row with the Up filter). */
function rgbPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 2;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * 4 + c;
        const above = y > 0 ? (rgba[i - width * 4] ?? 0) : 0;
        raw[row + 1 + x * 3 + c] = ((rgba[i] ?? 0) - above) & 0xff;
      }
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function renderCardPdf(d: CardData): Promise<Buffer> {
  const card = cardLayout(d);
  card.prims = await Promise.all(
    card.prims.map(async (p) =>
      p.kind === 'photo' && p.mime === 'image/png' ? flattenPhoto(p) : p,
    ),
  );
  const doc = new PDFDocument({
    size: [card.width, card.height],
    margin: 0,
    // The default font, or pdfkit would load Helvetica and write it into every file.
    font: pdfFont('regular') as string,
    lang: 'vi-VN',
    info: {
      Title: `Thẻ hội viên — ${d.fullName.normalize('NFC')}`,
      Subject: `Membership card ${d.memberNumber}`,
      Author: d.associationName.normalize('NFC'),
      Creator: 'Hội',
      Producer: 'Hội',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const p of card.prims) {
    switch (p.kind) {
      case 'rect':
        doc.rect(p.x, p.y, p.w, p.h).fill(p.fill);
        break;
      case 'path':
        doc.path(p.d);
        if (p.fill && p.stroke) doc.lineWidth(p.lineWidth ?? 1).fillAndStroke(p.fill, p.stroke);
        else if (p.fill) doc.fill(p.fill);
        else if (p.stroke) doc.lineWidth(p.lineWidth ?? 1).stroke(p.stroke);
        break;
      case 'text':
        // The family argument is the cache key: without it pdfkit would wrap the font anew on every call.
        doc
          .font(pdfFont(p.font), fontOf(p.font).postscriptName, p.size)
          .fillColor(p.color)
          .text(p.text, p.x, p.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      case 'photo': {
        doc.save();
        doc.rect(p.x, p.y, p.w, p.h).clip();
        doc.transform(...p.matrix);
        // The orientation is already in the matrix: pdfkit must not turn the JPEG a second time.
        const opts: PDFKit.Mixins.ImageOption & { ignoreOrientation: boolean } = {
          width: p.width,
          height: p.height,
          ignoreOrientation: true,
        };
        doc.image(Buffer.from(p.bytes), 0, 0, opts);
        doc.restore();
        break;
      }
      case 'qr': {
        const g = qrGeometry(p);
        for (const r of g.runs) doc.rect(g.ox + r.x * g.m, g.oy + r.y * g.m, r.len * g.m, g.m);
        doc.fill(COLORS.qr);
        break;
      }
      default: {
        const never: never = p;
        throw new Error(`unknown card element ${String(never)}`);
      }
    }
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------
// SVG → PNG

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The card as SVG in PDF points, stretched to widthPx × heightPx (its text needs the files in FONT_FILES). */
export function cardSvg(card: CardLayout, widthPx: number, heightPx: number): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${n(card.width)} ${n(card.height)}" preserveAspectRatio="none">`,
  ];
  let clips = 0;
  for (const p of card.prims) {
    switch (p.kind) {
      case 'rect':
        out.push(
          `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="${p.fill}"/>`,
        );
        break;
      case 'path':
        out.push(
          `<path d="${p.d}" fill="${p.fill ?? 'none'}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${n(p.lineWidth ?? 1)}"` : ''}/>`,
        );
        break;
      case 'text':
        out.push(
          `<text x="${n(p.x)}" y="${n(p.y)}" font-family="${FONT_FAMILY}" font-weight="${SVG_WEIGHT[p.font]}" font-size="${n(p.size)}" fill="${p.color}" xml:space="preserve">${xml(p.text)}</text>`,
        );
        break;
      case 'photo': {
        const id = `clip${clips++}`;
        const href = `data:${p.mime};base64,${Buffer.from(p.bytes).toString('base64')}`;
        out.push(
          `<clipPath id="${id}"><rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}"/></clipPath>`,
          `<g clip-path="url(#${id})"><image transform="matrix(${p.matrix.map(n).join(' ')})" x="0" y="0" width="${p.width}" height="${p.height}" preserveAspectRatio="none" href="${href}"/></g>`,
        );
        break;
      }
      case 'qr': {
        const g = qrGeometry(p);
        const d = g.runs
          .map(
            (r) =>
              `M${n(g.ox + r.x * g.m)} ${n(g.oy + r.y * g.m)}h${n(r.len * g.m)}v${n(g.m)}h${n(-r.len * g.m)}z`,
          )
          .join('');
        out.push(`<path d="${d}" fill="${COLORS.qr}" shape-rendering="crispEdges"/>`);
        break;
      }
      default: {
        const never: never = p;
        throw new Error(`unknown card element ${String(never)}`);
      }
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

export async function renderCardPng(d: CardData, opts: CardPngOptions = {}): Promise<Buffer> {
  const widthPx = Math.round(opts.widthPx ?? DEFAULT_PNG_WIDTH);
  if (!(widthPx >= 100 && widthPx <= 8000))
    throw new RangeError(`card width out of range: ${widthPx}`);
  const heightPx = Math.round((widthPx * 54) / 85.6);
  const image = await renderAsync(cardSvg(cardLayout(d), widthPx, heightPx), {
    fitTo: { mode: 'original' },
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      defaultFontFamily: FONT_FAMILY,
    },
    logLevel: 'off',
  });
  return image.asPng();
}
