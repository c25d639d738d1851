/**
 * The file export of the filtered member list, shared by `GET /api/members/export` and
 * `hoi export members`: a row source that pages through the list in short transactions and
 * records one audit entry, and two writers (CSV, .xlsx) that stream any number of rows.
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  formatPartialDate,
  MEMBER_CATEGORY_NAMES,
  MEMBER_STATUS_NAMES,
  type MemberFilter,
  type MemberStatus,
} from '@hoi/contracts';
import type { FastifyReply } from 'fastify';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { recordAudit } from '../audit/audit.service.js';
import { exportPage, NO_PERSON, personDetails, type ExportRow } from './members-export.repo.js';
import { unitNames, type PageParams } from './members.repo.js';
import { nameWords, pageParams, scopeUnits } from './members-search.service.js';
import { settingsOf } from './members.service.js';
import { XlsxStreamWriter, type XlsxCell } from './xlsx-stream.js';

export type { ExportRow } from './members-export.repo.js';
export type ExportFormat = 'csv' | 'xlsx';

/** Rows per page (per short transaction): big enough that round trips do not dominate. */
const PAGE = 5000;

/** formatPartialDate's output, by slicing (it runs for six columns of a million rows). */
function isoDate(d: string | null): string {
  if (!d) return '';
  if (d.length === 10) return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  if (d.length === 7) return `${d.slice(5, 7)}/${d.slice(0, 4)}`;
  return formatPartialDate(d);
}
const text = (v: string | null) => v ?? '';

/**
 * The exported columns, in order: every registry field a member is recreated from (an import
 * of this file into an empty association gives the same registry), headings in Vietnamese with
 * English after " / ". Personal ID numbers are in it because every exporter (member.read) sees
 * them on the member record too; protected data (ethnicity, religion, party, health: member.sensitive.read)
 * never is. Dates are dd/mm/yyyy; a partial birth date is mm/yyyy or yyyy.
 */
export const EXPORT_COLUMNS: readonly {
  header: string;
  width: number;
  value: (r: ExportRow) => string;
}[] = [
  { header: 'STT / No.', width: 8, value: () => '' },
  { header: 'Số thẻ / Member no.', width: 14, value: (r) => r.memberNumber },
  { header: 'Họ và tên / Full name', width: 28, value: (r) => r.fullName },
  { header: 'Ngày sinh / Birth date', width: 12, value: (r) => isoDate(r.birthDate) },
  {
    header: 'Giới tính / Sex',
    width: 9,
    value: (r) => (r.gender === 'male' ? 'Nam' : r.gender === 'female' ? 'Nữ' : ''),
  },
  { header: 'Số định danh / Personal ID', width: 15, value: (r) => text(r.idNumber) },
  { header: 'Số CMND cũ / Legacy ID (CMND)', width: 13, value: (r) => text(r.legacyIdNumber) },
  { header: 'Điện thoại / Phone', width: 13, value: (r) => text(r.phone) },
  { header: 'Email / Email', width: 22, value: (r) => text(r.email) },
  { header: 'Tỉnh, thành phố / Province', width: 18, value: (r) => text(r.provinceName) },
  { header: 'Mã tỉnh / Province code', width: 8, value: (r) => text(r.provinceCode) },
  { header: 'Xã, phường / Commune', width: 20, value: (r) => text(r.communeName) },
  { header: 'Mã xã / Commune code', width: 9, value: (r) => text(r.communeCode) },
  {
    header: 'Thôn/xóm, số nhà, đường / Hamlet, street',
    width: 24,
    value: (r) => text(r.addressDetail),
  },
  { header: 'Địa chỉ cũ / Legacy address', width: 28, value: (r) => text(r.addressLegacy) },
  { header: 'Đơn vị / Unit', width: 24, value: (r) => r.unitName },
  { header: 'Mã đơn vị / Unit code', width: 14, value: (r) => r.unitCode },
  {
    header: 'Loại hội viên / Category',
    width: 14,
    value: (r) => MEMBER_CATEGORY_NAMES[r.category].vi,
  },
  {
    header: 'Trạng thái / Status',
    width: 16,
    value: (r) => MEMBER_STATUS_NAMES[r.status as MemberStatus]?.vi ?? r.status,
  },
  { header: 'Ngày làm đơn / Applied', width: 12, value: (r) => isoDate(r.appliedOn) },
  { header: 'Ngày vào hội / Joined', width: 12, value: (r) => isoDate(r.joinedOn) },
  { header: 'Ngày kết thúc / Ended', width: 12, value: (r) => isoDate(r.endedOn) },
  {
    header: 'Số quyết định kết nạp / Admission decision no.',
    width: 16,
    value: (r) => text(r.admissionNumber),
  },
  {
    header: 'Ngày quyết định / Decision date',
    width: 12,
    value: (r) => isoDate(r.admissionDate),
  },
  { header: 'Người ký / Signed by', width: 18, value: (r) => text(r.admissionSigner) },
  { header: 'Ghi chú / Notes', width: 30, value: (r) => text(r.notes) },
];

