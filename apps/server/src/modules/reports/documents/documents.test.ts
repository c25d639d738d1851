// JSZip arrives with ExcelJS; here it only opens the .docx (a zip) to read its XML.
import type { Dashboard, OversightComparison, Period, Report } from '@hoi/contracts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../../documents/docx-text.js';
import { indicatorLines, unitOf, type ReportDocContext } from './context.js';
import {
  chunkEvenly,
  formatDate,
  formatDecimal,
  formatInstantDate,
  formatValue,
  toRoman,
} from './format.js';
import { renderBriefingDocx, renderOversightDocx } from './briefing-docx.js';
import { renderBriefingXlsx, renderOversightXlsx } from './briefing-xlsx.js';
import { renderReportDocx } from './report-docx.js';
import { renderReportXlsx } from './report-xlsx.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

const period = (key: string, vi: string, from: string, to: string): Period => ({
  key,
  type: 'quarter',
  year: Number(key.slice(0, 4)),
  from,
  to,
  label: { vi, en: key },
});
const Q4 = period('2026-Q4', 'Quý IV/2026', '2026-09-15', '2026-12-14');
const TREND: Period[] = [
  period('2025-Q3', 'Quý III/2025', '2025-06-15', '2025-09-14'),
  period('2025-Q4', 'Quý IV/2025', '2025-09-15', '2025-12-14'),
  period('2026-Q1', 'Quý I/2026', '2025-12-15', '2026-03-14'),
  period('2026-Q2', 'Quý II/2026', '2026-03-15', '2026-06-14'),
  period('2026-Q3', 'Quý III/2026', '2026-06-15', '2026-09-14'),
  Q4,
];

