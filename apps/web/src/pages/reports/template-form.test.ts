import { describe, expect, it } from 'vitest';
import type { TemplateBody } from '@hoi/contracts';
import { TemplateBodySchema } from '@hoi/contracts';
import {
  emptyRule,
  emptySection,
  emptyTemplateForm,
  formToTemplateBody,
  indicatorFormToBody,
  levelChoices,
  NO_TASK_AREA,
  templateToForm,
} from './template-form';

const body: TemplateBody = {
  code: 'BC-QUY',
  name: { vi: 'Báo cáo quý', en: 'Quarterly report' },
  periodTypes: ['quarter', 'year'],
  levels: [0, 2],
  cutoffDay: 15,
  deadlines: [
    { level: 0, workingDays: 10 },
    { level: 2, workingDays: 5 },
  ],
  hideUnapproved: true,
  sections: [
    {
      key: 'to_chuc',
      title: { vi: 'Tổ chức', en: 'Organization' },
      taskArea: 3,
      indicators: ['members.active', 'members.admitted'],
      narrative: true,
    },
    {
      key: 'kien_nghi',
      title: { vi: 'Kiến nghị', en: 'Recommendations' },
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
      message: { vi: 'Kết nạp không quá số hội viên', en: 'Admitted at most active' },
    },
  ],
};

describe('template form values', () => {
  it('round-trips a template body through the form', () => {
    const form = templateToForm(body);
    expect(form.deadlines).toEqual({ '0': 10, '2': 5 });
    expect(form.sections[1]?.taskArea).toBe(NO_TASK_AREA);
    expect(formToTemplateBody(form)).toEqual(body);
  });

  it('trims, orders and drops deadlines of levels no longer reporting', () => {
    const form = templateToForm(body);
    const values = {
      ...form,
      code: ' BC-QUY ',
      periodTypes: ['year', 'month'] as const,
      levels: [3, 0, 3],
      deadlines: { '0': 8, '2': 5, '3': null },
      sections: [{ ...form.sections[0]!, indicators: ['a.b', 'c', 'a.b'], key: ' s1 ' }],
      rules: [{ ...body.rules[0]!, left: ' members.admitted ' }],
    };
    const result = formToTemplateBody({ ...values, periodTypes: [...values.periodTypes] });
    expect(result.code).toBe('BC-QUY');
    expect(result.periodTypes).toEqual(['month', 'year']);
    expect(result.levels).toEqual([0, 3]);
    expect(result.deadlines).toEqual([{ level: 0, workingDays: 8 }]);
    expect(result.sections[0]).toMatchObject({ key: 's1', indicators: ['a.b', 'c'] });
    expect(result.rules[0]?.left).toBe('members.admitted');
  });

  it('starts a new template that the contract accepts once named and given levels', () => {
    const form = emptyTemplateForm();
    const result = formToTemplateBody({
      ...form,
      code: 'BC-MOI',
      name: { vi: 'Mới', en: 'New' },
      levels: [1],
      sections: form.sections.map((section) => ({ ...section, title: { vi: 'A', en: 'A' } })),
    });
    expect(TemplateBodySchema.safeParse(result).success).toBe(true);
  });

  it('gives new sections and rules keys no other one has', () => {
    expect(emptySection(['phan_1', 'phan_3']).key).toBe('phan_2');
    expect(emptyRule([]).code).toBe('rule_1');
  });

  it('offers levels 0–4, more when the association names more or a template uses them', () => {
    expect(levelChoices([], [])).toEqual([0, 1, 2, 3, 4]);
    expect(levelChoices(['TW', 'Tỉnh', 'Huyện', 'Xã', 'Chi hội', 'Tổ'], [])).toHaveLength(6);
    expect(levelChoices([], [7])).toHaveLength(8);
  });
});

describe('manual indicator form', () => {
  it('keeps the weight only for weighted indicators and maps "none" choices', () => {
    expect(
      indicatorFormToBody({
        code: ' care.rate ',
        name: { vi: 'Tỷ lệ', en: 'Rate' },
        type: 'percent',
        aggregation: 'weighted',
        weightCode: 'members.active',
        disaggregation: 'none',
        taskArea: NO_TASK_AREA,
      }),
    ).toEqual({
      code: 'care.rate',
      name: { vi: 'Tỷ lệ', en: 'Rate' },
      type: 'percent',
      aggregation: 'weighted',
      weightCode: 'members.active',
      disaggregation: [],
      taskArea: null,
    });
    expect(
      indicatorFormToBody({
        code: 'care.visits',
        name: { vi: 'Thăm hỏi', en: 'Visits' },
        type: 'count',
        aggregation: 'sum',
        weightCode: 'members.active',
        disaggregation: 'sex',
        taskArea: 5,
      }),
    ).toMatchObject({ weightCode: null, disaggregation: ['sex'], taskArea: 5 });
  });
});