/**
 * The filtered list in Vietnamese name order, page by page, each page in its own short
 * transaction (on the embedded engine other requests get the connection in between). Once the
 * consumer has taken the last row (or stops early), one `member.export` audit entry records the
 * filter, the row count and `context` (format, destination).
 *
 * @example
 *   for await (const page of memberExportPages(deps, actor, { unitId }, { format: 'csv' })) …
 */
export async function* memberExportPages(
  deps: Deps,
  actor: Actor,
  f: MemberFilter,
  context: Record<string, unknown> = {},
): AsyncGenerator<ExportRow[]> {
  const today = todayIn(deps.clock);
  const params = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const settings = await settingsOf(tx, actor.associationId);
    const units = await scopeUnits(tx, actor, f.unitId);
    const p: Omit<PageParams, 'after' | 'limit'> = pageParams(f, units, today, settings);
    // Same matching as the list: whole words when any name matches that way, else fragments.
    const words = nameWords(f.q);
    if (words && (await exportPage(tx, { ...p, words, after: null, limit: 1 })).length)
      p.words = words;
    return p;
  });
  let after: { key: string; id: string } | null = null;
  let total = 0;
  let isComplete = false;
  const units = new Map<string, { name: string; code: string }>();
  try {
    for (;;) {
      const page = await inTenant(deps.db.app, actor.associationId, async (tx) => {
        const rows = await exportPage(tx, { ...params, after, limit: PAGE });
        const missing = [...new Set(rows.map((r) => r.unitId))].filter((id) => !units.has(id));
        for (const [id, u] of await unitNames(tx, missing)) units.set(id, u);
        return rows;
      });
      const rows = await completeRows(deps, page, units);
      const last = rows[rows.length - 1];
      if (last) after = { key: last.sortKey, id: last.id };
      total += rows.length;
      if (rows.length) yield rows;
      if (rows.length < PAGE) break;
    }
    isComplete = true;
  } finally {
    // An export stopped half-way (client gone, disk full) has still let rows out: record it,
    // without letting a failure here hide the error that stopped it.
    const audit = inTenant(deps.db.app, actor.associationId, (tx) =>
      recordAudit(tx, deps, actor, {
        action: 'member.export',
        entityType: 'member',
        entityId: null,
        unitId: f.unitId ?? null,
        after: { filter: f, rows: total, complete: isComplete, ...context },
      }),
    );
    if (isComplete) await audit;
    else await audit.catch(() => undefined);
  }
}

/** Fills in the unit's name and code and the person's data of a page's rows, in place. */
async function completeRows(
  deps: Deps,
  rows: ExportRow[],
  units: Map<string, { name: string; code: string }>,
): Promise<ExportRow[]> {
  const people = await personDetails(
    deps.db.system,
    rows.map((r) => r.personId),
  );
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const u = units.get(r.unitId);
    r.unitName = u?.name ?? '';
    r.unitCode = u?.code ?? '';
    const p = people[i] ?? NO_PERSON;
    r.legacyIdNumber = p.legacyIdNumber;
    r.email = p.email;
    r.provinceCode = p.provinceCode;
    r.provinceName = p.provinceName;
    r.communeCode = p.communeCode;
    r.communeName = p.communeName;
    r.addressDetail = p.addressDetail;
    r.addressLegacy = p.addressLegacy;
  }
  return rows;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) || /^[=+\-@]/.test(v)
    ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"`
    : v;
}