const CTX: ReportDocContext = {
  association: { name: 'Hội Nông dân Việt Nam', abbreviation: 'HND' },
  issuer: { superior: 'Hội Nông dân Việt Nam', name: 'Hội Nông dân tỉnh Ninh Bình' },
  place: 'Hà Nội',
  date: '2026-12-20',
  number: 12,
  recipients: ['Ban Thường vụ Trung ương Hội (để báo cáo)', 'Các huyện hội'],
  signer: { authority: 'TM. Ban Thường vụ', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
  indicatorNames: {
    'members.total': { vi: 'Tổng số hội viên', en: 'Members', type: 'count' },
    'members.admitted': { vi: 'Số hội viên kết nạp mới', en: 'Admitted', type: 'count' },
    'dues.collected': { vi: 'Hội phí thu được', en: 'Dues collected', type: 'money' },
    'members.dues_rate': { vi: 'Tỷ lệ hội viên đóng hội phí', en: 'Dues rate', type: 'percent' },
    'models.good': { vi: 'Mô hình hay', en: 'Good models', type: 'text' },
    'cases.received': { vi: 'Số đơn thư tiếp nhận', en: 'Cases received', type: 'count' },
    'cases.resolved': { vi: 'Số vụ việc đã giải quyết', en: 'Cases resolved', type: 'count' },
  },
};

const REPORT: Report = {
  id: '01900000-0000-7000-8000-000000000001',
  templateId: '01900000-0000-7000-8000-0000000000aa',
  period: '2026-Q4',
  unit: {
    id: '01900000-0000-7000-8000-0000000000b1',
    code: 'NB',
    name: 'Hội Nông dân tỉnh Ninh Bình',
    level: 1,
  },
  status: 'approved',
  version: 3,
  dueDate: '2026-12-21',
  firstSubmittedAt: '2026-12-18T02:00:00Z',
  timeliness: 'on_time',
  periodInfo: Q4,
  template: {
    id: '01900000-0000-7000-8000-0000000000aa',
    version: 1,
    active: true,
    code: 'BC-QUY',
    name: { vi: 'Báo cáo quý', en: 'Quarterly report' },
    periodTypes: ['quarter'],
    levels: [0, 1, 2],
    cutoffDay: 15,
    deadlines: [{ level: 1, workingDays: 5 }],
    hideUnapproved: false,
    rules: [],
    sections: [
      {
        key: 'tuyen_truyen',
        title: { vi: 'Công tác tuyên truyền', en: 'Propaganda' },
        taskArea: 1,
        indicators: ['members.total', 'members.admitted'],
        narrative: true,
      },
      {
        key: 'to_chuc',
        title: { vi: 'Công tác tổ chức, cán bộ', en: 'Organization' },
        taskArea: 3,
        indicators: ['dues.collected', 'members.dues_rate', 'models.good'],
        narrative: true,
      },
      {
        key: 'khieu_nai',
        title: { vi: 'Giải quyết khiếu nại, tố cáo', en: 'Complaints' },
        taskArea: 6,
        indicators: ['cases.received', 'cases.resolved'],
        narrative: false,
      },
    ],
  },
  values: {
    'members.total': 1234567,
    'members.total|sex:female': 654321,
    'members.admitted': 1200,
    'members.admitted|age:60-69': 300,
    'dues.collected': 98765432.4,
    'members.dues_rate': 12.5,
    'cases.received': 5,
    'cases.resolved': null,
  },
  texts: {
    tuyen_truyen: 'Đoạn thứ nhất về tuyên truyền.\n\nĐoạn thứ hai.\n- Ý gạch đầu dòng',
    'models.good': 'Mô hình tổ hợp tác trồng lúa hữu cơ',
  },
  computedAt: '2026-12-15T01:00:00Z',
  valuesHidden: false,
  validation: [],
  rollup: {
    values: {
      'members.total': 1234000,
      'members.total|sex:female': 654000,
      'dues.collected': 98000000,
      'cases.received': 5,
    },
    childrenExpected: 8,
    childrenApproved: 7,
    mismatches: ['members.total'],
  },
  returnComment: null,
  events: [],
  can: {
    edit: false,
    submit: false,
    return: false,
    approve: false,
    unapprove: true,
    accept: false,
    unaccept: false,
    lock: false,
  },
};

const unit = (n: number, name: string) => ({
  id: `01900000-0000-7000-8000-0000000000c${n}`,
  code: `NB-0${n}`,
  name,
  level: 2,
});
const DASHBOARD: Dashboard = {
  view: 'as_was',
  unit: REPORT.unit,
  period: Q4,
  periods: TREND,
  completeness: { expected: 8, submitted: 6, approved: 5, onTime: 4, late: 2, missing: 2 },
  indicators: [
    {
      code: 'models.good',
      name: { vi: 'Mô hình hay', en: 'Good models' },
      type: 'text',
      taskArea: 6,
      values: TREND.map(() => null),
    },
    {
      code: 'dues.collected',
      name: { vi: 'Hội phí thu được', en: 'Dues' },
      type: 'money',
      taskArea: 3,
      values: [90000000, 91000000, null, 95000000, 97000000, 98765432],
    },
    {
      code: 'members.total',
      name: { vi: 'Tổng số hội viên', en: 'Members' },
      type: 'count',
      taskArea: 1,
      values: [1200000, 1210000, 1220000, 1225000, 1230000, 1234567],
    },
  ],
  heatmap: [
    {
      unit: { ...unit(1, 'Hội Nông dân huyện Gia Viễn'), restatedFrom: [] },
      cells: TREND.map(() => ({ status: 'approved' as const, timeliness: 'on_time' as const })),
    },
    {
      unit: {
        ...unit(2, 'Hội Nông dân huyện Hoa Lư'),
        restatedFrom: ['Hội Nông dân TP Ninh Bình'],
      },
      cells: TREND.map(() => ({ status: 'missing' as const, timeliness: 'overdue' as const })),
    },
  ],
  children: [
    {
      unit: unit(1, 'Hội Nông dân huyện Gia Viễn'),
      status: 'approved',
      values: { 'members.total': 45678, 'dues.collected': 3456789 },
    },
    { unit: unit(2, 'Hội Nông dân huyện Hoa Lư'), status: 'missing', values: {} },
  ],
};

const OVERSIGHT: OversightComparison = {
  period: '2026-Q4',
  indicators: [
    {
      code: 'members.total',
      name: { vi: 'Tổng số hội viên', en: 'Members' },
      type: 'count',
      taskArea: 1,
    },
    {
      code: 'dues.collected',
      name: { vi: 'Hội phí thu được', en: 'Dues' },
      type: 'money',
      taskArea: 3,
    },
  ],
  associations: [
    {
      id: '01900000-0000-7000-8000-0000000000d1',
      code: 'HND',
      name: 'Hội Nông dân Việt Nam',
      status: 'approved',
      timeliness: 'on_time',
      submittedAt: '2026-12-20T18:00:00Z',
      values: { 'members.total': 9876543, 'dues.collected': 1234567890 },
    },
    {
      id: '01900000-0000-7000-8000-0000000000d2',
      code: 'HCCB',
      name: 'Hội Cựu chiến binh Việt Nam',
      status: 'missing',
      timeliness: 'overdue',
      submittedAt: null,
      values: {},
    },
  ],
};
const OVERSIGHT_CTX: ReportDocContext = {
  ...CTX,
  association: { name: 'Bộ Nội vụ', abbreviation: 'BNV' },
  issuer: { superior: 'Bộ Nội vụ', name: 'Vụ Tổ chức phi chính phủ' },
};

// ---------------------------------------------------------------------------------------------
// Reading the files back

async function documentXml(bytes: Buffer): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
}
/** Every run (w:r) of a part. */
const runsOf = (xml: string) => xml.match(/<w:r>.*?<\/w:r>/g) ?? [];
/** The runs whose text is exactly `text`. */
const runsWith = (xml: string, text: string) =>
  runsOf(xml).filter((r) => r.includes(`>${text}</w:t>`));
