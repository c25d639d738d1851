import type { HTMLAttributes } from 'react';
import { useEffect, useMemo, useState } from 'react';
import {
  AutoComplete,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OversightComparison } from '@hoi/contracts';
import type { OversightQuery } from '../../api/reports-api';
import { oversightDocumentUrl, reportQueries } from '../../api/reports-api';
import { useCan } from '../../auth/me-context';
import type { EChartOption } from '../../components/EChart';
import { EChart } from '../../components/EChart';
import { formatDateTimeMinutes } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { CaseErrorAlert } from '../cases/CaseErrorAlert';
import { useReportLabels } from './report-labels';
import {
  formatIndicatorValue,
  lastEndedQuarterKey,
  periodKeysOfYear,
  yearOfPeriodKey,
} from './report-slots';
import { PeriodSelect, YearSwitcher } from './ReportSelectors';
import { ReportStatusTag, TimelinessTag } from './ReportTags';
import { todayIso } from './use-report-selection';
import { useUrlParams } from '../../lib/use-url-params';

const DEFAULT_TEMPLATE_CODE = 'BC-DINHKY';

type Association = OversightComparison['associations'][number];
type ComparedIndicator = OversightComparison['indicators'][number];

/** One indicator compared across the associations as a bar chart. */
function IndicatorBars({
  indicator,
  associations,
}: {
  indicator: ComparedIndicator;
  associations: Association[];
}) {
  const { t, i18n } = useTranslation();
  const labels = useReportLabels();
  const lang = i18n.language;
  const currency = t('reports.currency');
  const name = labels.text(indicator.name);
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) =>
          formatIndicatorValue(
            typeof value === 'number' ? value : null,
            indicator.type,
            lang,
            currency,
          ),
      },
      xAxis: {
        type: 'category',
        data: associations.map((association) => association.name),
        axisLabel: {
          interval: 0,
          rotate: associations.length > 6 ? 30 : 0,
          width: 140,
          overflow: 'truncate',
        },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: indicator.type === 'percent' ? 100 : undefined,
        axisLabel: {
          formatter: (value: number) =>
            new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN', {
              notation: 'compact',
            }).format(value),
        },
      },
      series: [
        {
          type: 'bar',
          name,
          data: associations.map((association) => association.values[indicator.code] ?? null),
          itemStyle: { color: '#b71c1c' },
          barMaxWidth: 40,
        },
      ],
    }),
    [indicator, associations, name, lang, currency],
  );
  return (
    <Card size="small" title={name} data-testid={`oversight-chart-${indicator.code}`}>
      <EChart option={option} height={280} label={name} />
    </Card>
  );
}

/**
 * /oversight: the oversight body's comparison of the associations' approved reports on one
 * template (by code, default BC-DINHKY) and period: status, timeliness and the figures of each
 * association, and bar charts of the chosen indicators. No personal data.
 */