/** Receives the running row count after each page written. */
export type ExportProgress = (rows: number) => void;

/**
 * Writes pages of rows as CSV (UTF-8 with BOM and CRLF, for Excel) to `out` and ends it;
 * resolves with the row count. Cells that a spreadsheet would run as formulas are quoted.
 */
export async function writeMembersCsv(
  pages: AsyncIterable<ExportRow[]>,
  out: Writable,
  onProgress?: ExportProgress,
): Promise<number> {
  let n = 0;
  async function* lines() {
    yield '\uFEFF' + EXPORT_COLUMNS.map((c) => csvCell(c.header)).join(',') + '\r\n';
    for await (const page of pages) {
      let chunk = '';
      for (const row of page) {
        n += 1;
        chunk += String(n);
        for (let i = 1; i < EXPORT_COLUMNS.length; i++)
          chunk += ',' + csvCell(EXPORT_COLUMNS[i]!.value(row));
        chunk += '\r\n';
      }
      yield chunk;
      onProgress?.(n);
    }
  }
  await pipeline(Readable.from(lines()), out);
  return n;
}

/**
 * Writes pages of rows as an .xlsx workbook (sheet "Hội viên", bold frozen header; a further
 * sheet every 1,048,575 rows) to `out` and ends it; resolves with the row count.
 */
export async function writeMembersXlsx(
  pages: AsyncIterable<ExportRow[]>,
  out: Writable,
  onProgress?: ExportProgress,
  opts: { maxRowsPerSheet?: number } = {},
): Promise<number> {
  const w = new XlsxStreamWriter(out, 'Hội viên', EXPORT_COLUMNS, opts);
  let n = 0;
  const cells: XlsxCell[] = new Array<XlsxCell>(EXPORT_COLUMNS.length);
  try {
    for await (const page of pages) {
      for (const row of page) {
        n += 1;
        cells[0] = n;
        for (let i = 1; i < EXPORT_COLUMNS.length; i++) cells[i] = EXPORT_COLUMNS[i]!.value(row);
        await w.addRow(cells);
      }
      onProgress?.(n);
    }
    await w.finish();
  } catch (e) {
    out.destroy(e as Error);
    throw e;
  }
  out.end();
  await new Promise<void>((resolve, reject) => {
    if (out.writableFinished) resolve();
    else {
      out.once('finish', resolve);
      out.once('error', reject);
    }
  });
  return n;
}

/** Writes the filtered list in `format` to `out` (ended when done); resolves with the row count. */
export function writeMemberExport(
  deps: Deps,
  actor: Actor,
  filter: MemberFilter,
  format: ExportFormat,
  out: Writable,
  opts: { onProgress?: ExportProgress; context?: Record<string, unknown> } = {},
): Promise<number> {
  const pages = memberExportPages(deps, actor, filter, { format, ...opts.context });
  return format === 'csv'
    ? writeMembersCsv(pages, out, opts.onProgress)
    : writeMembersXlsx(pages, out, opts.onProgress);
}

/** Streams the current filtered member list as CSV (UTF-8 with BOM, for Excel) or .xlsx. */
export async function exportMembers(
  deps: Deps,
  actor: Actor,
  q: MemberFilter & { format: ExportFormat },
  reply: FastifyReply,
) {
  const { format, ...filter } = q;
  // Resolve scope first, so an out-of-scope unit answers 404 before any bytes are sent.
  await inTenant(deps.db.app, actor.associationId, (tx) => scopeUnits(tx, actor, filter.unitId));
  const stamp = todayIn(deps.clock).replaceAll('-', '');
  const out = new PassThrough();
  writeMemberExport(deps, actor, filter, format, out).catch((e: unknown) => {
    if (!out.destroyed) out.destroy(e as Error);
  });
  return reply
    .type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .header('content-disposition', `attachment; filename="danh-sach-hoi-vien-${stamp}.${format}"`)
    .send(out);
}
