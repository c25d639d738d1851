// JSZip arrives with ExcelJS; here it only opens the .docx (a zip) to read its XML.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { formatDocNumber, formatPlaceDate, renderDecree30, type Decree30Doc } from './decree30.js';

const MM = 1440 / 25.4;

interface Docx {
  document: string;
  headers: Record<'default' | 'first', string>;
}

/** document.xml and the default and first-page headers, found through the section's references. */
async function openDocx(bytes: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (path: string) => zip.file(path)!.async('string');
  const document = await read('word/document.xml');
  const rels = await read('word/_rels/document.xml.rels');
  const header = async (type: string) => {
    const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"`).exec(document)?.[1];
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    return read(`word/${target}`);
  };
  return { document, headers: { default: await header('default'), first: await header('first') } };
}

/** Every run (w:r) of a part. */
const runsOf = (xml: string) => xml.match(/<w:r>.*?<\/w:r>/g) ?? [];
/** The one run whose text is exactly `text`. */
function runWith(xml: string, text: string): string {
  const found = runsOf(xml).filter((r) => r.includes(`>${text}</w:t>`));
  expect(found, text).toHaveLength(1);
  return found[0]!;
}
/** The paragraph (w:p) holding `text`. */
function paragraphWith(xml: string, text: string): string {
  const at = xml.indexOf(`>${text}</w:t>`);
  expect(at, text).toBeGreaterThan(0);
  const start = xml.lastIndexOf('<w:p>', at);
  return xml.slice(start, xml.indexOf('</w:p>', at));
}
const sizeOf = (run: string) => Number(/<w:sz w:val="(\d+)"\/>/.exec(run)?.[1]) / 2;