const cellText = (tc: string) =>
  (tc.match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
/** Every table row as its cells' texts (header and layout tables included). */
const rowsOf = (xml: string): string[][] =>
  (xml.match(/<w:tr>.*?<\/w:tr>/g) ?? []).map((tr) =>
    (tr.match(/<w:tc>.*?<\/w:tc>/g) ?? []).map(cellText),
  );
const rowWith = (rows: string[][], cell: string) => rows.find((r) => r.includes(cell));

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
/** The row number whose cell in `col` is exactly `value`. */
function rowOf(ws: ExcelJS.Worksheet, col: number, value: string | number): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (!found && row.getCell(col).value === value) found = n;
  });
  expect(found, String(value)).toBeGreaterThan(0);
  return found;
}
/** The texts of the sheet, in reading order. */
const textsOf = (ws: ExcelJS.Worksheet): string[] => {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      // A merged range reads its value from every cell: keep the master's only.
      if (typeof c.value === 'string' && c.master.address === c.address) out.push(c.value);
    }),
  );
  return out;
};
const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

// ---------------------------------------------------------------------------------------------

describe('format', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatDecimal(1234567)).toBe('1.234.567');
    expect(formatDecimal(1234.5)).toBe('1.234,5');
    expect(formatDecimal(-1234)).toBe('-1.234');
    expect(formatDecimal(0)).toBe('0');
    expect(formatDecimal(999)).toBe('999');
    expect(formatDecimal(-0.001)).toBe('0');
  });
  it('prints values by type: whole đồng, percent with comma, null as blank', () => {
    expect(formatValue(98765432.6, 'money')).toBe('98.765.433');
    expect(formatValue(12.5, 'percent')).toBe('12,5%');
    expect(formatValue(100, 'percent')).toBe('100%');
    expect(formatValue(1234567, 'count')).toBe('1.234.567');
    expect(formatValue(null, 'count')).toBe('');
    expect(formatValue(5, 'text')).toBe('');
  });
  it('prints dates as dd/mm/yyyy, instants in Việt Nam time', () => {
    expect(formatDate('2026-02-05')).toBe('05/02/2026');
    expect(formatInstantDate('2026-12-20T18:00:00Z')).toBe('21/12/2026');
    expect(formatInstantDate(null)).toBe('');
  });
  it('numbers sections in Roman numerals and splits columns evenly', () => {
    expect([1, 2, 3, 4, 9, 14].map(toRoman)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV']);
    expect(chunkEvenly([1, 2, 3, 4, 5, 6], 4)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(chunkEvenly([1, 2, 3], 4)).toEqual([[1, 2, 3]]);
  });
  it('derives the unit of measure from type and code prefix', () => {
    expect(unitOf('members.total', { type: 'count' })).toBe('người');
    expect(unitOf('cases.received', { type: 'count' })).toBe('đơn');
    expect(unitOf('cases.resolved', { type: 'count' })).toBe('vụ việc');
    expect(unitOf('dues.collected', { type: 'money' })).toBe('đồng');
    expect(unitOf('members.dues_rate', { type: 'percent' })).toBe('%');
    expect(unitOf('other.thing', { type: 'count' })).toBe('');
    expect(unitOf('other.thing', { type: 'count', unit: 'lớp' })).toBe('lớp');
  });
  it('lists category rows after the total, female first and age bands in order', () => {
    const lines = indicatorLines('m', { vi: 'M', en: 'M', type: 'count' }, [
      { m: 1, 'm|age:70-79': 1, 'm|sex:male': 1, 'm|age:under60': 1 },
      { 'm|sex:female': 1 },
    ]);
    expect(lines.map((l) => l.label)).toEqual([
      'M',
      'Nhóm tuổi dưới 60',
      'Nhóm tuổi 70-79',
      'Trong đó: nữ',
      'Trong đó: nam',
    ]);
  });
});

