/**
 * The national rule sets for complaints and denunciations (domain reference: VIETNAM_RULES §3),
 * as effective-dated data validated by `RuleSetSchema`. An association adds its own sets after
 * these; `selectRuleSet` picks by the date the case was received.
 *
 * Units follow the text: "N ngày làm việc" → working_days; "N ngày" → calendar_days with the
 * Civil Code Art. 148 roll-forward (VIETNAM_RULES §15). Where a guidance text reads "ngày" as
 * working days, the rule cites that text.
 */
import type { CaseType, RuleSet, TypeRule } from '@hoi/contracts';

const KN = 'Luật Khiếu nại 2011';
const TC = 'Luật Tố cáo 2018';
const ASSOCIATION_DEFAULT = 'Quy định của hội (mặc định)';

const complaintSuspension2011 = {
  allowed: false,
  article: `${KN} không quy định tạm đình chỉ việc giải quyết khiếu nại (Điều 35 chỉ về tạm đình chỉ thi hành quyết định hành chính bị khiếu nại)`,
};

function complaintRound(round: 1 | 2): TypeRule {
  const first = round === 1;
  return {
    acceptance: {
      days: 10,
      unit: 'working_days',
      from: 'received',
      article: `Điều ${first ? 27 : 36} ${KN}; Điều 5 Thông tư 07/2013/TT-TTCP (sửa đổi bởi Thông tư 02/2016/TT-TTCP); khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP (từ 01/12/2020)`,
    },
    resolution: first
      ? {
          days: 30,
          unit: 'calendar_days',
          from: 'accepted',
          complex: 45,
          remote: 45,
          remoteComplex: 60,
          article: `Điều 28 ${KN}`,
        }
      : {
          days: 45,
          unit: 'calendar_days',
          from: 'accepted',
          complex: 60,
          remote: 60,
          remoteComplex: 70,
          article: `Điều 37 ${KN}`,
        },
    suspension: complaintSuspension2011,
    withdrawal: { article: `Điều 10 ${KN}` },
    finality: {
      days: 30,
      unit: 'calendar_days',
      from: 'concluded',
      remote: 45,
      article: first
        ? `Điều 44 ${KN} (lần đầu: có hiệu lực nếu không khiếu nại lần hai, không khởi kiện)`
        : `Điều 44 ${KN}`,
    },
    ...(first
      ? {
          secondRoundWindow: {
            days: 30,
            unit: 'calendar_days',
            from: 'concluded_or_resolution_due',
            remote: 45,
            article: `Điều 33 ${KN} (kể từ khi hết hạn giải quyết lần đầu hoặc nhận quyết định lần đầu)`,
          },
        }
      : {}),
  };
}

function disciplineRound(round: 1 | 2): TypeRule {
  return {
    acceptance: {
      days: 10,
      unit: 'calendar_days',
      from: 'received',
      article: `Chương V (Điều 48–50) ${KN}: thụ lý trong 10 ngày (văn bản ghi "ngày": tính theo ngày, Điều 147–148 Bộ luật Dân sự)`,
    },
    resolution: {
      days: 30,
      unit: 'calendar_days',
      from: 'accepted',
      complex: 45,
      article: `Chương V (Điều 48–50) ${KN}: giải quyết lần ${round === 1 ? 'đầu' : 'hai'} không quá 30 ngày, phức tạp không quá 45 ngày`,
    },
    suspension: complaintSuspension2011,
    withdrawal: { article: `Điều 10 ${KN}` },
    ...(round === 1
      ? {
          secondRoundWindow: {
            days: 10,
            unit: 'calendar_days',
            from: 'concluded_or_resolution_due',
            article: `Điều 49 ${KN}: khiếu nại lần hai trong 10 ngày (30 ngày nếu là quyết định buộc thôi việc — sửa số ngày khi áp dụng)`,
          },
        }
      : {}),
  };
}

