/**
 * The notices and decisions of a complaint/denunciation case as Decree-30 documents: acceptance,
 * non-acceptance and forwarding notices, the denunciation extension decision (Decree 31/2019,
 * Mẫu 01), the resolution decision, the denunciation conclusion and its publication notice.
 * A denunciation never prints who denounced: the addressee is the fixed sealed-identity line,
 * `complainant` is ignored, and the conclusion and publication notice do not mention the
 * denouncer at all (Law on Denunciations Arts. 9, 40(3), 47; Decree 31/2019 Art. 6(1)).
 */
import {
  parseIsoDate,
  renderDecree30,
  type Block,
  type Decree30Doc,
} from '../../../documents/decree30.js';
import {
  AMENDMENT_2025,
  art,
  article,
  basis,
  center,
  CHARTER,
  citations,
  CONTROL,
  DECREE,
  DECREE31,
  deciderLine,
  DENOUNCER_ADDRESSEE,
  dmy,
  FILE,
  invalid,
  isComplaint,
  isDenunciation,
  last,
  LAW,
  amended,
  lawShort,
  need,
  nouns,
  ofParty,
  p,
  paragraphs,
  partyOf,
  receivedParagraph,
  roundWord,
  SEALED,
  sentence,
  type Built,
} from './case-wording.js';

export { DENOUNCER_ADDRESSEE } from './case-wording.js';

export type CaseDocumentKind =
  | 'acceptance_notice'
  | 'non_acceptance_notice'
  | 'forward_notice'
  | 'extension_decision'
  | 'resolution_decision'
  | 'denunciation_conclusion'
  | 'publication_notice';

export type CaseDocumentCaseType =
  'complaint' | 'complaint_discipline' | 'denunciation' | 'petition' | 'dispute';

export interface CaseDocumentInput {
  kind: CaseDocumentKind;
  /** Names in natural case ("Hội Nông dân tỉnh Ninh Bình"): the header prints them in capitals. */
  issuer: { superior: string | null; name: string; abbreviation: string };
  /** Number in the document register, or null to fill by hand. */
  number: number | null;
  /** Register year; must be the year of `date` (numbers restart each 1 January). */
  year: number;
  place: string;
  /** Date of issue, YYYY-MM-DD. */
  date: string;
  signer: { authority: string | null; title: string; name: string };
  caseInfo: {
    /** Register number of the case, e.g. "12/2026". */
    number: string;
    type: CaseDocumentCaseType;
    round: 1 | 2;
    receivedOn: string;
    acceptedOn: string | null;
    /** Trích yếu nội dung. */
    subject: string;
    /** The person or body complained about or denounced; never the denouncer. */
    accused: string | null;
    /** Complainant of a complaint, petition or dispute; ignored for a denunciation. */
    complainant: string | null;
  };
  /** Statutory ground (non-acceptance notice). */
  notAcceptedGround?: string;
  /** Competent body (forward notice). */
  forwardedTo?: string;
  /** Resolution deadline (YYYY-MM-DD) for an acceptance notice; else `resolution.deadline`. */
  deadline?: string | null;
  extension?: { ordinal: number; days: number; newDeadline: string; reason: string };
  /**
   * Decision or conclusion. `deadline` is the case's resolution deadline: not printed there (an
   * acceptance notice prints it). `legalBasis`: further instruments only, e.g. the association's
   * own guidance — cited as "Căn cứ …;" in a decision and listed as the law applied in a
   * conclusion; the Laws and Decrees are already cited. A publication notice prints `conclusion`.
   */
  resolution?: {
    deadline: string | null;
    findings: string;
    conclusion: string;
    legalBasis: string[];
  };
  publication?: { from: string; until: string; place: string };
}