describe('renderReportDocx', () => {
  let xml: string;
  let text: string;
  let rows: string[][];
  beforeAll(async () => {
    const bytes = await renderReportDocx(REPORT, CTX);
    xml = await documentXml(bytes);
    text = await docxText(bytes);
    rows = rowsOf(xml);
  });

  it('is A4 with the Decree 30 margins, every run in Times New Roman', () => {
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    for (const [side, v] of Object.entries({ top: 1134, bottom: 1134, left: 1701, right: 851 }))
      expect(mar).toContain(`w:${side}="${v}"`);
    const runs = runsOf(xml);
    expect(runs.length).toBeGreaterThan(50);
    for (const r of runs) expect(r).toContain('w:ascii="Times New Roman"');
  });

  it('prints the national header, the number, the place and date, and the title', () => {
    expect(runsWith(xml, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toHaveLength(1);
    expect(runsWith(xml, 'Độc lập - Tự do - Hạnh phúc')).toHaveLength(1);
    expect(runsWith(xml, 'HỘI NÔNG DÂN TỈNH NINH BÌNH')).toHaveLength(1);
    expect(runsWith(xml, 'Số: 12/BC-HND')).toHaveLength(1);
    expect(runsWith(xml, 'Hà Nội, ngày 20 tháng 12 năm 2026')).toHaveLength(1);
    expect(runsWith(xml, 'BÁO CÁO')[0]).toContain('<w:b/>');
    expect(runsWith(xml, 'Kết quả công tác hội quý IV/2026')[0]).toContain('<w:b/>');
    expect(text).toContain('(Số liệu tính từ ngày 15/09/2026 đến ngày 14/12/2026)');
  });

  it('pads numbers under 10 with a leading zero and leaves a blank for none', async () => {
    expect(await documentXml(await renderReportDocx(REPORT, { ...CTX, number: 5 }))).toContain(
      '>Số: 05/BC-HND</w:t>',
    );
    expect(await documentXml(await renderReportDocx(REPORT, { ...CTX, number: null }))).toContain(
      '>Số:      /BC-HND</w:t>',
    );
  });

  it('prints the sections in order under bold Roman-numbered headings', () => {
    const headings = [
      'I. Công tác tuyên truyền',
      'II. Công tác tổ chức, cán bộ',
      'III. Giải quyết khiếu nại, tố cáo',
    ];
    for (const h of headings) expect(runsWith(xml, h)[0], h).toContain('<w:b/>');
    const at = headings.map((h) => xml.indexOf(`>${h}</w:t>`));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('splits the narrative into paragraphs and dash items, and dots an unwritten one', () => {
    const lines = text.split('\n');
    expect(lines).toContain('Đoạn thứ nhất về tuyên truyền.');
    expect(lines).toContain('Đoạn thứ hai.');
    expect(lines).toContain('- Ý gạch đầu dòng');
    // Section II has no narrative: a dotted line between its heading and its table.
    const ii = text.slice(text.indexOf('II. Công tác tổ chức'), text.indexOf('III. Giải quyết'));
    expect(ii).toMatch(/\n…{20,}\n/);
    // Section III is not narrative: no dotted line.
    expect(text.slice(text.indexOf('III. Giải quyết'))).not.toContain('……');
  });

  it('tabulates indicators: STT | Chỉ tiêu | Đơn vị tính | Kết quả, categories indented under them', () => {
    const headers = rows.filter((r) => r[0] === 'STT');
    expect(headers).toHaveLength(3);
    for (const h of headers) expect(h).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả']);
    expect(rowWith(rows, 'Tổng số hội viên')).toEqual([
      '1',
      'Tổng số hội viên',
      'người',
      '1.234.567',
    ]);
    expect(rowWith(rows, '    - Trong đó: nữ')).toEqual([
      '',
      '    - Trong đó: nữ',
      'người',
      '654.321',
    ]);
    expect(rowWith(rows, '    - Nhóm tuổi 60-69')).toEqual([
      '',
      '    - Nhóm tuổi 60-69',
      'người',
      '300',
    ]);
    // The category rows sit right under their indicator.
    const names = rows.map((r) => r[1]);
    expect(names.indexOf('    - Trong đó: nữ')).toBe(names.indexOf('Tổng số hội viên') + 1);
    expect(rowWith(rows, 'Hội phí thu được')).toEqual([
      '1',
      'Hội phí thu được',
      'đồng',
      '98.765.432',
    ]);
    expect(rowWith(rows, 'Tỷ lệ hội viên đóng hội phí')?.slice(2)).toEqual(['%', '12,5%']);
    expect(rowWith(rows, 'Số đơn thư tiếp nhận')?.slice(2)).toEqual(['đơn', '5']);
    expect(rowWith(rows, 'Số vụ việc đã giải quyết')?.slice(2)).toEqual(['vụ việc', '']);
  });

  it('prints text indicators as paragraphs, not in the table', () => {
    expect(rowWith(rows, 'Mô hình hay')).toBeUndefined();
    expect(runsWith(xml, 'Mô hình hay: ')[0]).toContain('<w:b/>');
    expect(text).toContain('Mô hình hay: Mô hình tổ hợp tác trồng lúa hữu cơ');
  });

  it('closes with "Nơi nhận" and the signature', () => {
    expect(runsWith(xml, 'Nơi nhận:')).toHaveLength(1);
    expect(xml).toContain('>- Các huyện hội;</w:t>');
    expect(xml).toContain('>- Lưu: VT.</w:t>');
    expect(runsWith(xml, 'TM. BAN THƯỜNG VỤ')).toHaveLength(1);
    expect(text).toContain(
      'Trên đây là báo cáo kết quả công tác hội quý IV/2026 của Hội Nông dân tỉnh Ninh Bình./.',
    );
  });

  it('prints no value hidden from the reader', async () => {
    const hidden = await docxText(await renderReportDocx({ ...REPORT, valuesHidden: true }, CTX));
    expect(hidden).not.toContain('1.234.567');
    expect(hidden).toContain('chưa được duyệt');
  });
});

describe('renderReportXlsx', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    wb = await workbook(await renderReportXlsx(REPORT, CTX));
    ws = wb.getWorksheet('Số liệu')!;
  });

  it('has the values sheet and the narrative sheet', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Thuyết minh']);
    expect(ws.pageSetup.paperSize).toBe(9);
  });

  it('heads the sheet with association, unit, period and range, and status', () => {
    const texts = textsOf(ws);
    expect(texts.slice(0, 7)).toEqual([
      'HỘI NÔNG DÂN VIỆT NAM',
      'HỘI NÔNG DÂN TỈNH NINH BÌNH',
      'BÁO CÁO KẾT QUẢ CÔNG TÁC HỘI QUÝ IV/2026',
      'Kỳ báo cáo: Quý IV/2026 (15/09/2026 – 14/12/2026)',
      'Đơn vị báo cáo: Hội Nông dân tỉnh Ninh Bình',
      'Trạng thái: Đã duyệt',
      'Tổng hợp cấp dưới: số liệu đã duyệt của 7/8 đơn vị trực thuộc',
    ]);
    expect(ws.getCell('A1').font.name).toBe('Times New Roman');
  });

  it('has the header row STT | Mã | Chỉ tiêu | Đơn vị tính | Kết quả | Tổng hợp cấp dưới | Chênh lệch', () => {
    const r = rowOf(ws, 1, 'STT');
    expect(rowValues(ws, r)).toEqual([
      'STT',
      'Mã',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Kết quả',
      'Tổng hợp cấp dưới',
      'Chênh lệch',
    ]);
    expect(ws.getCell(r, 1).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: r });
  });

  it('writes numbers as numeric cells formatted #,##0, with roll-up and difference', () => {
    const r = rowOf(ws, 2, 'members.total');
    expect(rowValues(ws, r)).toEqual([
      1,
      'members.total',
      'Tổng số hội viên',
      'người',
      1234567,
      1234000,
      567,
    ]);
    for (const c of [5, 6, 7]) expect(ws.getCell(r, c).numFmt).toBe('#,##0');
    // A slot that differs from the approved roll-up is flagged in red.
    expect(ws.getCell(r, 7).font.color?.argb).toBe('FFC00000');
    const money = rowOf(ws, 2, 'dues.collected');
    expect(ws.getCell(money, 5).value).toBe(98765432.4);
    expect(ws.getCell(money, 5).numFmt).toBe('#,##0');
    expect(ws.getCell(money, 4).value).toBe('đồng');
    const pct = rowOf(ws, 2, 'members.dues_rate');
    expect(ws.getCell(pct, 5).value).toBe(12.5);
    expect(ws.getCell(pct, 5).numFmt).toBe('#,##0.0#');
    expect(ws.getCell(pct, 6).value).toBeNull();
    expect(ws.getCell(rowOf(ws, 2, 'cases.resolved'), 5).value).toBeNull();
  });

  it('puts category rows indented under their indicator, section rows above', () => {
    const total = rowOf(ws, 2, 'members.total');
    const female = rowOf(ws, 2, 'members.total|sex:female');
    expect(female).toBe(total + 1);
    expect(rowValues(ws, female).slice(1)).toEqual([
      'members.total|sex:female',
      '- Trong đó: nữ',
      'người',
      654321,
      654000,
      321,
    ]);
    expect(ws.getCell(female, 1).value).toBeNull();
    expect(ws.getCell(female, 3).alignment.indent).toBe(2);
    expect(ws.getCell(rowOf(ws, 2, 'members.admitted|age:60-69'), 3).value).toBe(
      '- Nhóm tuổi 60-69',
    );
    expect(ws.getCell(total - 1, 2).value).toBe('Công tác tuyên truyền');
    expect(ws.getCell(total - 1, 1).value).toBe('I');
    // Text indicators go to the narrative sheet.
    expect(textsOf(ws)).not.toContain('models.good');
  });

  it('writes the narrative per section on "Thuyết minh"', () => {
    const n = wb.getWorksheet('Thuyết minh')!;
    const texts = textsOf(n);
    const at = (t: string) => texts.indexOf(t);
    expect(at('Công tác tuyên truyền')).toBeLessThan(at('Đoạn thứ nhất về tuyên truyền.'));
    expect(at('Đoạn thứ hai.')).toBeGreaterThan(0);
    expect(at('Mô hình hay: Mô hình tổ hợp tác trồng lúa hữu cơ')).toBeGreaterThan(
      at('Công tác tổ chức, cán bộ'),
    );
    expect(texts.some((t) => /^…{20,}$/.test(t))).toBe(true);
  });
});

