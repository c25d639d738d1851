/** Reminders, the CLI export, and history across a merge (as-was vs restated views). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliExportReport } from '../../cli/report.cli.js';
import { docxText } from '../../documents/docx-text.js';
import { cliActor } from '../../platform/actor.js';
import { createTestContext, testClock, type TestContext } from '../../test/harness.js';
import { createTestTree, type TestTree } from '../../test/factories.js';
import { mergeUnits } from '../units/units.service.js';
import { dashboard } from './dashboard.service.js';
import { DEFAULT_TEMPLATE } from './defaults.js';
import { sendReportReminders } from './reminders.service.js';
import { actOnReport, openReport, saveValues } from './reports.service.js';
import { listTemplates } from './templates.service.js';

const clock = testClock(new Date('2026-11-18T03:00:00Z'));
let ctx: TestContext;
let t: TestTree;
let templateId: string;
const cli = () => cliActor(t.associationId);

async function approvedReport(unitKey: string, period: string, sessions: number) {
  let r = await openReport(ctx.deps, cli(), { templateId, period, unitId: t.units[unitKey]! });
  r = await saveValues(ctx.deps, cli(), r.id, r.version, {
    values: { 'propaganda.sessions': sessions },
    texts: {},
  });
  r = await actOnReport(ctx.deps, cli(), r.id, 'submit', r.version, undefined);
  return actOnReport(ctx.deps, cli(), r.id, 'approve', r.version, undefined);
}

async function noticesOf(username: string) {
  return ctx.deps.db.system
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.userId')
    .select(['n.kind', 'n.title'])
    .where('u.username', '=', username)
    .where('n.kind', 'like', 'report.reminder.%')
    .execute();
}

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await createTestTree(ctx.deps, { founded: '2020-01-01' });
  templateId = (await listTemplates(ctx.deps, cli())).find(
    (x) => x.code === DEFAULT_TEMPLATE.code,
  )!.id;
});
afterAll(async () => ctx.close());

describe('reminders', () => {
  it('reminds a unit two working days before its due date, once, and its parent after it', async () => {
    // November's reports (cut-off Sat 14/11/2026): communes are due Fri 20/11, branches Wed 18/11.
    clock.set(new Date('2026-11-18T03:00:00Z'));
    await sendReportReminders(ctx.deps, '2026-11-18');
    const a = await noticesOf(t.users.officerA!);
    expect(
      a.filter((n) => n.title.includes('Tháng 11/2026') && n.title.includes('Xã Đông Hưng')),
    ).toEqual([expect.objectContaining({ kind: 'report.reminder.before' })]);
    await sendReportReminders(ctx.deps, '2026-11-18');
    expect(await noticesOf(t.users.officerA!)).toHaveLength(a.length);
    // c1b submits; after the due date only the units still missing are reminded, with their parent.
    await approvedReport('c1b', '2026-M11', 1);
    await sendReportReminders(ctx.deps, '2026-11-23');
    const after = (await noticesOf(t.users.provinceOfficer!)).filter(
      (n) => n.kind === 'report.reminder.after' && n.title.includes('Tháng 11/2026'),
    );
    expect(after.some((n) => n.title.includes('Xã Đông Hưng'))).toBe(true);
    expect(after.some((n) => n.title.includes('Xã Tây Sơn'))).toBe(false);
  });
});

describe('hoi report export', () => {
  it('writes the report as .docx and refuses a bad format, period or a missing report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-report-'));
    const code = `C1B-${t.code.slice(2)}`;
    const out = path.join(dir, 'bc.docx');
    const r = await cliExportReport(ctx.deps, {
      template: 'BC-DINHKY',
      period: '2026-M11',
      unit: code,
      out,
    });
    expect(r.format).toBe('docx');
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    // The default signature block leaves the name to be written by hand…
    expect(await docxText(fs.readFileSync(out))).toContain('TM. BAN THƯỜNG VỤ');
    // …or carries the signer given, title and authority in capitals (Decree 30).
    await cliExportReport(ctx.deps, {
      template: 'BC-DINHKY',
      period: '2026-M11',
      unit: code,
      out,
      signerName: 'Trần Thị Bình',
      signerTitle: 'Phó Chủ tịch',
      signerAuthority: 'KT. Chủ tịch',
    });
    const signed = await docxText(fs.readFileSync(out));
    expect(signed).toContain('KT. CHỦ TỊCH');
    expect(signed).toContain('PHÓ CHỦ TỊCH');
    expect(signed).toContain('Trần Thị Bình');
    await expect(
      cliExportReport(ctx.deps, {
        template: 'BC-DINHKY',
        period: '2026-M11',
        unit: code,
        out,
        signerName: 'x'.repeat(101),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      cliExportReport(ctx.deps, {
        template: 'BC-DINHKY',
        period: '2026-M11',
        unit: code,
        out: path.join(dir, 'x.pdf'),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      cliExportReport(ctx.deps, { template: 'BC-DINHKY', period: '2026-M13', unit: code, out }),
    ).rejects.toMatchObject({ code: 'PERIOD_INVALID' });
    await expect(
      cliExportReport(ctx.deps, { template: 'BC-DINHKY', period: '2026-M10', unit: code, out }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('history across a merge', () => {
  it('shows past periods as the tree was, or restated onto the merged unit — the same totals', async () => {
    await approvedReport('c1a', '2026-M09', 3);
    await approvedReport('c1b', '2026-M09', 4);
    const merged = await mergeUnits(ctx.deps, cli(), {
      sourceIds: [t.units.c1a!, t.units.c1b!],
      target: { code: `C1M-${t.code.slice(2)}`, name: 'Xã Đông Tây', parentId: t.units.p1! },
      effectiveDate: '2026-10-01',
    });
    const q = { templateId, period: '2026-M11', unitId: t.units.p1!, trend: 3 };
    const asWas = await dashboard(ctx.deps, cli(), { ...q, view: 'as_was' });
    const restated = await dashboard(ctx.deps, cli(), { ...q, view: 'restated' });
    const sessions = (d: typeof asWas) =>
      d.indicators.find((i) => i.code === 'propaganda.sessions')!.values;
    // M09 (15/08–14/09) was before the merge: 3 + 4 in both views.
    expect(sessions(asWas)[0]).toBe(7);
    expect(sessions(restated)[0]).toBe(7);
    expect(new Set(asWas.heatmap.map((h) => h.unit.name))).toEqual(
      new Set(['Xã Đông Hưng', 'Xã Đông Tây', 'Xã Tây Sơn']),
    );
    const row = restated.heatmap.find((h) => h.unit.id === merged.id)!;
    expect(restated.heatmap.map((h) => h.unit.id)).toEqual([merged.id]);
    expect(row.unit.restatedFrom.sort()).toEqual(
      [`C1A-${t.code.slice(2)}`, `C1B-${t.code.slice(2)}`].sort(),
    );
    expect(row.cells[0]).toMatchObject({ status: 'approved' });
  });
});
