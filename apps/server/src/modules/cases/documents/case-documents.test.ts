// JSZip arrives with ExcelJS; here it only opens the .docx (a zip) to read its XML.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import {
  DENOUNCER_ADDRESSEE,
  documentSymbol,
  renderCaseDocument,
  type CaseDocumentCaseType,
  type CaseDocumentInput,
  type CaseDocumentKind,
} from './case-documents.js';

/** Every XML part of the package (body, headers, properties…), concatenated. */
async function allXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.values(zip.files).filter((f) => !f.dir);
  return (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
}

/** The document's text, one line per paragraph. */
async function textOf(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return (xml.match(/<w:p>.*?<\/w:p>/g) ?? [])
    .map((p) => (p.match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')))
    .map((runs) => runs.join(''))
    .filter(Boolean)
    .join('\n');
}

const BASE: CaseDocumentInput = {
  kind: 'acceptance_notice',
  issuer: {
    superior: 'Hội Nông dân Việt Nam',
    name: 'Hội Nông dân tỉnh Ninh Bình',
    abbreviation: 'HND',
  },
  number: 5,
  year: 2026,
  place: 'Ninh Bình',
  date: '2026-08-05',
  signer: { authority: 'TM. Ban Thường vụ', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
  caseInfo: {
    number: '12/2026',
    type: 'complaint',
    round: 1,
    receivedOn: '2026-07-20',
    acceptedOn: '2026-07-27',
    subject: 'Quyết định thu hồi thẻ hội viên',
    accused: 'Chi hội Thôn 3',
    complainant: 'Trần Văn Bình',
  },
  notAcceptedGround: 'Thời hiệu khiếu nại đã hết mà không có lý do chính đáng',
  forwardedTo: 'Ủy ban nhân dân xã Gia Viễn',
  deadline: '2026-08-26',
  extension: {
    ordinal: 1,
    days: 30,
    newDeadline: '2026-09-25',
    reason: 'Phải xác minh tại 02 địa điểm',
  },
  resolution: {
    deadline: '2026-09-01',
    findings: 'Chi hội đã thu hồi thẻ khi chưa họp xét.\nBiên bản họp không có chữ ký.',
    conclusion: 'Nội dung khiếu nại đúng một phần.',
    legalBasis: ['Quy chế làm việc của Ban Thường vụ'],
  },
  publication: { from: '2026-09-02', until: '2026-09-17', place: 'Niêm yết tại trụ sở Hội' },
};

function input(
  kind: CaseDocumentKind,
  type: CaseDocumentCaseType,
  round: 1 | 2 = 1,
  extra: Partial<CaseDocumentInput> = {},
): CaseDocumentInput {
  return { ...BASE, kind, ...extra, caseInfo: { ...BASE.caseInfo, type, round } };
}

describe('documentSymbol', () => {
  it('is TB for notices, QĐ for decisions and KL for a conclusion, after the body abbreviation', () => {
    expect(documentSymbol('acceptance_notice', 'HND')).toBe('TB-HND');
    expect(documentSymbol('non_acceptance_notice', 'HND')).toBe('TB-HND');
    expect(documentSymbol('forward_notice', 'HND')).toBe('TB-HND');
    expect(documentSymbol('publication_notice', 'hnd')).toBe('TB-HND');
    expect(documentSymbol('extension_decision', 'HND')).toBe('QĐ-HND');
    expect(documentSymbol('resolution_decision', 'HPN')).toBe('QĐ-HPN');
    expect(documentSymbol('denunciation_conclusion', 'HND')).toBe('KL-HND');
    expect(() => documentSymbol('acceptance_notice', 'H ND')).toThrow(AppError);
  });
});

/** "kind type round": the title first, then lines that must appear. */
const EXPECTED: Record<string, string[]> = {
  'acceptance_notice complaint 1': [
    'THÔNG BÁO',
    'Số: 05/TB-HND',
    'Về việc thụ lý giải quyết khiếu nại lần đầu',
    'Kính gửi: Ông (bà) Trần Văn Bình',
    'Căn cứ Điều 27 Luật Khiếu nại năm 2011',
    'Điều 28 Luật Khiếu nại năm 2011',
    'là đến hết ngày 26/08/2026',
    '- Chi hội Thôn 3 (người bị khiếu nại);',
  ],
  'acceptance_notice complaint 2': [
    'THÔNG BÁO',
    'Về việc thụ lý giải quyết khiếu nại lần hai',
    'Căn cứ Điều 36 Luật Khiếu nại',
    'Điều 37 Luật Khiếu nại',
  ],
  'acceptance_notice complaint_discipline 1': [
    'THÔNG BÁO',
    'Về việc thụ lý giải quyết khiếu nại quyết định kỷ luật lần đầu',
    'Căn cứ Điều 50 Luật Khiếu nại',
  ],
  'acceptance_notice denunciation 1': [
    'THÔNG BÁO',
    'Về việc thụ lý tố cáo',
    `Kính gửi: ${DENOUNCER_ADDRESSEE}`,
    'nhận được đơn tố cáo đối với Chi hội Thôn 3',
    'Căn cứ Điều 29 Luật Tố cáo năm 2018 (được sửa đổi, bổ sung năm 2025) và Điều 9 Nghị định số 31/2019/NĐ-CP',
    'Điều 30 Luật Tố cáo',
  ],
  'non_acceptance_notice complaint 1': [
    'THÔNG BÁO',
    'Về việc không thụ lý giải quyết khiếu nại',
    'Căn cứ Điều 11 và Điều 27 Luật Khiếu nại',
    'Lý do: Thời hiệu khiếu nại đã hết mà không có lý do chính đáng.',
  ],
  'non_acceptance_notice denunciation 1': [
    'THÔNG BÁO',
    'Về việc không thụ lý tố cáo',
    'Căn cứ khoản 1 Điều 24 và Điều 29 Luật Tố cáo',
  ],
  'forward_notice denunciation 1': [
    'THÔNG BÁO',
    'Về việc chuyển đơn tố cáo',
    'Căn cứ khoản 2 Điều 24 Luật Tố cáo',
    'đã chuyển đơn tố cáo đến Ủy ban nhân dân xã Gia Viễn',
    '- Ủy ban nhân dân xã Gia Viễn (kèm theo đơn);',
  ],
  'forward_notice petition 1': [
    'THÔNG BÁO',
    'Về việc chuyển đơn kiến nghị, phản ánh',
    'Căn cứ Điều lệ Hội',
  ],
  'extension_decision denunciation 1': [
    'QUYẾT ĐỊNH',
    'Số: 05/QĐ-HND',
    'Về việc gia hạn giải quyết tố cáo',
    'BAN THƯỜNG VỤ HỘI NÔNG DÂN TỈNH NINH BÌNH',
    'Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;',
    'Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019',
    'QUYẾT ĐỊNH:',
    'Điều 1. Gia hạn giải quyết tố cáo lần thứ nhất',
    'Thời gian gia hạn: 30 ngày',
    'đến hết ngày 25/09/2026',
    'Lý do gia hạn: Phải xác minh tại 02 địa điểm.',
    'khoản 4 Điều 30 Luật Tố cáo',
  ],
  'resolution_decision complaint 1': [
    'QUYẾT ĐỊNH',
    'Về việc giải quyết khiếu nại của ông (bà) Trần Văn Bình (lần đầu)',
    'Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;',
    'Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020',
    'Căn cứ Quy chế làm việc của Ban Thường vụ;',
    '2. Kết quả xác minh:',
    'Biên bản họp không có chữ ký.',
    'Nội dung khiếu nại đúng một phần.',
    'khiếu nại lần hai đến người có thẩm quyền hoặc khởi kiện theo quy định tại Điều 33 Luật Khiếu nại',
  ],
  'resolution_decision complaint 2': [
    'QUYẾT ĐỊNH',
    'Về việc giải quyết khiếu nại của ông (bà) Trần Văn Bình (lần hai)',
    'Quyết định này là quyết định giải quyết khiếu nại lần hai.',
  ],
  'resolution_decision dispute 1': [
    'QUYẾT ĐỊNH',
    'Về việc giải quyết mâu thuẫn, bất đồng của ông (bà) Trần Văn Bình',
    'Căn cứ Điều lệ Hội;',
  ],
  'denunciation_conclusion denunciation 1': [
    'KẾT LUẬN',
    'Số: 05/KL-HND',
    'Nội dung tố cáo đối với Chi hội Thôn 3',
    '1. Kết quả xác minh nội dung tố cáo:',
    '2. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật:',
    '- Quy chế làm việc của Ban Thường vụ.',
    '3. Kết luận nội dung tố cáo:',
    'Điều 36 Luật Tố cáo',
    'khoản 3 Điều 35 Luật Tố cáo',
    'Điều 40 Luật Tố cáo',
    '- Chi hội Thôn 3 (người bị tố cáo);',
  ],
  'publication_notice denunciation 1': [
    'THÔNG BÁO',
    'Về việc công khai kết luận nội dung tố cáo',
    'Căn cứ Điều 40 Luật Tố cáo',
    'Điều 6 Nghị định số 31/2019/NĐ-CP',
    'Nội dung khiếu nại đúng một phần.',
    'Niêm yết tại trụ sở Hội; thời gian công khai từ ngày 02/09/2026 đến hết ngày 17/09/2026.',
  ],
};

describe('renderCaseDocument', () => {
  it.each(Object.entries(EXPECTED))(
    '%s: its title and legal basis',
    async (key, [title, ...lines]) => {
      const [kind, type, round] = key.split(' ') as [
        CaseDocumentKind,
        CaseDocumentCaseType,
        string,
      ];
      const text = await textOf(
        await renderCaseDocument(input(kind, type, Number(round) as 1 | 2)),
      );
      expect(text.split('\n')).toContain(title);
      expect(text).toContain('HỘI NÔNG DÂN TỈNH NINH BÌNH');
      expect(text).toContain('Ninh Bình, ngày 05 tháng 8 năm 2026');
      for (const line of lines) expect(text).toContain(line);
      expect(text).toMatch(/\.\/\.\n/); // the body closes with "./."
      expect(text).toMatch(
        /Lưu: VT, hồ sơ vụ việc số 12\/2026\.\nTM\. BAN THƯỜNG VỤ\nCHỦ TỊCH\nNguyễn Văn An$/,
      );
    },
  );

  it('cites the 2025 amending law only on documents dated from 1 July 2026', async () => {
    const after = await textOf(await renderCaseDocument(input('resolution_decision', 'complaint')));
    expect(after).toContain('Căn cứ Luật số 136/2025/QH15 sửa đổi, bổ sung một số điều');
    const before = await textOf(
      await renderCaseDocument(
        input('resolution_decision', 'complaint', 1, { date: '2026-06-30' }),
      ),
    );
    expect(before).not.toContain('136/2025/QH15');
    expect(before).not.toContain('sửa đổi, bổ sung năm 2025');
  });

  it('names the deciding body from the signer: a collective body under TM., else the office', async () => {
    const chair = await textOf(
      await renderCaseDocument(
        input('extension_decision', 'denunciation', 1, {
          signer: { authority: 'KT. Chủ tịch', title: 'Phó Chủ tịch', name: 'Lê Thị Hoa' },
        }),
      ),
    );
    expect(chair).toContain('CHỦ TỊCH HỘI NÔNG DÂN TỈNH NINH BÌNH\nCăn cứ');
    expect(chair).toContain('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hoa');
  });

  it('prints the resolution deadline of an acceptance notice from `deadline`, else `resolution.deadline`', async () => {
    const doc = input('acceptance_notice', 'denunciation', 1, { deadline: undefined });
    const fallback = await textOf(await renderCaseDocument(doc));
    expect(fallback).toContain('Điều 3 Nghị định số 31/2019/NĐ-CP là đến hết ngày 01/09/2026.');
    const none = await textOf(await renderCaseDocument({ ...doc, resolution: undefined }));
    expect(none).not.toContain('là đến hết ngày');
  });

  it('leaves the number blank to fill by hand', async () => {
    const text = await textOf(
      await renderCaseDocument(input('acceptance_notice', 'complaint', 1, { number: null })),
    );
    expect(text).toContain('Số:      /TB-HND');
  });
});

describe('the denouncer stays sealed', () => {
  const SECRET = 'Phạm Thị Kín 0912345678';
  const denunciationKinds: CaseDocumentKind[] = [
    'acceptance_notice',
    'non_acceptance_notice',
    'forward_notice',
    'extension_decision',
    'denunciation_conclusion',
    'publication_notice',
  ];

  it.each(denunciationKinds)(
    'a %s of a denunciation ignores a complainant passed by mistake',
    async (kind) => {
      const doc = input(kind, 'denunciation');
      const bytes = await renderCaseDocument({
        ...doc,
        caseInfo: { ...doc.caseInfo, complainant: SECRET },
      });
      const xml = await allXml(bytes);
      expect(xml).not.toContain(SECRET);
      expect(xml).not.toContain('Phạm Thị Kín');
      expect(xml).not.toContain('Ông (bà)');
      expect(xml).not.toContain('ông (bà)');
    },
  );

  it('the notices to a denouncer are addressed to the sealed-identity line only', async () => {
    for (const kind of ['acceptance_notice', 'non_acceptance_notice', 'forward_notice'] as const) {
      const text = await textOf(await renderCaseDocument(input(kind, 'denunciation')));
      expect(text.match(/^Kính gửi: .*$/gm)).toEqual([`Kính gửi: ${DENOUNCER_ADDRESSEE}`]);
    }
  });

  it('the conclusion and its publication do not mention the denouncer at all', async () => {
    for (const kind of ['denunciation_conclusion', 'publication_notice'] as const) {
      const text = await textOf(await renderCaseDocument(input(kind, 'denunciation')));
      expect(text.toLowerCase()).not.toContain('người tố cáo');
      expect(text).not.toContain('Kính gửi');
      expect(text).toContain('Chi hội Thôn 3');
    }
  });

  it('prints the complainant of a complaint (so the checks above are not vacuous)', async () => {
    const doc = input('acceptance_notice', 'complaint');
    const bytes = await renderCaseDocument({
      ...doc,
      caseInfo: { ...doc.caseInfo, complainant: SECRET },
    });
    expect(await allXml(bytes)).toContain(SECRET);
  });

  it('prints no field the kind does not use', async () => {
    const bytes = await renderCaseDocument(
      input('acceptance_notice', 'complaint', 1, {
        notAcceptedGround: SECRET,
        forwardedTo: SECRET,
        extension: { ordinal: 1, days: 30, newDeadline: '2026-09-25', reason: SECRET },
        resolution: { deadline: null, findings: SECRET, conclusion: SECRET, legalBasis: [SECRET] },
        publication: { from: '2026-09-02', until: '2026-09-17', place: SECRET },
      }),
    );
    expect(await allXml(bytes)).not.toContain(SECRET);
  });
});

describe('refusals (VALIDATION_FAILED)', () => {
  const refused = async (doc: CaseDocumentInput) => {
    const err: unknown = await renderCaseDocument(doc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
  };

  it('refuses a kind that does not exist for the case type', async () => {
    await refused(input('extension_decision', 'complaint'));
    await refused(input('resolution_decision', 'denunciation'));
    await refused(input('denunciation_conclusion', 'petition'));
    await refused(input('publication_notice', 'complaint'));
  });

  it('refuses a document without the facts it needs', async () => {
    await refused(input('non_acceptance_notice', 'complaint', 1, { notAcceptedGround: ' ' }));
    await refused(input('forward_notice', 'complaint', 1, { forwardedTo: undefined }));
    const doc = input('acceptance_notice', 'complaint');
    await refused({ ...doc, caseInfo: { ...doc.caseInfo, acceptedOn: null } });
    await refused(input('resolution_decision', 'complaint', 1, { resolution: undefined }));
  });

  it('refuses a bad register year, extension or publication period', async () => {
    await refused(input('acceptance_notice', 'complaint', 1, { year: 2025 }));
    await refused(
      input('extension_decision', 'denunciation', 1, {
        extension: { ordinal: 0, days: 30, newDeadline: '2026-09-25', reason: 'x' },
      }),
    );
    await refused(
      input('publication_notice', 'denunciation', 1, {
        publication: { from: '2026-09-17', until: '2026-09-02', place: 'Trụ sở' },
      }),
    );
  });
});