/** Acceptance, non-acceptance and forwarding notices, addressed to the author of the letter. */
function notice(c: CaseDocumentInput): Built {
  const n = nouns(c);
  const den = isDenunciation(c);
  const issuer = c.issuer.name;
  const copies: string[] = [];
  let summary: string;
  let lines: string[];
  if (c.kind === 'acceptance_notice') {
    const acceptedOn = need(c.caseInfo.acceptedOn, 'caseInfo.acceptedOn');
    const round = isComplaint(c) ? ` ${roundWord(c)}` : '';
    const due = c.deadline ?? c.resolution?.deadline;
    const deadline = due ? ` là đến hết ngày ${dmy(due)}` : '';
    summary = den ? 'Về việc thụ lý tố cáo' : `Về việc thụ lý giải quyết ${n.act}${round}`;
    lines = [
      `Căn cứ ${article(c, 'accept')}, xét thấy ${n.act} đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết, ${issuer} thông báo đã thụ lý giải quyết ${n.act}${round} kể từ ngày ${dmy(acceptedOn)}.`,
      `Thời hạn giải quyết theo quy định tại ${article(c, 'time')}${deadline}.`,
      den
        ? `Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo được giữ bí mật theo quy định tại ${SEALED}. Đề nghị người tố cáo phối hợp, cung cấp thông tin, tài liệu liên quan đến nội dung tố cáo (nếu có).`
        : `Đề nghị ông (bà) phối hợp, cung cấp thông tin, tài liệu, bằng chứng liên quan đến nội dung ${n.act} (nếu có) trong quá trình giải quyết.`,
    ];
    if (!den && c.caseInfo.accused) copies.push(`${c.caseInfo.accused} (${n.against})`);
    copies.push(CONTROL);
  } else if (c.kind === 'non_acceptance_notice') {
    const ground = need(c.notAcceptedGround, 'notAcceptedGround');
    summary = den ? 'Về việc không thụ lý tố cáo' : `Về việc không thụ lý giải quyết ${n.act}`;
    lines = [
      `Căn cứ ${article(c, 'reject')}, ${issuer} thông báo không thụ lý giải quyết ${n.act} nêu trên.`,
      sentence(`Lý do: ${ground.trim()}`),
    ];
  } else {
    const to = need(c.forwardedTo, 'forwardedTo').trim();
    summary = `Về việc chuyển ${n.letter}`;
    lines = [
      `Căn cứ ${article(c, 'forward')}, do nội dung ${n.act} không thuộc thẩm quyền giải quyết của ${issuer}, ngày ${dmy(c.date)} ${issuer} đã chuyển ${n.letter} đến ${to} để xem xét, giải quyết theo thẩm quyền.`,
      den
        ? `Việc chuyển đơn bảo đảm giữ bí mật thông tin về người tố cáo theo quy định tại ${SEALED}.`
        : `Đề nghị ông (bà) liên hệ với ${to} để được hướng dẫn, giải quyết theo quy định.`,
    ];
    copies.push(`${to} (kèm theo đơn)`);
  }
  const you = den ? 'người tố cáo' : 'ông (bà)';
  return {
    type: 'THÔNG BÁO',
    summary,
    addressee: den ? [DENOUNCER_ADDRESSEE] : [partyOf(c) ? `Ông (bà) ${partyOf(c)}` : n.person],
    body: [
      receivedParagraph(c),
      ...lines.map(p),
      p(last(`${issuer} thông báo để ${you} được biết`)),
    ],
    recipients: ['Như trên', ...copies, FILE(c)],
  };
}

const ORDINAL = ['', 'thứ nhất', 'thứ hai', 'thứ ba', 'thứ tư'];

function extensionDecision(c: CaseDocumentInput): Built {
  const e = need(c.extension, 'extension');
  if (!Number.isInteger(e.ordinal) || e.ordinal < 1 || !Number.isInteger(e.days) || e.days < 1)
    invalid('extension', 'extension');
  const { accused, subject, number, acceptedOn } = c.caseInfo;
  const accepted = acceptedOn ? `, thụ lý ngày ${dmy(acceptedOn)}` : '';
  const against = accused ? ` (người bị tố cáo: ${accused})` : '';
  return {
    type: 'QUYẾT ĐỊNH',
    summary: 'Về việc gia hạn giải quyết tố cáo',
    body: [
      center(deciderLine(c)),
      ...citations(c, 'denunciations', []),
      basis(`Xét tính chất phức tạp của vụ việc tố cáo số ${number}${accepted},`),
      center('QUYẾT ĐỊNH:'),
      art(
        'Điều 1.',
        `Gia hạn giải quyết tố cáo lần ${ORDINAL[e.ordinal] ?? `thứ ${e.ordinal}`} đối với vụ việc tố cáo số ${number}${against} về nội dung: ${sentence(subject)} Thời gian gia hạn: ${e.days} ngày; thời hạn giải quyết tố cáo được gia hạn đến hết ngày ${dmy(e.newDeadline)}.`,
      ),
      p(sentence(`Lý do gia hạn: ${need(e.reason, 'extension.reason').trim()}`)),
      art(
        'Điều 2.',
        `Quyết định này có hiệu lực kể từ ngày ký và được gửi đến người tố cáo, người bị tố cáo, cơ quan, tổ chức, cá nhân có liên quan theo khoản 4 Điều 30 ${lawShort(c, 'denunciations')}; việc gửi cho người tố cáo bảo đảm giữ bí mật thông tin về người tố cáo theo ${SEALED}.`,
      ),
      art(
        'Điều 3.',
        last(
          `Người được giao xác minh nội dung tố cáo, ${accused ?? 'người bị tố cáo'} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này`,
        ),
      ),
    ],
    recipients: ['Như Điều 3', 'Người tố cáo (thông tin được giữ bí mật)', CONTROL, FILE(c)],
  };
}

