import { PassThrough, Readable } from 'node:stream';
import {
  formatPartialDate,
  MEMBER_CATEGORY_NAMES,
  MEMBER_STATUS_NAMES,
  type MemberFilter,
} from '@hoi/contracts';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './members.repo.js';
import { nameWords, pageParams, scopeUnits } from './members-search.service.js';
import { settingsOf } from './members.service.js';

const PAGE = 2000;

/** Vietnamese headings (with English) of the exported list; never protected personal data. */
const COLUMNS: {
  header: string;
  width: number;
  value: (r: repo.SummaryRow) => string;
}[] = [
  { header: 'STT / No.', width: 8, value: () => '' },
  { header: 'Số thẻ / Member no.', width: 14, value: (r) => r.memberNumber },
  { header: 'Họ và tên / Full name', width: 28, value: (r) => r.fullName },
  { header: 'Ngày sinh / Birth date', width: 14, value: (r) => formatPartialDate(r.birthDate) },
  {
    header: 'Giới tính / Sex',
    width: 10,
    value: (r) => (r.gender === 'male' ? 'Nam' : r.gender === 'female' ? 'Nữ' : ''),
  },
  { header: 'Số định danh / Personal ID', width: 16, value: (r) => r.idNumber ?? '' },
  { header: 'Điện thoại / Phone', width: 14, value: (r) => r.phone ?? '' },
  { header: 'Đơn vị / Unit', width: 26, value: (r) => r.unitName },
  {
    header: 'Loại hội viên / Category',
    width: 20,
    value: (r) => MEMBER_CATEGORY_NAMES[r.category].vi,
  },
  { header: 'Trạng thái / Status', width: 18, value: (r) => MEMBER_STATUS_NAMES[r.status].vi },
  { header: 'Ngày vào hội / Joined', width: 14, value: (r) => formatPartialDate(r.joinedOn) },
];

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) || /^[=+\-@]/.test(v)
    ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"`
    : v;
}

/** Pages through the filtered list in Vietnamese order, each page in its own short transaction. */
async function* rowsOf(deps: Deps, actor: Actor, f: MemberFilter) {
  const today = todayIn(deps.clock);
  const { params } = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const settings = await settingsOf(tx, actor.associationId);
    const units = await scopeUnits(tx, actor, f.unitId);
    const params: Omit<repo.PageParams, 'after' | 'limit'> = pageParams(f, units, today, settings);
    // Same matching as the list: whole words when any name matches that way, else fragments.
    const words = nameWords(f.q);
    if (words && (await repo.memberPage(tx, { ...params, words, after: null, limit: 1 })).length)
      params.words = words;
    return { params };
  });
  let after: { key: string; id: string } | null = null;
  let total = 0;
  for (;;) {
    const rows = await inTenant(deps.db.app, actor.associationId, async (tx) => {
      const page = await repo.memberPage(tx, { ...params, after, limit: PAGE });
      const summaries = await repo.summaries(
        tx,
        page.map((p) => p.id),
      );
      const byId = new Map(summaries.map((s) => [s.id, s]));
      const last = page[page.length - 1];
      after = last ? { key: last.sortKey, id: last.id } : null;
      return page.map((p) => byId.get(p.id)!);
    });
    for (const r of rows) {
      total += 1;
      yield { row: r, n: total };
    }
    if (rows.length < PAGE) break;
  }
  await inTenant(deps.db.app, actor.associationId, async (tx) => {
    await recordAudit(tx, deps, actor, {
      action: 'member.export',
      entityType: 'member',
      entityId: null,
      unitId: f.unitId ?? null,
      after: { filter: f, rows: total },
    });
  });
}

/** Streams the current filtered member list as CSV (UTF-8 with BOM, for Excel) or .xlsx. */
export async function exportMembers(
  deps: Deps,
  actor: Actor,
  q: MemberFilter & { format: 'csv' | 'xlsx' },
  reply: FastifyReply,
) {
  const { format, ...filter } = q;
  // Resolve scope first, so an out-of-scope unit answers 404 before any bytes are sent.
  await inTenant(deps.db.app, actor.associationId, (tx) => scopeUnits(tx, actor, filter.unitId));
  const stamp = todayIn(deps.clock).replaceAll('-', '');
  if (format === 'csv') {
    async function* csv() {
      yield '\uFEFF' + COLUMNS.map((c) => csvCell(c.header)).join(',') + '\r\n';
      for await (const { row, n } of rowsOf(deps, actor, filter)) {
        yield COLUMNS.map((c, i) => csvCell(i === 0 ? String(n) : c.value(row))).join(',') + '\r\n';
      }
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="danh-sach-hoi-vien-${stamp}.csv"`)
      .send(Readable.from(csv()));
  }
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('Hội viên');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    try {
      for await (const { row, n } of rowsOf(deps, actor, filter)) {
        ws.addRow(COLUMNS.map((c, i) => (i === 0 ? n : c.value(row)))).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="danh-sach-hoi-vien-${stamp}.xlsx"`)
    .send(out);
}