describe('renderBriefingDocx', () => {
  let xml: string;
  let text: string;
  let rows: string[][];
  beforeAll(async () => {
    const bytes = await renderBriefingDocx(DASHBOARD, CTX);
    xml = await documentXml(bytes);
    text = await docxText(bytes);
    rows = rowsOf(xml);
  });

  it('is a Decree 30 report with the title and the view printed under it', () => {
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(runsWith(xml, 'Số: 12/BC-HND')).toHaveLength(1);
    const title = text.indexOf('Tổng hợp kết quả công tác hội quý IV/2026');
    const view = text.indexOf('(Số liệu theo cơ cấu tổ chức tại thời điểm từng kỳ)');
    expect(title).toBeGreaterThan(0);
    expect(view).toBeGreaterThan(title);
    expect(view).toBeLessThan(text.indexOf('I. Tình hình báo cáo'));
    expect(text).not.toContain('quy đổi về cơ cấu');
  });

  it('prints the completeness figures and the units that have not reported', () => {
    expect(text).toContain('- Số đơn vị phải báo cáo: 8.');
    expect(text).toContain('- Đã gửi báo cáo: 6 (75%).');
    expect(text).toContain('- Gửi chậm: 2.');
    expect(text).toContain('- Đơn vị chưa gửi báo cáo: Hội Nông dân huyện Hoa Lư.');
  });

  it('tabulates key indicators with one column per period, the view above every table', () => {
    const headers = rows.filter((r) => r[0] === 'STT' && r[1] === 'Chỉ tiêu');
    // Six periods, at most four per table: two tables of three.
    expect(headers).toEqual([
      ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Quý III/2025', 'Quý IV/2025', 'Quý I/2026'],
      ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Quý II/2026', 'Quý III/2026', 'Quý IV/2026'],
    ]);
    // By task area; text indicators are left out.
    expect(rows.filter((r) => r[1] === 'Tổng số hội viên')).toEqual([
      ['1', 'Tổng số hội viên', 'người', '1.200.000', '1.210.000', '1.220.000'],
      ['1', 'Tổng số hội viên', 'người', '1.225.000', '1.230.000', '1.234.567'],
    ]);
    expect(rowWith(rows, 'Hội phí thu được')?.slice(2)).toEqual([
      'đồng',
      '90.000.000',
      '91.000.000',
      '',
    ]);
    expect(rowWith(rows, 'Mô hình hay')).toBeUndefined();
    const tables = (xml.match(/<w:tblHeader\/>/g) ?? []).length;
    expect(tables).toBe(3);
    const views = text.split('(Số liệu theo cơ cấu tổ chức tại thời điểm từng kỳ)').length - 1;
    expect(views).toBe(tables + 1);
  });

  it('tabulates children × key indicators for the current period, with status and the total', () => {
    const header = rows.find((r) => r[1] === 'Đơn vị');
    expect(header).toEqual([
      'STT',
      'Đơn vị',
      'Tình trạng',
      'Tổng số hội viên (người)',
      'Hội phí thu được (đồng)',
    ]);
    expect(rowWith(rows, 'Hội Nông dân huyện Gia Viễn')).toEqual([
      '1',
      'Hội Nông dân huyện Gia Viễn',
      'Đã duyệt (đúng hạn)',
      '45.678',
      '3.456.789',
    ]);
    expect(rowWith(rows, 'Hội Nông dân huyện Hoa Lư')?.slice(2)).toEqual([
      'Chưa lập (quá hạn)',
      '',
      '',
    ]);
    expect(rowWith(rows, 'Tổng hợp (đã duyệt)')?.slice(3)).toEqual(['1.234.567', '98.765.432']);
  });

  it('prints the restated view and the units a child was restated from', async () => {
    const restated = await docxText(
      await renderBriefingDocx({ ...DASHBOARD, view: 'restated' }, CTX),
    );
    expect(restated).toContain('(Số liệu các kỳ trước quy đổi về cơ cấu tổ chức hiện nay)');
    expect(restated).not.toContain('tại thời điểm từng kỳ');
    expect(restated).toContain('Hội Nông dân huyện Hoa Lư (quy đổi từ: Hội Nông dân TP Ninh Bình)');
  });
});

