/**
 * The wording shared by the case documents: the laws and decrees cited (effective-dated), the
 * nouns of each case type, the articles of each step, and small paragraph helpers.
 */
import { parseIsoDate, type Block } from '../../../documents/decree30.js';
import { AppError } from '../../../platform/errors.js';
import type { CaseDocumentCaseType, CaseDocumentInput } from './case-documents.js';

/** The addressee of every notice sent to a denouncer: the name stays sealed. */
export const DENOUNCER_ADDRESSEE =
  'Người tố cáo (thông tin về người tố cáo được giữ bí mật theo Điều 9 và Điều 47 Luật Tố cáo)';

/** The law amending both Laws, cited on documents dated from its entry into force. */
export const AMENDMENT_2025 = {
  from: '2026-07-01',
  cite: 'Luật số 136/2025/QH15 sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại và Luật Tố cáo',
};
export const LAW = {
  complaints: {
    cite: 'Luật Khiếu nại ngày 11 tháng 11 năm 2011',
    short: 'Luật Khiếu nại năm 2011',
  },
  denunciations: { cite: 'Luật Tố cáo ngày 12 tháng 6 năm 2018', short: 'Luật Tố cáo năm 2018' },
} as const;
export const DECREE = {
  complaints:
    'Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Khiếu nại',
  denunciations:
    'Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo',
} as const;
export const DECREE31 = 'Nghị định số 31/2019/NĐ-CP';
export const CHARTER = 'Điều lệ Hội';
export const FILE = (c: CaseDocumentInput) => `Lưu: VT, hồ sơ vụ việc số ${c.caseInfo.number}`;
export const CONTROL = 'Ủy ban Kiểm tra (để theo dõi)';
export const SEALED = 'Điều 9 và Điều 47 Luật Tố cáo';

/** Per case type: the letter, the act, its author (as an addressee) and its target. */
const NOUNS: Record<CaseDocumentCaseType, [string, string, string, string]> = {
  complaint: ['đơn khiếu nại', 'khiếu nại', 'Người khiếu nại', 'người bị khiếu nại'],
  complaint_discipline: [
    'đơn khiếu nại quyết định kỷ luật',
    'khiếu nại quyết định kỷ luật',
    'Người khiếu nại',
    'người bị khiếu nại',
  ],
  denunciation: ['đơn tố cáo', 'tố cáo', 'Người tố cáo', 'người bị tố cáo'],
  petition: [
    'đơn kiến nghị, phản ánh',
    'kiến nghị, phản ánh',
    'Người kiến nghị, phản ánh',
    'đối tượng bị kiến nghị, phản ánh',
  ],
  dispute: [
    'đơn đề nghị giải quyết mâu thuẫn, bất đồng',
    'mâu thuẫn, bất đồng',
    'Người đề nghị',
    'bên có liên quan',
  ],
};
export const nouns = (c: CaseDocumentInput) => {
  const [letter, act, person, against] = NOUNS[c.caseInfo.type];
  return { letter, act, person, against };
};

export const isDenunciation = (c: CaseDocumentInput) => c.caseInfo.type === 'denunciation';
export const isComplaint = (c: CaseDocumentInput) =>
  c.caseInfo.type === 'complaint' || c.caseInfo.type === 'complaint_discipline';

/** The complainant to print: never for a denunciation, whatever the caller passed. */
export function partyOf(c: CaseDocumentInput): string | null {
  return isDenunciation(c) ? null : c.caseInfo.complainant?.trim() || null;
}

const MESSAGES = {
  kind: [
    'Loại văn bản này không áp dụng cho loại vụ việc',
    'This document does not apply to the case type',
  ],
  year: ['Năm đăng ký văn bản khác năm ban hành', 'The register year differs from the date'],
  extension: ['Lần gia hạn hoặc số ngày không hợp lệ', 'Invalid extension ordinal or days'],
  publication: ['Thời gian hoặc nơi công khai không hợp lệ', 'Invalid publication period or place'],
  abbreviation: ['Chữ viết tắt tên cơ quan không hợp lệ', 'Invalid body abbreviation'],
} as const;

export function invalid(field: string, message?: keyof typeof MESSAGES): never {
  const [vi, en] = message
    ? MESSAGES[message]
    : [`Thiếu thông tin: ${field}`, `Missing for this document: ${field}`];
  throw new AppError('VALIDATION_FAILED', { field }, { vi, en });
}

export function need<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
    invalid(field);
  return value;
}

