/**
 * The downloadable import template: the standard headings, text columns where Excel would
 * otherwise eat leading zeros or reinterpret dates, and dropdowns fed from a hidden list sheet
 * (an inline list is limited to 255 characters; 54 ethnicities or a commune's branches are not).
 */
import type { Writable } from 'node:stream';
import { MEMBER_CATEGORY_NAMES } from '@hoi/contracts';
import ExcelJS from 'exceljs';

export interface TemplateOptions {
  units: { code: string; name: string }[];
  ethnicities: string[];
  religions: string[];
}

/** Data rows that get dropdowns and formats. */
export const TEMPLATE_ROWS = 5000;
export const TEMPLATE_SHEET = 'Hội viên';
export const LIST_SHEET = 'Danh mục';
export const GUIDE_SHEET = 'Hướng dẫn';

interface Column {
  heading: string;
  width: number;
  /** '@' keeps what is typed as text. */
  numFmt?: string;
  /** Column of the list sheet feeding its dropdown. */
  list?: keyof typeof LISTS;
  /** 'stop' refuses other values; 'warning' lets the user confirm one. */
  strict?: boolean;
  prompt?: [title: string, text: string];
}

const LISTS = {
  gender: 'A',
  ethnicity: 'B',
  religion: 'C',
  unitName: 'D',
  unitCode: 'E',
  category: 'F',
};

/**
 * Dates are text columns on purpose: a year typed alone ("1948") in a date column becomes
 * 30/04/1905, and on a computer with US regional settings "05/03/1948" becomes 3 May. Typed
 * as text, both reach the importer as written; pasted real dates stay dates.
 */
export const TEMPLATE_COLUMNS: Column[] = [
  { heading: 'STT', width: 6 },
  { heading: 'Họ và tên', width: 26 },
  {
    heading: 'Ngày sinh',
    width: 13,
    numFmt: '@',
    prompt: ['Ngày sinh', 'Ngày/tháng/năm, ví dụ 05/03/1948; chỉ biết năm thì ghi 1948.'],
  },
  { heading: 'Giới tính', width: 10, list: 'gender', strict: true },
  {
    heading: 'Số định danh cá nhân',
    width: 18,
    numFmt: '@',
    prompt: [
      'Số định danh cá nhân',
      'Số CCCD/định danh 12 chữ số, giữ nguyên số 0 ở đầu (ví dụ 001048012345). Cột đã để dạng văn bản.',
    ],
  },
  { heading: 'Dân tộc', width: 12, list: 'ethnicity' },
  { heading: 'Tôn giáo', width: 14, list: 'religion' },
  { heading: 'Số điện thoại', width: 14, numFmt: '@' },
  { heading: 'Thôn/xóm', width: 16 },
  { heading: 'Địa chỉ', width: 36 },
  { heading: 'Chi hội', width: 26, list: 'unitName' },
  { heading: 'Mã chi hội', width: 12, numFmt: '@', list: 'unitCode' },
  {
    heading: 'Ngày vào hội',
    width: 13,
    numFmt: '@',
    prompt: ['Ngày vào hội', 'Ngày/tháng/năm, ví dụ 15/08/2015.'],
  },
  { heading: 'Số thẻ', width: 12, numFmt: '@' },
  { heading: 'Loại hội viên', width: 14, list: 'category', strict: true },
  { heading: 'Ghi chú', width: 30 },
];