describe('renderBriefingXlsx', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await workbook(await renderBriefingXlsx(DASHBOARD, CTX));
  });

  it('has a sheet per table, each stating the view', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tình hình báo cáo',
      'Chỉ tiêu qua các kỳ',
      'Theo đơn vị',
      'Tiến độ báo cáo',
    ]);
    for (const ws of wb.worksheets) {
      expect(textsOf(ws), ws.name).toContain('Số liệu theo cơ cấu tổ chức tại thời điểm từng kỳ');
      expect(textsOf(ws)).toContain('Kỳ báo cáo: Quý IV/2026 (15/09/2026 – 14/12/2026)');
    }
  });

  it('writes the completeness figures as numbers', () => {
    const ws = wb.getWorksheet('Tình hình báo cáo')!;
    const r = rowOf(ws, 2, 'Đã gửi báo cáo');
    expect(rowValues(ws, r)).toEqual([2, 'Đã gửi báo cáo', 6, 75]);
  });

  it('writes key indicators × periods with numeric cells', () => {
    const ws = wb.getWorksheet('Chỉ tiêu qua các kỳ')!;
    const h = rowOf(ws, 1, 'STT');
    expect(rowValues(ws, h)).toEqual([
      'STT',
      'Mã',
      'Chỉ tiêu',
      'Đơn vị tính',
      ...TREND.map((p) => p.label.vi),
    ]);
    const r = rowOf(ws, 2, 'members.total');
    expect(r).toBe(h + 1);
    expect(ws.getCell(r, 10).value).toBe(1234567);
    expect(ws.getCell(r, 10).numFmt).toBe('#,##0');
    expect(ws.getCell(rowOf(ws, 2, 'dues.collected'), 7).value).toBeNull();
  });

  it('writes children × indicators with status, then the approved total', () => {
    const ws = wb.getWorksheet('Theo đơn vị')!;
    const h = rowOf(ws, 1, 'STT');
    expect(rowValues(ws, h)).toEqual([
      'STT',
      'Mã đơn vị',
      'Đơn vị',
      'Tình trạng',
      'Tổng số hội viên (người)',
      'Hội phí thu được (đồng)',
    ]);
    expect(rowValues(ws, h + 1)).toEqual([
      1,
      'NB-01',
      'Hội Nông dân huyện Gia Viễn',
      'Đã duyệt (đúng hạn)',
      45678,
      3456789,
    ]);
    const total = rowOf(ws, 3, 'Tổng hợp (đã duyệt)');
    expect(ws.getCell(total, 5).value).toBe(1234567);
    expect(ws.getCell(total, 3).font.bold).toBe(true);
  });
});