/** dd/mm/yyyy */
export function dmy(iso: string): string {
  const { day, month, year } = parseIsoDate(iso);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

export const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
export const paragraphs = (text: string): Block[] =>
  text.split(/\n+/).flatMap((t) => (t.trim() ? [p(t.trim())] : []));
export const p = (text: string): Block => ({ kind: 'paragraph', text });
export const basis = (text: string): Block => ({ kind: 'paragraph', text, italics: true });
export const center = (text: string): Block => ({
  kind: 'paragraph',
  text,
  align: 'center',
  bold: true,
});
export const art = (label: string, text: string): Block => ({ kind: 'heading', label, text });
/** The closing "./." of the last paragraph. */
export const last = (text: string) => `${text.trim().replace(/[.]$/, '')}./.`;

export const amended = (c: CaseDocumentInput) => c.date >= AMENDMENT_2025.from;
/** "Luật Khiếu nại năm 2011" (+ amended 2025) for sentences. */
export function lawShort(c: CaseDocumentInput, which: keyof typeof LAW): string {
  return `${LAW[which].short}${amended(c) ? ' (được sửa đổi, bổ sung năm 2025)' : ''}`;
}
/** The "Căn cứ …;" lines of a decision or conclusion. */
export function citations(
  c: CaseDocumentInput,
  which: keyof typeof LAW | null,
  extra: string[],
): Block[] {
  const lines = which
    ? [LAW[which].cite, ...(amended(c) ? [AMENDMENT_2025.cite] : []), DECREE[which], CHARTER]
    : [CHARTER];
  const own = extra.map((e) =>
    e
      .trim()
      .replace(/^Căn cứ\s+/i, '')
      .replace(/[;.]$/, ''),
  );
  return [...lines, ...own].filter(Boolean).map((l) => basis(`Căn cứ ${l};`));
}

/** "Điều 27", "Điều 36"… of the step for this case type, with the law. */
export function article(
  c: CaseDocumentInput,
  step: 'accept' | 'time' | 'reject' | 'forward',
): string {
  const { type, round } = c.caseInfo;
  if (type === 'denunciation') {
    const den = lawShort(c, 'denunciations');
    const by = {
      accept: `Điều 29 ${den} và Điều 9 ${DECREE31}`,
      time: `Điều 30 ${den} và Điều 3 ${DECREE31}`,
      reject: `khoản 1 Điều 24 và Điều 29 ${den}`,
      forward: `khoản 2 Điều 24 ${den}`,
    };
    return by[step];
  }
  if (type === 'complaint' || type === 'complaint_discipline') {
    const law = lawShort(c, 'complaints');
    const [accept, time] =
      type === 'complaint_discipline' ? [50, 50] : round === 2 ? [36, 37] : [27, 28];
    const by = {
      accept: `Điều ${accept} ${law}`,
      time: `Điều ${time} ${law}`,
      reject: `Điều 11 và Điều ${accept} ${law}`,
      forward: `${law} và Nghị định số 124/2020/NĐ-CP`,
    };
    return by[step];
  }
  return `${CHARTER} và quy định của Hội về tiếp nhận, xử lý đơn`;
}

/** "BAN THƯỜNG VỤ HỘI NÔNG DÂN TỈNH NINH BÌNH": who decides, above the "Căn cứ" lines. */
export function deciderLine(c: CaseDocumentInput): string {
  const role = c.signer.authority?.replace(/^(TM|KT|Q|TL|TUQ)\.\s*/i, '').trim() || c.signer.title;
  return `${role} ${c.issuer.name}`.toLocaleUpperCase('vi-VN');
}

export const roundWord = (c: CaseDocumentInput) => (c.caseInfo.round === 2 ? 'lần hai' : 'lần đầu');
export const ofParty = (c: CaseDocumentInput) => {
  const party = partyOf(c);
  return party ? ` của ông (bà) ${party}` : '';
};

/** "Ngày …, <issuer> nhận được đơn … (số vào sổ …) về nội dung: …" */
export function receivedParagraph(c: CaseDocumentInput): Block {
  const n = nouns(c);
  const { accused, subject, number, receivedOn } = c.caseInfo;
  const against = isDenunciation(c) ? (accused ? ` đối với ${accused}` : '') : '';
  const tail = !isDenunciation(c) && accused ? `; ${n.against}: ${accused}` : '';
  return p(
    sentence(
      `Ngày ${dmy(receivedOn)}, ${c.issuer.name} nhận được ${n.letter}${ofParty(c)}${against} (số vào sổ ${number}) về nội dung: ${subject.trim()}${tail}`,
    ),
  );
}

export interface Built {
  type: string;
  summary: string;
  addressee?: string[];
  body: Block[];
  recipients: string[];
}
