import type { ReactNode } from 'react';
import { Button, Flex, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PeriodType } from '@hoi/contracts';
import { PERIOD_TYPES } from '@hoi/contracts';
import { formatDate } from '../../lib/format';
import { UrlUnitPicker } from '../transfers/UrlUnitPicker';
import { useReportLabels } from './report-labels';
import type { PeriodKeyOption } from './report-slots';
import type { ReportSelection } from './use-report-selection';

/** ‹ 2026 › : the year whose periods the period box offers. */
export function YearSwitcher({
  year,
  onChange,
}: {
  year: number;
  onChange: (year: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact>
      <Button
        icon={<LeftOutlined />}
        aria-label={t('reports.select.prevYear')}
        onClick={() => onChange(year - 1)}
        data-testid="year-prev"
      />
      <Button
        style={{ pointerEvents: 'none', minWidth: 64 }}
        aria-label={t('reports.select.year')}
        data-testid="report-year"
      >
        {year}
      </Button>
      <Button
        icon={<RightOutlined />}
        aria-label={t('reports.select.nextYear')}
        onClick={() => onChange(year + 1)}
        data-testid="year-next"
      />
    </Space.Compact>
  );
}

interface PeriodChoice {
  key: string;
  type: PeriodType;
  label: { vi: string; en: string };
  from?: string;
  to?: string;
}

/** Periods grouped by type (months, quarters, …), each labelled with its data range. */
export function PeriodSelect({
  periods,
  value,
  onChange,
  loading,
}: {
  periods: readonly (PeriodChoice | PeriodKeyOption)[];
  value: string | undefined;
  onChange: (key: string) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const options = PERIOD_TYPES.map((type) => ({
    label: labels.periodTypeName(type),
    title: type,
    options: periods
      .filter((period) => period.type === type)
      .map((period) => {
        const range =
          'from' in period && period.from && period.to
            ? ` (${formatDate(period.from)}–${formatDate(period.to)})`
            : '';
        return { value: period.key, label: `${labels.text(period.label)}${range}` };
      }),
  })).filter((group) => group.options.length > 0);
  return (
    <Select<string>
      value={value}
      loading={loading}
      placeholder={t('reports.select.periodPlaceholder')}
      aria-label={t('reports.select.period')}
      style={{ flex: '1 1 260px', minWidth: 220, maxWidth: 380 }}
      options={options}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="report-period"
    />
  );
}

/**
 * The template, year, period and unit boxes of the report screens, writing the address
 * (see useReportSelection). `unitValue` labels the unit shown when the address names none.
 */
export function ReportSelectors({
  selection,
  unitValue,
  extra,
}: {
  selection: ReportSelection;
  unitValue?: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const { templates, periods } = selection;
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      <Select<string>
        value={selection.templateId}
        loading={templates.isPending}
        placeholder={t('reports.select.templatePlaceholder')}
        aria-label={t('reports.select.template')}
        style={{ flex: '1 1 240px', minWidth: 200, maxWidth: 360 }}
        options={(templates.data ?? []).map((template) => ({
          value: template.id,
          label: template.active
            ? `${labels.text(template.name)} (${template.code})`
            : `${labels.text(template.name)} (${template.code}, ${t('reports.select.inactive')})`,
        }))}
        onChange={(templateId) => selection.setParams({ templateId, period: undefined })}
        data-testid="report-template"
      />
      <YearSwitcher
        year={selection.year}
        onChange={(year) => selection.setParams({ year: String(year), period: undefined })}
      />
      <PeriodSelect
        periods={periods.data ?? []}
        value={selection.period}
        loading={periods.isFetching}
        onChange={(period) => selection.setParams({ period })}
      />
      <div style={{ flex: '1 1 240px', maxWidth: 360 }}>
        <UrlUnitPicker
          value={selection.unitId ?? unitValue}
          placeholder={t('reports.select.unitPlaceholder')}
          onChange={(unitId) => selection.setParams({ unitId }, true)}
          data-testid="report-unit"
        />
      </div>
      {extra}
      {templates.data?.length === 0 && (
        <Typography.Text type="secondary">{t('reports.select.noTemplates')}</Typography.Text>
      )}
    </Flex>
  );
}