describe('oversight comparison', () => {
  it('prints associations × indicators with status and timeliness (.docx)', async () => {
    const bytes = await renderOversightDocx(OVERSIGHT, OVERSIGHT_CTX);
    const xml = await documentXml(bytes);
    const rows = rowsOf(xml);
    expect(runsWith(xml, 'Số: 12/BC-BNV')).toHaveLength(1);
    expect(runsWith(xml, 'Tổng hợp kết quả công tác của các hội quý IV/2026')).toHaveLength(1);
    expect(rows.find((r) => r[1] === 'Hội')).toEqual([
      'STT',
      'Hội',
      'Tình trạng báo cáo',
      'Tổng số hội viên (người)',
      'Hội phí thu được (đồng)',
    ]);
    expect(rowWith(rows, 'Hội Nông dân Việt Nam')).toEqual([
      '1',
      'Hội Nông dân Việt Nam',
      'Đã duyệt; đúng hạn, gửi ngày 21/12/2026',
      '9.876.543',
      '1.234.567.890',
    ]);
    expect(rowWith(rows, 'Hội Cựu chiến binh Việt Nam')?.[2]).toBe('Chưa lập; quá hạn');
    const text = await docxText(bytes);
    expect(text).toContain('- Quá hạn chưa gửi: 1.');
    expect(text).toContain('- Các hội quá hạn chưa gửi báo cáo: Hội Cựu chiến binh Việt Nam.');
  });

  it('writes associations × indicators with status, timeliness and date columns (.xlsx)', async () => {
    const wb = await workbook(await renderOversightXlsx(OVERSIGHT, OVERSIGHT_CTX));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['So sánh các hội']);
    const ws = wb.worksheets[0]!;
    const h = rowOf(ws, 1, 'STT');
    expect(rowValues(ws, h)).toEqual([
      'STT',
      'Mã',
      'Hội',
      'Tình trạng',
      'Thời hạn',
      'Ngày gửi',
      'Tổng số hội viên (người)',
      'Hội phí thu được (đồng)',
    ]);
    const r = rowOf(ws, 2, 'HND');
    expect(rowValues(ws, r).slice(0, 5)).toEqual([
      1,
      'HND',
      'Hội Nông dân Việt Nam',
      'Đã duyệt',
      'Đúng hạn',
    ]);
    expect(ws.getCell(r, 6).value).toEqual(new Date(Date.UTC(2026, 11, 21)));
    expect(ws.getCell(r, 6).numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell(r, 8).value).toBe(1234567890);
    expect(ws.getCell(r, 8).numFmt).toBe('#,##0');
    const missing = rowOf(ws, 2, 'HCCB');
    expect(rowValues(ws, missing).slice(3, 5)).toEqual(['Chưa lập', 'Quá hạn']);
    expect(ws.getCell(missing, 7).value).toBeNull();
  });
});