const GUIDE: [string, string][] = [
  ['Mẫu nhập danh sách hội viên', 'Member list import template'],
  [
    'Mỗi hội viên một dòng trên trang "Hội viên", bắt đầu từ dòng 2. Không đổi tên, không xóa dòng tiêu đề.',
    'One member per row on the "Hội viên" sheet, from row 2. Do not rename or delete the header row.',
  ],
  [
    'Bắt buộc: Họ và tên. Nên có: Ngày sinh (hoặc năm sinh), Giới tính, Số định danh cá nhân, Chi hội.',
    'Required: full name. Recommended: birth date (or year), sex, personal ID number, branch.',
  ],
  [
    'Ngày ghi dạng ngày/tháng/năm (05/03/1948). Chỉ biết năm sinh thì ghi năm (1948).',
    'Dates as day/month/year (05/03/1948). When only the birth year is known, write the year (1948).',
  ],
  [
    'Số định danh cá nhân 12 chữ số và số điện thoại giữ nguyên số 0 ở đầu (các cột đã để dạng văn bản).',
    'Keep the leading zero of the 12-digit personal ID and of phone numbers (those columns are text).',
  ],
  [
    'Giới tính, Dân tộc, Tôn giáo, Chi hội và Loại hội viên chọn từ danh sách thả xuống.',
    'Pick sex, ethnicity, religion, branch and member category from the dropdowns.',
  ],
  [
    'Có thể dán danh sách sẵn có; hệ thống báo lỗi từng dòng và cho tải báo cáo lỗi để sửa rồi nhập lại.',
    'You may paste an existing list; problems are reported per row, with a report to fix and re-import.',
  ],
];

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** `'Danh mục'!$B$2:$B$55` */
function listRef(column: string, length: number): string {
  return `'${LIST_SHEET}'!$${column}$2:$${column}$${length + 1}`;
}

/**
 * Writes the import template (.xlsx) to a file path or a stream.
 *
 * @example
 * await writeImportTemplate('mau-nhap-hoi-vien.xlsx', {
 *   units: [{ code: 'CH01', name: 'Chi hội Thôn Đông' }],
 *   ethnicities: Object.values(ETHNICITIES),
 *   religions: Object.values(RELIGIONS),
 * });
 */
export async function writeImportTemplate(
  out: NodeJS.WritableStream | string,
  opts: TemplateOptions,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hội';
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const lists = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });

  const values: Record<keyof typeof LISTS, string[]> = {
    gender: ['Nam', 'Nữ'],
    ethnicity: opts.ethnicities,
    religion: opts.religions,
    unitName: opts.units.map((u) => u.name),
    unitCode: opts.units.map((u) => u.code),
    // "Hội viên chính thức" → "Chính thức": the column heading already says "Loại hội viên".
    category: Object.values(MEMBER_CATEGORY_NAMES).map((n) =>
      n.vi.replace(/^Hội viên (.)/, (_, c: string) => c.toUpperCase()),
    ),
  };
  const listHeadings: Record<keyof typeof LISTS, string> = {
    gender: 'Giới tính',
    ethnicity: 'Dân tộc',
    religion: 'Tôn giáo',
    unitName: 'Chi hội',
    unitCode: 'Mã chi hội',
    category: 'Loại hội viên',
  };
  for (const [key, column] of Object.entries(LISTS) as [keyof typeof LISTS, string][]) {
    lists.getCell(`${column}1`).value = listHeadings[key];
    values[key].forEach((v, i) => (lists.getCell(`${column}${i + 2}`).value = v));
    lists.getColumn(column).width = 28;
  }

  ws.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c.heading,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.numFmt = 'General';
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  // Range validations exist at runtime (exceljs 4.3+) but not in its typings.
  const validations = (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    const prompt = c.prompt
      ? { showInputMessage: true, promptTitle: c.prompt[0], prompt: c.prompt[1] }
      : {};
    if (c.list && values[c.list].length) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [listRef(LISTS[c.list], values[c.list].length)],
        showErrorMessage: true,
        errorStyle: c.strict ? 'stop' : 'warning',
        errorTitle: c.heading,
        error: c.strict
          ? 'Hãy chọn một giá trị trong danh sách / pick a value from the list'
          : 'Giá trị không có trong danh sách; vẫn giữ? / Not in the list; keep it anyway?',
        ...prompt,
      });
    } else if (c.prompt) {
      // An input message needs a validation; this one accepts any text of up to 255 characters.
      validations.add(range, {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [255],
        showErrorMessage: false,
        ...prompt,
      });
    }
  });

  guide.getColumn(1).width = 100;
  guide.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  const [title, ...lines] = GUIDE;
  guide.getCell('A1').value = `${title![0]} / ${title![1]}`;
  guide.getCell('A1').font = { bold: true, size: 14 };
  lines.forEach(([vi, en], i) => {
    guide.getCell(`A${3 + i * 3}`).value = vi;
    const english = guide.getCell(`A${4 + i * 3}`);
    english.value = en;
    english.font = { italic: true, color: { argb: 'FF595959' } };
  });

  if (typeof out === 'string') await wb.xlsx.writeFile(out);
  else await wb.xlsx.write(out as Writable);
}
