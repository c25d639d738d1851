import {
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '@hoi/contracts';
import { TASK_AREAS, TemplateSectionSchema } from '@hoi/contracts';
import { useFormRules, zodRule } from '../../lib/form-rules';
import { indicatorOption } from './ManualIndicatorModal';
import { useReportLabels } from './report-labels';
import type { SectionFormValues, TemplateFormValues } from './template-form';
import { emptySection, NO_TASK_AREA } from './template-form';

/** "Tự động" (blue) for indicators counted from the registry, "Nhập tay" for typed-in ones. */
export function IndicatorSourceTag({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  return indicator.source === 'automatic' ? (
    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
      {t('reports.templates.automatic')}
    </Tag>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }}>{t('reports.templates.manual')}</Tag>
  );
}

/** A multi-select over the catalogue: each option shows code, name and where its value comes from. */
function IndicatorSelect({
  catalogue,
  testId,
  ...props
}: {
  catalogue: readonly Indicator[];
  testId: string;
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const byCode = new Map(catalogue.map((indicator) => [indicator.code, indicator]));
  return (
    <Select<string[]>
      {...props}
      mode="multiple"
      allowClear
      placeholder={t('reports.templates.indicatorsPlaceholder')}
      options={catalogue.map((indicator) => indicatorOption(indicator, labels.lang))}
      showSearch={{
        filterOption: (input, option) => {
          const indicator = byCode.get(String(option?.value));
          const haystack = indicator
            ? `${indicator.code} ${indicator.name.vi} ${indicator.name.en}`
            : String(option?.value);
          return haystack.toLowerCase().includes(input.trim().toLowerCase());
        },
      }}
      optionRender={(option) => {
        const indicator = byCode.get(String(option.value));
        if (!indicator) return option.label;
        return (
          <Flex justify="space-between" align="center" gap={8}>
            <span style={{ whiteSpace: 'normal' }}>
              <Typography.Text code>{indicator.code}</Typography.Text> {labels.text(indicator.name)}
            </span>
            <IndicatorSourceTag indicator={indicator} />
          </Flex>
        );
      }}
      tagRender={({ label, value, closable, onClose }) => (
        <Tag
          color={byCode.get(String(value))?.source === 'automatic' ? 'blue' : undefined}
          closable={closable}
          onClose={onClose}
          onMouseDown={(event) => {
            event.preventDefault();
            event.stopPropagation();
          }}
          style={{ marginBlock: 2, marginInlineEnd: 4, whiteSpace: 'normal' }}
        >
          {label}
        </Tag>
      )}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/**
 * The sections of a template (Form.List `sections`): key, titles, task area, the indicators of
 * its table in order, whether it has a narrative; each may move up or down or be removed.
 */
export function TemplateSectionsField({
  form,
  catalogue,
}: {
  form: FormInstance<TemplateFormValues>;
  catalogue: readonly Indicator[];
}) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const { required, requiredValue } = useFormRules();
  const taskAreaOptions = [
    { value: NO_TASK_AREA, label: t('reports.templates.noTaskArea') },
    ...TASK_AREAS.map((area) => ({ value: area, label: labels.taskAreaName(area) })),
  ];
  const keyRule = {
    validator: async (_rule: unknown, value: unknown) => {
      if (typeof value !== 'string' || !value.trim()) return;
      const sections = (form.getFieldValue('sections') ?? []) as SectionFormValues[];
      const same = sections.filter((section) => section.key?.trim() === value.trim());
      if (same.length > 1) throw new Error(t('reports.templates.sectionKeyDuplicate'));
    },
  };

  return (
    <Form.List
      name="sections"
      rules={[
        {
          validator: async (_rule, sections: unknown[] | undefined) => {
            if (!sections || sections.length === 0)
              throw new Error(t('reports.templates.sectionsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={12}>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              type="inner"
              title={t('reports.templates.section', { index: index + 1 })}
              data-testid={`section-${index}`}
              extra={
                <Flex gap={4}>
                  <Tooltip title={t('reports.templates.moveUp')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('reports.templates.moveUp')}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      data-testid={`section-up-${index}`}
                    />
                  </Tooltip>
                  <Tooltip title={t('reports.templates.moveDown')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('reports.templates.moveDown')}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                      data-testid={`section-down-${index}`}
                    />
                  </Tooltip>
                  <Tooltip title={t('reports.templates.remove')}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('reports.templates.remove')}
                      onClick={() => remove(field.name)}
                      data-testid={`section-remove-${index}`}
                    />
                  </Tooltip>
                </Flex>
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[field.name, 'key']}
                    label={t('reports.templates.sectionKey')}
                    rules={[
                      required,
                      zodRule(
                        TemplateSectionSchema.shape.key,
                        t('reports.templates.sectionKeyPattern'),
                      ),
                      keyRule,
                    ]}
                  >
                    <Input maxLength={40} autoComplete="off" data-testid={`section-key-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item
                    name={[field.name, 'title', 'vi']}
                    label={t('reports.templates.sectionTitleVi')}
                    rules={[required, { max: 300 }]}
                  >
                    <Input maxLength={300} data-testid={`section-title-vi-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item
                    name={[field.name, 'title', 'en']}
                    label={t('reports.templates.sectionTitleEn')}
                    rules={[required, { max: 300 }]}
                  >
                    <Input maxLength={300} lang="en" data-testid={`section-title-en-${index}`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name={[field.name, 'taskArea']}
                label={t('reports.templates.taskArea')}
                rules={[requiredValue]}
              >
                <Select options={taskAreaOptions} data-testid={`section-task-area-${index}`} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'indicators']}
                label={t('reports.templates.indicators')}
                rules={[{ type: 'array', max: 100 }]}
              >
                <IndicatorSelect catalogue={catalogue} testId={`section-indicators-${index}`} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'narrative']}
                valuePropName="checked"
                style={{ marginBottom: 0 }}
              >
                <Checkbox data-testid={`section-narrative-${index}`}>
                  {t('reports.templates.narrative')}
                </Checkbox>
              </Form.Item>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <div>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= 30}
              onClick={() =>
                add(
                  emptySection(
                    ((form.getFieldValue('sections') ?? []) as SectionFormValues[]).map(
                      (section) => section?.key,
                    ),
                  ),
                )
              }
              data-testid="section-add"
            >
              {t('reports.templates.sectionAdd')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
