/**
 * What every association starts with: manual indicators for the directive's task areas that the
 * platform cannot count yet, and the periodic report template "BC-DINHKY" (biểu mẫu + đề cương):
 * one section per task area, then shortcomings, next tasks and recommendations. Both are data
 * the association edits afterwards.
 */
import type { Indicator, TemplateBody } from '@hoi/contracts';

const manual = (
  code: string,
  vi: string,
  en: string,
  type: Indicator['type'],
  taskArea: number,
  aggregation: Indicator['aggregation'] = type === 'text' ? 'none' : 'sum',
): Indicator => ({
  code,
  name: { vi, en },
  type,
  aggregation,
  weightCode: null,
  disaggregation: [],
  source: 'manual',
  taskArea,
  basis: null,
});

export const DEFAULT_MANUAL_INDICATORS: Indicator[] = [
  manual(
    'propaganda.sessions',
    'Số buổi tuyên truyền, học tập nghị quyết',
    'Propaganda and study sessions held',
    'count',
    1,
  ),
  manual(
    'propaganda.attendance',
    'Số lượt cán bộ, hội viên tham dự',
    'Attendances of officers and members',
    'count',
    1,
  ),
  manual(
    'policy.documents',
    'Số văn bản triển khai, cụ thể hóa chủ trương',
    'Implementing documents issued',
    'count',
    2,
  ),
  manual(
    'programs.projects',
    'Số chương trình, dự án, đề án tham gia',
    'Programs and projects taken part in',
    'count',
    4,
  ),
  manual(
    'care.members_supported',
    'Số hội viên khó khăn được hỗ trợ',
    'Members in difficulty supported',
    'count',
    5,
  ),
  manual(
    'care.support_amount',
    'Tổng giá trị hỗ trợ, chăm lo hội viên',
    'Value of support to members',
    'money',
    5,
  ),
  manual(
    'emulation.good_models',
    'Số mô hình hay, cách làm tốt',
    'Good models and practices',
    'count',
    6,
  ),
  manual(
    'emulation.strong_branches_rate',
    'Tỷ lệ chi hội vững mạnh',
    'Share of strong branches',
    'percent',
    6,
    'average',
  ),
];

export const DEFAULT_TEMPLATE: TemplateBody = {
  code: 'BC-DINHKY',
  name: {
    vi: 'Báo cáo định kỳ kết quả công tác hội',
    en: 'Periodic report on the association’s work',
  },
  periodTypes: ['month', 'quarter', 'half', 'nine_months', 'year'],
  levels: [0, 1, 2, 3],
  cutoffDay: 15,
  // Branch → commune 3, commune → province 5, province → central 8, central → oversight 10 working days.
  deadlines: [
    { level: 3, workingDays: 3 },
    { level: 2, workingDays: 5 },
    { level: 1, workingDays: 8 },
    { level: 0, workingDays: 10 },
  ],
  hideUnapproved: false,
  sections: [
    {
      key: 'tuyen_truyen',
      title: { vi: 'Công tác tuyên truyền', en: 'Propaganda and awareness' },
      taskArea: 1,
      indicators: ['propaganda.sessions', 'propaganda.attendance'],
      narrative: true,
    },
    {
      key: 'cu_the_hoa',
      title: {
        vi: 'Cụ thể hóa và tổ chức thực hiện chủ trương, chính sách',
        en: 'Making policies concrete',
      },
      taskArea: 2,
      indicators: ['policy.documents'],
      narrative: true,
    },
    {
      key: 'to_chuc',
      title: {
        vi: 'Công tác tổ chức, cán bộ và phát triển hội viên',
        en: 'Organization, personnel and membership',
      },
      taskArea: 3,
      indicators: [
        'members.active',
        'members.people',
        'members.admitted',
        'members.transferred_in',
        'members.transferred_out',
        'members.resigned',
        'members.removed',
        'members.deceased',
      ],
      narrative: true,
    },
    {
      key: 'phoi_hop',
      title: {
        vi: 'Phối hợp, liên kết, tham gia chương trình, dự án',
        en: 'Cooperation and programs',
      },
      taskArea: 4,
      indicators: ['programs.projects'],
      narrative: true,
    },
    {
      key: 'cham_lo',
      title: {
        vi: 'Tham mưu, huy động nguồn lực, chăm lo hội viên',
        en: 'Policy advice, resources and member care',
      },
      taskArea: 5,
      indicators: [
        'dues.collected',
        'members.in_arrears',
        'care.members_supported',
        'care.support_amount',
      ],
      narrative: true,
    },
    {
      key: 'thi_dua',
      title: {
        vi: 'Thi đua, kiểm tra, giải quyết đơn thư, mô hình hay',
        en: 'Emulation, inspection, complaints, good models',
      },
      taskArea: 6,
      indicators: [
        'cases.received',
        'cases.resolved',
        'cases.resolved_on_time',
        'cases.overdue',
        'emulation.good_models',
        'emulation.strong_branches_rate',
      ],
      narrative: true,
    },
    {
      key: 'han_che',
      title: { vi: 'Tồn tại, hạn chế và nguyên nhân', en: 'Shortcomings and causes' },
      taskArea: null,
      indicators: [],
      narrative: true,
    },
    {
      key: 'nhiem_vu',
      title: { vi: 'Nhiệm vụ trọng tâm kỳ tới', en: 'Tasks for the next period' },
      taskArea: null,
      indicators: [],
      narrative: true,
    },
    {
      key: 'kien_nghi',
      title: { vi: 'Kiến nghị, đề xuất', en: 'Recommendations' },
      taskArea: null,
      indicators: [],
      narrative: true,
    },
  ],
  rules: [
    {
      code: 'admitted_le_active',
      left: 'members.admitted',
      operator: '<=',
      right: 'members.active',
      severity: 'blocking',
      message: {
        vi: 'Số kết nạp trong kỳ không thể lớn hơn số hội viên cuối kỳ',
        en: 'Admitted in the period cannot exceed active members at the cut-off',
      },
    },
    {
      code: 'attendance_ge_sessions',
      left: 'propaganda.attendance',
      operator: '>=',
      right: 'propaganda.sessions',
      severity: 'warning',
      message: {
        vi: 'Số lượt tham dự thấp hơn số buổi tuyên truyền: kiểm tra lại',
        en: 'Fewer attendances than sessions: check the figures',
      },
    },
    {
      code: 'supported_le_active',
      left: 'care.members_supported',
      operator: '<=',
      right: 'members.active',
      severity: 'warning',
      message: {
        vi: 'Số hội viên được hỗ trợ lớn hơn số hội viên',
        en: 'More members supported than members',
      },
    },
  ],
};