const denunciation: TypeRule = {
  initialProcessing: {
    days: 7,
    unit: 'working_days',
    from: 'received',
    severalPlaces: 10,
    article: `Khoản 1 Điều 24 ${TC} (10 ngày làm việc nếu cần kiểm tra, xác minh ở nhiều địa điểm)`,
  },
  forwarding: {
    days: 5,
    unit: 'working_days',
    from: 'received',
    article: `Điều 24 ${TC} (không thuộc thẩm quyền: chuyển đơn và thông báo người tố cáo)`,
  },
  notifyAccused: {
    days: 5,
    unit: 'working_days',
    from: 'accepted',
    article: `Điều 29 ${TC} (thông báo thụ lý cho người tố cáo, nội dung tố cáo cho người bị tố cáo)`,
  },
  resolution: {
    days: 30,
    unit: 'calendar_days',
    from: 'accepted',
    article: `Khoản 1 Điều 30 ${TC}`,
  },
  extensions: {
    maxCount: { normal: 0, complex: 1, veryComplex: 2 },
    maxDaysEach: 30,
    decidedBy:
      'Người giải quyết tố cáo, bằng văn bản gửi người tố cáo, người bị tố cáo và cơ quan, tổ chức, cá nhân có liên quan (Mẫu 01 Nghị định 31/2019/NĐ-CP)',
    article: `Khoản 2–4 Điều 30 ${TC}`,
  },
  suspension: {
    allowed: true,
    article: `Điều 34 ${TC} (thời gian tạm đình chỉ không tính vào thời hạn giải quyết tố cáo)`,
  },
  withdrawal: { article: `Điều 33 ${TC}` },
  publication: {
    days: 15,
    unit: 'calendar_days',
    from: 'concluded',
    article:
      'Điều 6 Nghị định 31/2019/NĐ-CP (niêm yết ít nhất 15 ngày liên tục hoặc đăng cổng thông tin ít nhất 15 ngày; không công khai thông tin người tố cáo)',
  },
  reDenunciationReview: {
    days: 20,
    unit: 'calendar_days',
    from: 'received',
    article: `Điều 37 ${TC} (cấp trên trực tiếp xem xét tố cáo tiếp, kể từ ngày nhận)`,
  },
  overdueReport: {
    days: 5,
    unit: 'working_days',
    from: 'resolution_due',
    article: `Điều 38 ${TC} (tố cáo tiếp khi quá hạn: cấp trên yêu cầu báo cáo trong 05 ngày làm việc; giả định tố cáo tiếp ngay khi hết hạn)`,
  },
};

const petition: TypeRule = {
  resolution: {
    days: 10,
    unit: 'working_days',
    from: 'received',
    article: `${ASSOCIATION_DEFAULT}: pháp luật không quy định thời hạn chung cho kiến nghị, phản ánh; tham chiếu thời hạn xử lý đơn 10 ngày làm việc của Thông tư 05/2021/TT-TTCP về xử lý đơn`,
  },
  suspension: { allowed: true, article: ASSOCIATION_DEFAULT },
  withdrawal: { article: ASSOCIATION_DEFAULT },
};

const dispute: TypeRule = {
  resolution: {
    days: 30,
    unit: 'calendar_days',
    from: 'received',
    article: `${ASSOCIATION_DEFAULT}: hòa giải mâu thuẫn, bất đồng nội bộ trong 30 ngày; luật khiếu nại, tố cáo không quy định thời hạn này`,
  },
  suspension: { allowed: true, article: ASSOCIATION_DEFAULT },
  withdrawal: { article: ASSOCIATION_DEFAULT },
};

