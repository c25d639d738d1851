import type { HTMLAttributes } from 'react';
import { Card, Flex, Input, InputNumber, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Indicator, Report, TemplateSection } from '@hoi/contracts';
import { useReportLabels } from './report-labels';
import type { SlotRow } from './report-slots';
import { buildSectionRows, inputBounds, isManualRow } from './report-slots';

/** The values and texts shown: the saved report overlaid with the officer's unsaved edits. */
export interface ReportFormState {
  values: Record<string, number | null>;
  texts: Record<string, string>;
}

interface SectionProps {
  section: TemplateSection;
  indicators: ReadonlyMap<string, Indicator>;
  report: Report;
  state: ReportFormState;
  editable: boolean;
  onValue: (slotKey: string, value: number | null) => void;
  onText: (key: string, text: string) => void;
}

/** InputNumber props for an indicator type: whole numbers grouped `1.234.567`, 0–100 for %. */
function useNumberInputProps(type: Indicator['type']) {
  const { t, i18n } = useTranslation();
  const isEnglish = i18n.language.startsWith('en');
  const bounds = inputBounds(type);
  if (type === 'percent')
    return { ...bounds, step: 0.1, suffix: '%', decimalSeparator: isEnglish ? '.' : ',' };
  const separator = isEnglish ? ',' : '.';
  return {
    ...bounds,
    step: 1,
    inputMode: 'numeric' as const,
    suffix: type === 'money' ? t('reports.currency') : undefined,
    formatter: (value: number | string | undefined) =>
      value === undefined || value === ''
        ? ''
        : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator),
    parser: (text: string | undefined) => (text ?? '').replace(/\D/g, ''),
  };
}

function NumberInput({
  row,
  type,
  value,
  onChange,
}: {
  row: SlotRow;
  type: Indicator['type'];
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  const labels = useReportLabels();
  const props = useNumberInputProps(type);
  const name = labels.indicatorName(row.indicator, row.code);
  return (
    <InputNumber
      {...props}
      value={value}
      onChange={(next) => onChange(typeof next === 'number' ? next : null)}
      style={{ width: '100%', minWidth: 140, maxWidth: 220 }}
      aria-label={row.category ? `${name} — ${labels.categoryName(row.category)}` : name}
      data-testid={`slot-${row.key}`}
    />
  );
}

/** A narrative text: a text area when editable, else its paragraphs. */
export function NarrativeText({
  textKey,
  value,
  editable,
  label,
  onChange,
}: {
  textKey: string;
  value: string;
  editable: boolean;
  label: string;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  if (editable)
    return (
      <Input.TextArea
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoSize={{ minRows: 3, maxRows: 20 }}
        maxLength={20000}
        placeholder={t('reports.report.narrativePlaceholder')}
        aria-label={label}
        data-testid={`text-${textKey}`}
      />
    );
  const paragraphs = value.split(/\n+/).filter((line) => line.trim().length > 0);
  if (paragraphs.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={`text-${textKey}`}>
        {t('reports.report.noNarrative')}
      </Typography.Text>
    );
  return (
    <div data-testid={`text-${textKey}`}>
      {paragraphs.map((paragraph, index) => (
        <Typography.Paragraph key={index} style={{ whiteSpace: 'pre-wrap' }}>
          {paragraph}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

/**
 * One section of the report in template order: its title, its indicator table (a row per slot:
 * the total and, for disaggregated indicators, indented categories; automatic values read-only
 * with a "Tự động" tag; the children's roll-up with a warning where it differs) and its
 * narrative.
 */
export function ReportSectionCard(props: SectionProps) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const { section, report, state, editable } = props;
  const rows = buildSectionRows(section, props.indicators);
  const mismatches = new Set(report.rollup.mismatches);
  const showRollup = report.rollup.childrenExpected > 0;

  const valueCell = (row: SlotRow) => {
    const type = row.indicator?.type;
    if (type === 'text') {
      if (row.category) return null;
      return (
        <NarrativeText
          textKey={row.code}
          value={state.texts[row.code] ?? ''}
          editable={editable && isManualRow(row)}
          label={labels.indicatorName(row.indicator, row.code)}
          onChange={(text) => props.onText(row.code, text)}
        />
      );
    }
    const value = state.values[row.key] ?? null;
    if (editable && isManualRow(row) && type)
      return (
        <NumberInput
          row={row}
          type={type}
          value={value}
          onChange={(next) => props.onValue(row.key, next)}
        />
      );
    return (
      <Typography.Text strong={row.category === null} data-testid={`value-${row.key}`}>
        {labels.value(value, type)}
      </Typography.Text>
    );
  };

  const columns = [
    {
      key: 'indicator',
      title: t('reports.report.indicator'),
      render: (_: unknown, row: SlotRow) =>
        row.category ? (
          <span style={{ paddingInlineStart: 24, display: 'inline-block' }}>
            {labels.categoryName(row.category)}
          </span>
        ) : (
          <Flex gap={6} wrap align="center">
            <span>{labels.indicatorName(row.indicator, row.code)}</span>
            {row.indicator?.source === 'automatic' && (
              <Tooltip title={t('reports.report.automaticHint')}>
                <Tag color="blue" variant="filled" data-testid={`auto-${row.key}`}>
                  {t('reports.report.automatic')}
                </Tag>
              </Tooltip>
            )}
          </Flex>
        ),
    },
    ...(report.valuesHidden
      ? []
      : [
          {
            key: 'value',
            title: t('reports.report.value'),
            width: 240,
            render: (_: unknown, row: SlotRow) => valueCell(row),
          },
        ]),
    ...(showRollup
      ? [
          {
            key: 'rollup',
            title: (
              <Tooltip
                title={t('reports.report.rollupHint', {
                  approved: report.rollup.childrenApproved,
                  expected: report.rollup.childrenExpected,
                })}
              >
                {t('reports.report.rollup')}
              </Tooltip>
            ),
            width: 200,
            align: 'right' as const,
            render: (_: unknown, row: SlotRow) =>
              row.indicator?.type === 'text' ? null : (
                <Flex gap={6} justify="flex-end" align="center">
                  <span data-testid={`rollup-${row.key}`}>
                    {labels.value(report.rollup.values[row.key], row.indicator?.type)}
                  </span>
                  {mismatches.has(row.key) && (
                    <Tooltip title={t('reports.report.mismatch')}>
                      <WarningOutlined
                        style={{ color: '#fa8c16' }}
                        aria-label={t('reports.report.mismatch')}
                        data-testid={`mismatch-${row.key}`}
                      />
                    </Tooltip>
                  )}
                </Flex>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={labels.text(section.title)}
      data-testid={`section-${section.key}`}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      {rows.length > 0 && (
        <Table<SlotRow>
          size="small"
          rowKey="key"
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ 'data-testid': `row-${row.key}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {section.narrative && !report.valuesHidden && (
        <NarrativeText
          textKey={section.key}
          value={state.texts[section.key] ?? ''}
          editable={editable}
          label={labels.text(section.title)}
          onChange={(text) => props.onText(section.key, text)}
        />
      )}
    </Card>
  );
}