function resolutionDecision(c: CaseDocumentInput): Built {
  const r = need(c.resolution, 'resolution');
  const n = nouns(c);
  const { accused, subject, number, receivedOn, acceptedOn, type, round } = c.caseInfo;
  const complaint = isComplaint(c);
  const title = complaint ? `${n.act}${ofParty(c)} (${roundWord(c)})` : `${n.act}${ofParty(c)}`;
  const accepted = acceptedOn ? `, thụ lý ngày ${dmy(acceptedOn)}` : '';
  const remedy = !complaint
    ? `Trường hợp không đồng ý với kết quả giải quyết, ông (bà) có quyền đề nghị cơ quan cấp trên trực tiếp xem xét theo quy định của ${CHARTER} và pháp luật.`
    : round === 1
      ? `Trường hợp không đồng ý với Quyết định này, người khiếu nại có quyền khiếu nại lần hai đến người có thẩm quyền hoặc khởi kiện theo quy định ${type === 'complaint' ? `tại Điều 33 ${lawShort(c, 'complaints')}` : 'của pháp luật'}.`
      : 'Quyết định này là quyết định giải quyết khiếu nại lần hai. Trường hợp không đồng ý với Quyết định này, người khiếu nại có quyền khởi kiện theo quy định của pháp luật.';
  const party = partyOf(c);
  const bound = [party ? `Ông (bà) ${party}` : n.person, accused].filter(Boolean).join(', ');
  return {
    type: 'QUYẾT ĐỊNH',
    summary: `Về việc giải quyết ${title}`,
    body: [
      center(deciderLine(c)),
      ...citations(c, complaint ? 'complaints' : null, r.legalBasis),
      p(`Xét ${n.letter} ngày ${dmy(receivedOn)}${ofParty(c)} (số vào sổ ${number}${accepted}),`),
      art(`1. Nội dung ${n.act}:`, sentence(subject)),
      ...(accused
        ? [p(sentence(`${n.against[0]!.toUpperCase()}${n.against.slice(1)}: ${accused}`))]
        : []),
      art('2. Kết quả xác minh:', ''),
      ...paragraphs(r.findings),
      art('3. Kết luận:', ''),
      ...paragraphs(r.conclusion),
      p('Từ những nhận định và căn cứ nêu trên,'),
      center('QUYẾT ĐỊNH:'),
      art(
        'Điều 1.',
        `Giải quyết ${n.act}${ofParty(c)} (vụ việc số ${number}) theo kết luận tại mục 3 Quyết định này.`,
      ),
      art('Điều 2.', remedy),
      art(
        'Điều 3.',
        last(
          `Quyết định này có hiệu lực kể từ ngày ký. ${bound} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này`,
        ),
      ),
    ],
    recipients: ['Như Điều 3', 'Cơ quan cấp trên trực tiếp (để báo cáo)', CONTROL, FILE(c)],
  };
}

function denunciationConclusion(c: CaseDocumentInput): Built {
  const r = need(c.resolution, 'resolution');
  const { accused, subject, number, acceptedOn } = c.caseInfo;
  const who = accused ?? 'cơ quan, tổ chức, cá nhân bị tố cáo';
  const on = acceptedOn ? `Ngày ${dmy(acceptedOn)}, ` : '';
  const law = lawShort(c, 'denunciations');
  const laws = r.legalBasis.map((l) => l.trim()).filter(Boolean);
  return {
    type: 'KẾT LUẬN',
    summary: accused
      ? `Nội dung tố cáo đối với ${accused}`
      : `Nội dung tố cáo (vụ việc số ${number})`,
    body: [
      p(
        `${on}${c.issuer.name} thụ lý giải quyết tố cáo đối với ${who} (vụ việc số ${number}) về nội dung: ${sentence(subject)}`,
      ),
      p(
        `Căn cứ ${LAW.denunciations.cite}${amended(c) ? `, ${AMENDMENT_2025.cite}` : ''}; ${DECREE.denunciations}; ${CHARTER}; căn cứ kết quả xác minh nội dung tố cáo, giải trình của người bị tố cáo và các thông tin, tài liệu, chứng cứ có liên quan, ${c.issuer.name} kết luận như sau:`,
      ),
      art('1. Kết quả xác minh nội dung tố cáo:', ''),
      ...paragraphs(r.findings),
      art('2. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật:', ''),
      ...(laws.length
        ? laws.map((l): Block => ({ kind: 'bullet', text: sentence(l) }))
        : [p('Các quy định của pháp luật và của Hội có liên quan.')]),
      art('3. Kết luận nội dung tố cáo:', ''),
      ...paragraphs(r.conclusion),
      art('4. Xử lý kết luận nội dung tố cáo:', `Thực hiện theo Điều 36 ${law}.`),
      p(
        last(
          `Kết luận này được gửi đến ${who}, cơ quan, tổ chức quản lý người bị tố cáo và cơ quan, tổ chức, cá nhân có liên quan theo khoản 3 Điều 35 ${law}; được công khai theo Điều 40 ${law} và Điều 6 ${DECREE31}`,
        ),
      ),
    ],
    recipients: [
      accused ? `${accused} (người bị tố cáo)` : 'Người bị tố cáo',
      'Cơ quan, tổ chức quản lý người bị tố cáo',
      'Cơ quan cấp trên trực tiếp (để báo cáo)',
      CONTROL,
      FILE(c),
    ],
  };
}