export function OversightPage() {
  const { t } = useTranslation();
  const can = useCan();
  const labels = useReportLabels();
  const { searchParams, setSearchParams, setParams } = useUrlParams();
  const templateCode = searchParams.get('templateCode') ?? DEFAULT_TEMPLATE_CODE;
  const periodParam = searchParams.get('period');
  const period = periodParam ?? lastEndedQuarterKey(todayIso());
  const year =
    Number(searchParams.get('year')) || yearOfPeriodKey(period) || new Date().getFullYear();
  const chosen = searchParams.get('indicators');
  const [code, setCode] = useState(templateCode);
  const settledCode = useDebounced(code.trim().toUpperCase(), 400);
  const canRead = can('oversight.read');


  // The typed code reaches the address (and the query) once typing settles.
  useEffect(() => {
    if (!settledCode || settledCode === templateCode) return;
    const next = new URLSearchParams(searchParams);
    if (settledCode === DEFAULT_TEMPLATE_CODE) next.delete('templateCode');
    else next.set('templateCode', settledCode);
    next.delete('indicators');
    setSearchParams(next, { replace: true });
  }, [settledCode, templateCode, searchParams, setSearchParams]);

  // Officers who also read reports get their templates' codes as suggestions.
  const templates = useQuery({ ...reportQueries.templates(), enabled: can('report.read') });
  const query: OversightQuery = { templateCode, period };
  const comparison = useQuery({
    ...reportQueries.oversight(query),
    enabled: canRead && templateCode.length > 0,
    placeholderData: keepPreviousData,
  });

  if (!canRead) return <Result status="403" title={t('reports.oversightForbidden')} />;

  const data = comparison.data;
  const numeric = (data?.indicators ?? []).filter((indicator) => indicator.type !== 'text');
  const selectedCodes =
    chosen === null
      ? numeric.slice(0, 1).map((indicator) => indicator.code)
      : chosen.split(',').filter((value) => numeric.some((indicator) => indicator.code === value));
  const selected = numeric.filter((indicator) => selectedCodes.includes(indicator.code));

  const columns = [
    {
      key: 'association',
      title: t('reports.oversight.association'),
      fixed: 'start' as const,
      render: (_: unknown, row: Association) => (
        <span>
          {row.name} <Typography.Text type="secondary">· {row.code}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'status',
      title: t('reports.list.status'),
      render: (_: unknown, row: Association) => (
        <ReportStatusTag status={row.status} data-testid="oversight-row-status" />
      ),
    },
    {
      key: 'timeliness',
      title: t('reports.list.timeliness'),
      render: (_: unknown, row: Association) => (
        <TimelinessTag timeliness={row.timeliness} data-testid="oversight-row-timeliness" />
      ),
    },
    {
      key: 'submittedAt',
      title: t('reports.oversight.submittedAt'),
      render: (_: unknown, row: Association) =>
        row.submittedAt ? formatDateTimeMinutes(row.submittedAt) : '—',
    },
    ...numeric.map((indicator) => ({
      key: indicator.code,
      title: labels.text(indicator.name),
      align: 'right' as const,
      render: (_: unknown, row: Association) => (
        <span data-testid={`oversight-value-${indicator.code}`}>
          {labels.value(row.values[indicator.code], indicator.type)}
        </span>
      ),
    })),
  ];

  return (
    <Card title={t('reports.oversight.title')} data-testid="oversight-page">
      <Typography.Paragraph type="secondary">{t('reports.oversight.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Space size={6}>
          <Typography.Text>{t('reports.oversight.templateCode')}:</Typography.Text>
          <AutoComplete
            value={code}
            onChange={(value: string) => setCode(value)}
            options={(templates.data ?? []).map((template) => ({
              value: template.code,
              label: `${template.code} — ${labels.text(template.name)}`,
            }))}
            style={{ width: 220 }}
            aria-label={t('reports.oversight.templateCode')}
            maxLength={40}
            data-testid="oversight-template-code"
          />
        </Space>
        <YearSwitcher
          year={year}
          onChange={(next) =>
            setParams({
              year: String(next),
              period: `${next}${period.slice(4)}`,
            })
          }
        />
        <PeriodSelect
          periods={periodKeysOfYear(year)}
          value={period}
          onChange={(next) => setParams({ period: next })}
        />
        <Space size={8} wrap style={{ marginInlineStart: 'auto' }}>
          <Button
            icon={<FileWordOutlined />}
            href={oversightDocumentUrl(query, 'docx')}
            download
            data-testid="oversight-download-docx"
          >
            {t('reports.report.downloadDocx')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            href={oversightDocumentUrl(query, 'xlsx')}
            download
            data-testid="oversight-download-xlsx"
          >
            {t('reports.report.downloadXlsx')}
          </Button>
        </Space>
      </Flex>
      <CaseErrorAlert error={comparison.error} />
      {comparison.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <Flex vertical gap={16} style={{ opacity: comparison.isPlaceholderData ? 0.6 : 1 }}>
          <Table<Association>
            size="small"
            rowKey="id"
            dataSource={data.associations}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('reports.oversight.noAssociations')} /> }}
            onRow={(row) =>
              ({ 'data-testid': `oversight-row-${row.code}` }) as HTMLAttributes<HTMLElement>
            }
            data-testid="oversight-table"
          />
          {numeric.length > 0 && data.associations.length > 0 && (
            <>
              <Flex gap={8} wrap align="center">
                <Typography.Text>{t('reports.oversight.compare')}:</Typography.Text>
                <Select<string[]>
                  mode="multiple"
                  value={selectedCodes}
                  placeholder={t('reports.oversight.comparePlaceholder')}
                  aria-label={t('reports.oversight.compare')}
                  style={{ flex: '1 1 320px', maxWidth: 720 }}
                  options={numeric.map((indicator) => ({
                    value: indicator.code,
                    label: labels.text(indicator.name),
                  }))}
                  onChange={(codes) => setParams({ indicators: codes.join(',') || 'none' })}
                  data-testid="oversight-indicators"
                />
              </Flex>
              <Row gutter={[16, 16]}>
                {selected.map((indicator) => (
                  <Col key={indicator.code} xs={24} xl={12}>
                    <IndicatorBars indicator={indicator} associations={data.associations} />
                  </Col>
                ))}
              </Row>
            </>
          )}
        </Flex>
      )}
    </Card>
  );
}