const VN_2019: RuleSet = {
  code: 'VN-2019',
  name: {
    vi: 'Quy định quốc gia: Luật Khiếu nại 2011, Luật Tố cáo 2018',
    en: 'National rules: Law on Complaints 2011, Law on Denunciations 2018',
  },
  effectiveFrom: '2019-01-01',
  citation:
    'Luật Khiếu nại số 02/2011/QH13; Luật Tố cáo số 25/2018/QH14 (hiệu lực 01/01/2019); Nghị định 124/2020/NĐ-CP (hiệu lực 01/12/2020, thay Thông tư 07/2013/TT-TTCP đã sửa đổi bởi Thông tư 02/2016/TT-TTCP — cùng thời hạn thụ lý 10 ngày làm việc); Nghị định 31/2019/NĐ-CP. Kiến nghị, phản ánh và hòa giải: mặc định của hội, không phải thời hạn luật định. Nguồn: Bộ pháp điển (khieu-nai.md, to-cao.md).',
  rules: {
    complaint: { 1: complaintRound(1), 2: complaintRound(2) },
    complaint_discipline: { 1: disciplineRound(1), 2: disciplineRound(2) },
    denunciation: { 1: denunciation },
    petition: { 1: petition },
    dispute: { 1: dispute },
  },
};

/** The 2019 rules with the amendments in force from 1 Jul 2026. */
function amended2026(base: RuleSet): RuleSet {
  const set = structuredClone(base);
  set.code = 'VN-2026-07';
  set.name = {
    vi: 'Quy định quốc gia từ 01/7/2026 (Luật 136/2025/QH15)',
    en: 'National rules from 1 Jul 2026 (Law 136/2025/QH15)',
  };
  set.effectiveFrom = '2026-07-01';
  set.citation =
    'Như bộ VN-2019, sửa đổi bởi Luật 136/2025/QH15 (thông qua 10/12/2025, hiệu lực 01/7/2026). Thụ lý khiếu nại 07 ngày làm việc theo khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP sửa đổi bởi Nghị định 155/2026/NĐ-CP — ⚠ NGUỒN THỨ CẤP (Bộ pháp điển, chưa đối chiếu Công báo). Tạm đình chỉ giải quyết khiếu nại theo Điều 11a bổ sung. Các thời hạn khác giữ nguyên vì chưa xác nhận Luật 136/2025 có thay đổi.';
  for (const round of [1, 2] as const) {
    const rule = set.rules.complaint[round];
    rule.acceptance = {
      days: 7,
      unit: 'working_days',
      from: 'received',
      article: `Điều ${round === 1 ? 27 : 36} ${KN} (sửa đổi 2025); khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP sửa đổi bởi Nghị định 155/2026/NĐ-CP (⚠ nguồn thứ cấp)`,
    };
  }
  for (const type of ['complaint', 'complaint_discipline'] as const) {
    for (const round of [1, 2] as const) {
      const rule = set.rules[type][round];
      rule.suspension = {
        allowed: true,
        article: `Điều 11a ${KN} (bổ sung bởi Luật 136/2025/QH15): căn cứ tạm đình chỉ; giả định thời gian tạm đình chỉ không tính vào thời hạn giải quyết (⚠ chưa đối chiếu văn bản gốc)`,
      };
      rule.withdrawal = { article: `Điều 10 ${KN} (sửa đổi bởi Luật 136/2025/QH15)` };
    }
  }
  return set;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** National rule sets, oldest first (frozen: clone one to derive an association's own). */
export const NATIONAL_RULE_SETS: readonly RuleSet[] = deepFreeze([VN_2019, amended2026(VN_2019)]);

/**
 * The rule set in force for a case received on `receivedOn`: the latest `effectiveFrom` on or
 * before it; on a tie the later in the list wins (callers list association sets after national
 * ones). Null if none applies yet.
 *
 * @example selectRuleSet(NATIONAL_RULE_SETS, '2026-07-01')?.code // 'VN-2026-07'
 */
export function selectRuleSet(ruleSets: readonly RuleSet[], receivedOn: string): RuleSet | null {
  let best: RuleSet | null = null;
  for (const set of ruleSets)
    if (set.effectiveFrom <= receivedOn && (!best || set.effectiveFrom >= best.effectiveFrom))
      best = set;
  return best;
}

/** The rules of one case type and round in a set, or null if the set has no such round. */
export function typeRuleOf(ruleSet: RuleSet, type: CaseType, round: 1 | 2): TypeRule | null {
  const rounds: Partial<Record<1 | 2, TypeRule>> = ruleSet.rules[type];
  return rounds[round] ?? null;
}