function publicationNotice(c: CaseDocumentInput): Built {
  const pub = need(c.publication, 'publication');
  if (pub.until < pub.from || !pub.place.trim()) invalid('publication', 'publication');
  const { accused, subject, number } = c.caseInfo;
  const law = lawShort(c, 'denunciations');
  const text = c.resolution?.conclusion.trim() ?? '';
  return {
    type: 'THÔNG BÁO',
    summary: 'Về việc công khai kết luận nội dung tố cáo',
    body: [
      p(
        `Căn cứ Điều 40 ${law} và Điều 6 ${DECREE.denunciations}, ${c.issuer.name} công khai kết luận nội dung tố cáo đối với ${accused ?? 'cơ quan, tổ chức, cá nhân bị tố cáo'} (vụ việc số ${number}) về nội dung: ${sentence(subject)}`,
      ),
      ...(text ? [art('Nội dung kết luận:', ''), ...paragraphs(text)] : []),
      p(
        `Hình thức, địa điểm công khai: ${pub.place.trim()}; thời gian công khai từ ngày ${dmy(pub.from)} đến hết ngày ${dmy(pub.until)}.`,
      ),
      p(
        last(
          `Nội dung công khai không bao gồm những nội dung thuộc bí mật nhà nước và các thông tin không được công khai theo khoản 1 Điều 6 ${DECREE31}`,
        ),
      ),
    ],
    recipients: [
      accused ? `${accused} (người bị tố cáo)` : 'Người bị tố cáo',
      'Cơ quan, tổ chức nơi người bị tố cáo công tác',
      FILE(c),
    ],
  };
}

/** Which case types each kind exists for. */
const FOR_TYPES: Record<CaseDocumentKind, readonly CaseDocumentCaseType[] | 'all'> = {
  acceptance_notice: 'all',
  non_acceptance_notice: 'all',
  forward_notice: 'all',
  extension_decision: ['denunciation'],
  resolution_decision: ['complaint', 'complaint_discipline', 'petition', 'dispute'],
  denunciation_conclusion: ['denunciation'],
  publication_notice: ['denunciation'],
};

const BUILD: Record<CaseDocumentKind, (c: CaseDocumentInput) => Built> = {
  acceptance_notice: notice,
  non_acceptance_notice: notice,
  forward_notice: notice,
  extension_decision: extensionDecision,
  resolution_decision: resolutionDecision,
  denunciation_conclusion: denunciationConclusion,
  publication_notice: publicationNotice,
};

/**
 * The symbol after the number: "TB-HND" for notices, "QĐ-HND" for decisions, "KL-HND" for a
 * conclusion.
 *
 * @example documentSymbol('extension_decision', 'HND') // "QĐ-HND"
 */
export function documentSymbol(kind: CaseDocumentKind, abbreviation: string): string {
  const abbr = abbreviation.trim().toLocaleUpperCase('vi-VN');
  if (!/^[\p{Lu}\d-]+$/u.test(abbr)) invalid('issuer.abbreviation', 'abbreviation');
  const type = kind.endsWith('_notice') ? 'TB' : kind === 'denunciation_conclusion' ? 'KL' : 'QĐ';
  return `${type}-${abbr}`;
}

/**
 * The case document as .docx bytes. VALIDATION_FAILED when the kind does not exist for the case
 * type (extension, conclusion and publication are for denunciations; the resolution decision is
 * not), when a field the kind needs is missing, or on a bad date.
 */
export async function renderCaseDocument(input: CaseDocumentInput): Promise<Buffer> {
  const allowed = FOR_TYPES[input.kind];
  if (allowed !== 'all' && !allowed.includes(input.caseInfo.type)) invalid('kind', 'kind');
  if (parseIsoDate(input.date).year !== input.year) invalid('year', 'year');
  const built = BUILD[input.kind](input);
  const doc: Decree30Doc = {
    issuer: { superior: input.issuer.superior, name: input.issuer.name },
    number: input.number,
    symbol: documentSymbol(input.kind, input.issuer.abbreviation),
    place: input.place,
    date: input.date,
    signature: input.signer,
    ...built,
  };
  return renderDecree30(doc);
}
