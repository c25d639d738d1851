import { useState } from 'react';
import { App, Button, Col, Form, Input, Row, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '@hoi/contracts';
import {
  AGGREGATIONS,
  DISAGGREGATIONS,
  IndicatorCodeSchema,
  INDICATOR_TYPES,
  TASK_AREAS,
} from '@hoi/contracts';
import { createIndicator, reportQueries } from '../../api/reports-api';
import { FormModal } from '../../components/FormModal';
import { useFormRules, zodRule } from '../../lib/form-rules';
import { useReportLabels } from './report-labels';
import type { IndicatorFormValues } from './template-form';
import { defaultAggregation, indicatorFormToBody, NO_TASK_AREA } from './template-form';

const INITIAL: Partial<IndicatorFormValues> = {
  type: 'count',
  aggregation: 'sum',
  disaggregation: 'none',
  taskArea: NO_TASK_AREA,
};

/** Indicator options `code — name` for a select, searchable by both. */
export function indicatorOption(indicator: Indicator, lang: 'vi' | 'en') {
  return {
    value: indicator.code,
    label: `${indicator.code} — ${indicator.name[lang]}`,
  };
}

/**
 * "Thêm chỉ tiêu nhập tay": a button and its dialog defining a manual indicator of the
 * association (code, names, type, roll-up, weight when weighted, breakdown, task area). The new
 * indicator joins the catalogue; `onCreated` may put it in a section.
 */
export function ManualIndicatorButton({
  catalogue,
  onCreated,
}: {
  catalogue: readonly Indicator[];
  onCreated?: (indicator: Indicator) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useReportLabels();
  const queryClient = useQueryClient();
  const { required, requiredValue } = useFormRules();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<IndicatorFormValues>();
  const aggregation = Form.useWatch('aggregation', form);
  // A weight must be a number the template can also hold: any non-text indicator.
  const weights = catalogue.filter((indicator) => indicator.type !== 'text');

  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="indicator-add">
        {t('reports.templates.indicatorAdd')}
      </Button>
      <FormModal<IndicatorFormValues>
        open={open}
        form={form}
        width={640}
        title={t('reports.templates.indicatorAdd')}
        initialValues={INITIAL}
        fieldForCode={{ DUPLICATE_CODE: 'code' }}
        onCancel={() => setOpen(false)}
        onSubmit={async (values) => {
          const created = await createIndicator(indicatorFormToBody(values));
          queryClient.setQueryData(reportQueries.indicators().queryKey, (previous) =>
            previous
              ? [...previous, created].sort((a, b) => a.code.localeCompare(b.code))
              : previous,
          );
          await queryClient.invalidateQueries({ queryKey: reportQueries.indicators().queryKey });
          void message.success(t('reports.templates.indicatorCreated', { code: created.code }));
          onCreated?.(created);
        }}
      >
        <Form.Item
          name="code"
          label={t('reports.templates.indicatorCode')}
          extra={t('reports.templates.indicatorCodeHint')}
          rules={[
            required,
            zodRule(IndicatorCodeSchema, t('reports.templates.indicatorCodePattern')),
          ]}
          normalize={(value: string) => value.toLowerCase()}
        >
          <Input maxLength={60} autoComplete="off" data-testid="indicator-code" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['name', 'vi']}
              label={t('reports.templates.indicatorNameVi')}
              rules={[required, { max: 300 }]}
            >
              <Input maxLength={300} data-testid="indicator-name-vi" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['name', 'en']}
              label={t('reports.templates.indicatorNameEn')}
              rules={[required, { max: 300 }]}
            >
              <Input maxLength={300} lang="en" data-testid="indicator-name-en" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="type"
              label={t('reports.templates.indicatorType')}
              rules={[requiredValue]}
            >
              <Select
                options={INDICATOR_TYPES.map((type) => ({
                  value: type,
                  label: t(`reports.templates.types.${type}`),
                }))}
                onChange={(type: IndicatorFormValues['type']) =>
                  form.setFieldValue('aggregation', defaultAggregation(type))
                }
                data-testid="indicator-type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="aggregation"
              label={t('reports.templates.aggregation')}
              rules={[requiredValue]}
            >
              <Select
                options={AGGREGATIONS.map((value) => ({
                  value,
                  label: t(`reports.templates.aggregations.${value}`),
                }))}
                data-testid="indicator-aggregation"
              />
            </Form.Item>
          </Col>
        </Row>
        {aggregation === 'weighted' && (
          <Form.Item
            name="weightCode"
            label={t('reports.templates.weightCode')}
            extra={t('reports.templates.weightCodeHint')}
            rules={[requiredValue]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={weights.map((indicator) => indicatorOption(indicator, labels.lang))}
              data-testid="indicator-weight"
            />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="disaggregation"
              label={t('reports.templates.disaggregation')}
              rules={[requiredValue]}
            >
              <Select
                options={(['none', ...DISAGGREGATIONS] as const).map((value) => ({
                  value,
                  label: t(`reports.templates.disaggregations.${value}`),
                }))}
                data-testid="indicator-disaggregation"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="taskArea" label={t('reports.templates.taskArea')}>
              <Select
                options={[
                  { value: NO_TASK_AREA, label: t('reports.templates.noTaskArea') },
                  ...TASK_AREAS.map((area) => ({ value: area, label: labels.taskAreaName(area) })),
                ]}
                data-testid="indicator-task-area"
              />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