const FIRST = 'Thực hiện chương trình công tác năm 2026, Ban Thường vụ thông báo.';
const DOC: Decree30Doc = {
  issuer: { superior: 'Hội Nông dân Việt Nam', name: 'Hội Nông dân tỉnh Ninh Bình' },
  number: 5,
  symbol: 'TB-HND',
  place: 'Ninh Bình',
  date: '2026-02-05',
  type: 'Thông báo',
  summary: 'Về việc tổ chức hội nghị sơ kết',
  addressee: ['Các chi hội trực thuộc'],
  body: [
    { kind: 'paragraph', text: FIRST },
    { kind: 'heading', label: 'Điều 1.', text: 'Tổ chức hội nghị sơ kết.' },
    { kind: 'bullet', text: 'Thời gian: 08 giờ 00.' },
    { kind: 'table', header: ['STT', 'Nội dung'], rows: [['1', 'Báo cáo sơ kết']], widths: [1, 5] },
  ],
  recipients: ['Như trên', 'Ban Thường vụ Trung ương Hội (để báo cáo)'],
  signature: { authority: 'TM. Ban Thường vụ', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
};

describe('renderDecree30 (Decree 30/2020, Appendix I)', () => {
  let docx: Docx;
  beforeAll(async () => {
    docx = await openDocx(await renderDecree30(DOC));
  });

  it('is A4 portrait with margins inside the Decree 30 ranges', () => {
    const { document } = docx;
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const mar = /<w:pgMar ([^>]*)\/>/.exec(document)?.[1] ?? '';
    const mm = (side: string) => Number(new RegExp(`w:${side}="(\\d+)"`).exec(mar)?.[1]) / MM;
    for (const side of ['top', 'bottom'])
      expect(mm(side)).toSatisfy((v: number) => v >= 20 && v <= 25);
    expect(mm('left')).toSatisfy((v: number) => v >= 30 && v <= 35);
    expect(mm('right')).toSatisfy((v: number) => v >= 15 && v <= 20);
  });

  it('sets every run in Times New Roman, body included, and headers too', () => {
    const all = [docx.document, docx.headers.default, docx.headers.first].flatMap(runsOf);
    expect(all.length).toBeGreaterThan(20);
    for (const r of all)
      expect(r).toContain(
        '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>',
      );
  });

  it('prints the national title in bold capitals and the motto bold and underlined', () => {
    const nation = runWith(docx.document, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(nation).toContain('<w:b/>');
    expect(sizeOf(nation)).toSatisfy((s: number) => s >= 12 && s <= 13);
    const motto = runWith(docx.document, 'Độc lập - Tự do - Hạnh phúc');
    expect(motto).toContain('<w:b/>');
    expect(motto).toContain('<w:u w:val="single"/>');
    expect(sizeOf(motto)).toSatisfy((s: number) => s >= 13 && s <= 14);
  });

  it('prints the issuer in capitals (superior plain, issuer bold, a rule below) in a borderless header table', () => {
    const { document } = docx;
    expect(document.indexOf('<w:tbl>')).toBeLessThan(document.indexOf('HỘI NÔNG DÂN VIỆT NAM'));
    const tblPr = document.slice(document.indexOf('<w:tbl>'), document.indexOf('</w:tblPr>'));
    expect(tblPr).toContain('<w:tblBorders><w:top w:val="none"');
    expect(tblPr).not.toContain('w:val="single"');
    expect(runWith(document, 'HỘI NÔNG DÂN VIỆT NAM')).not.toContain('<w:b/>');
    expect(runWith(document, 'HỘI NÔNG DÂN TỈNH NINH BÌNH')).toContain('<w:b/>');
    const after = document.slice(document.indexOf('HỘI NÔNG DÂN TỈNH NINH BÌNH'));
    expect(after.slice(0, after.indexOf('</w:tc>'))).toContain('<w:pBdr><w:bottom w:val="single"');
    // The issuer sits left of the national title, in the same table row.
    const row = document.slice(0, document.indexOf('</w:tr>'));
    expect(row.indexOf('NINH BÌNH')).toBeLessThan(row.indexOf('CỘNG HÒA'));
  });

  it('puts "Số: 05/TB-HND" and the italic place and date with leading zeros on one row', () => {
    const { document } = docx;
    const number = runWith(document, 'Số: 05/TB-HND');
    expect(sizeOf(number)).toBe(13);
    const date = runWith(document, 'Ninh Bình, ngày 05 tháng 02 năm 2026');
    expect(date).toContain('<w:i/>');
    const rows = document.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    expect(rows.some((r) => r.includes('Số: 05/TB-HND') && r.includes('ngày 05 tháng 02'))).toBe(
      true,
    );
  });

  it('leaves a blank for the number when it is not yet given', async () => {
    const { document } = await openDocx(await renderDecree30({ ...DOC, number: null }));
    expect(document).toContain('<w:t xml:space="preserve">Số:      /TB-HND</w:t>');
  });

  it('numbers pages in the top margin from page 2: a different first-page header without PAGE', () => {
    expect(docx.document).toContain('<w:titlePg/>');
    expect(docx.headers.default).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(docx.headers.default).toContain('<w:jc w:val="center"/>');
    expect(docx.headers.first).not.toContain('PAGE');
  });

  it('prints the type, the bold summary with a rule, and the addressee', () => {
    const { document } = docx;
    const type = runWith(document, 'THÔNG BÁO');
    expect(type).toContain('<w:b/>');
    expect(sizeOf(type)).toSatisfy((s: number) => s >= 13 && s <= 14);
    expect(runWith(document, 'Về việc tổ chức hội nghị sơ kết')).toContain('<w:b/>');
    const afterSummary = document.slice(document.indexOf('Về việc tổ chức hội nghị sơ kết'));
    expect(afterSummary.slice(0, 600)).toContain('<w:pBdr><w:bottom w:val="single"');
    expect(paragraphWith(document, 'Các chi hội trực thuộc')).toContain('Kính gửi: ');
  });

  it('sets the body in 14 pt, justified, first-line indent 1.27 cm, 6 pt after; headings bold; tables bordered', () => {
    const { document } = docx;
    const p = paragraphWith(document, FIRST);
    expect(p).toContain('<w:jc w:val="both"/>');
    expect(p).toContain('<w:ind w:firstLine="720"/>');
    expect(Number(/w:after="(\d+)"/.exec(p)?.[1])).toBeGreaterThanOrEqual(120);
    expect(sizeOf(runWith(document, FIRST))).toBe(14);
    expect(runWith(document, 'Điều 1.')).toContain('<w:b/>');
    expect(runWith(document, ' Tổ chức hội nghị sơ kết.')).not.toContain('<w:b/>');
    expect(document).toContain('>- </w:t>');
    expect(document).toContain('<w:tblHeader/>');
    expect(document).toContain('<w:insideH w:val="single"');
    expect(runWith(document, 'Nội dung')).toContain('<w:b/>');
  });

  it('closes with "Nơi nhận:" on the left and the signature block on the right', () => {
    const { document } = docx;
    const last = document.slice(document.lastIndexOf('<w:tbl>'));
    const head = runWith(last, 'Nơi nhận:');
    expect(head).toContain('<w:b/>');
    expect(head).toContain('<w:i/>');
    expect(sizeOf(head)).toBe(12);
    expect(sizeOf(runWith(last, '- Như trên;'))).toBe(11);
    expect(last).toContain('>- Ban Thường vụ Trung ương Hội (để báo cáo);</w:t>');
    expect(last).toContain('>- Lưu: VT.</w:t>');
    for (const t of ['TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH', 'Nguyễn Văn An']) {
      expect(runWith(last, t)).toContain('<w:b/>');
      expect(last.indexOf(t)).toBeGreaterThan(last.indexOf('Lưu: VT.'));
    }
    expect(last.indexOf('TM. BAN THƯỜNG VỤ')).toBeLessThan(last.indexOf('Nguyễn Văn An'));
  });

  it('keeps a "Lưu" entry given by the caller at the end without adding another', async () => {
    const { document } = await openDocx(
      await renderDecree30({ ...DOC, recipients: ['Như trên', 'Lưu: VT, hồ sơ'] }),
    );
    expect(document).toContain('>- Lưu: VT, hồ sơ.</w:t>');
    expect(document).not.toContain('Lưu: VT.');
  });

  it('refuses an impossible date', async () => {
    await expect(renderDecree30({ ...DOC, date: '2026-02-30' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('formatDocNumber', () => {
  it('pads numbers under 10 and prints the symbol in capitals', () => {
    expect(formatDocNumber(5, 'TB-HND')).toBe('Số: 05/TB-HND');
    expect(formatDocNumber(9, 'qđ-hnd')).toBe('Số: 09/QĐ-HND');
    expect(formatDocNumber(10, 'KL-HND')).toBe('Số: 10/KL-HND');
    expect(formatDocNumber(123, 'HND-VP')).toBe('Số: 123/HND-VP');
  });
  it('leaves a blank to fill by hand for a null number', () => {
    expect(formatDocNumber(null, 'TB-HND')).toBe('Số:      /TB-HND');
  });
  it('refuses a number that is not a positive integer and a symbol with spaces', () => {
    for (const n of [0, -1, 1.5]) expect(() => formatDocNumber(n, 'TB-HND')).toThrow(AppError);
    expect(() => formatDocNumber(1, 'TB HND')).toThrow(AppError);
    expect(() => formatDocNumber(1, ' ')).toThrow(AppError);
  });
});

describe('formatPlaceDate', () => {
  it('pads days under 10 and the months 1 and 2 only', () => {
    expect(formatPlaceDate('Ninh Bình', '2026-02-05')).toBe('Ninh Bình, ngày 05 tháng 02 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2026-01-31')).toBe('Hà Nội, ngày 31 tháng 01 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2026-03-09')).toBe('Hà Nội, ngày 09 tháng 3 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2026-09-10')).toBe('Hà Nội, ngày 10 tháng 9 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2026-11-15')).toBe('Hà Nội, ngày 15 tháng 11 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2026-12-01')).toBe('Hà Nội, ngày 01 tháng 12 năm 2026');
  });
  it('refuses a malformed or impossible date and a missing place', () => {
    for (const d of ['2026-02-30', '2026-13-01', '5/2/2026', '2026-2-5', ''])
      expect(() => formatPlaceDate('Hà Nội', d)).toThrow(AppError);
    expect(() => formatPlaceDate(' ', '2026-02-05')).toThrow(AppError);
  });
});
