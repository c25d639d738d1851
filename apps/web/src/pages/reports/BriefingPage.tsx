import type { HTMLAttributes } from 'react';
import {
  Button,
  Card,
  Empty,
  Flex,
  InputNumber,
  Result,
  Segmented,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dashboard, RollupView, Timeliness } from '@hoi/contracts';
import { ROLLUP_VIEWS } from '@hoi/contracts';
import type { DashboardQuery } from '../../api/reports-api';
import { dashboardDocumentUrl, reportQueries } from '../../api/reports-api';
import { useCan } from '../../auth/me-context';
import { CaseErrorAlert } from '../cases/CaseErrorAlert';
import { HeatmapCard, IndicatorTrendCards, ViewTag } from './BriefingCharts';
import { CompletenessStats } from './CompletenessStats';
import { useReportLabels } from './report-labels';
import { ReportSelectors } from './ReportSelectors';
import { PeriodText, ReportStatusTag, TimelinessTag } from './ReportTags';
import { useReportSelection } from './use-report-selection';
import { signerQuery, useSigner } from './use-signer';

const DEFAULT_TREND = 6;

type ChildRow = Dashboard['children'][number] & { timeliness: Timeliness | null };

function toView(value: string | null): RollupView {
  return ROLLUP_VIEWS.find((view) => view === value) ?? 'as_was';
}

function toTrend(value: string | null): number {
  const trend = Number(value);
  return Number.isInteger(trend) && trend >= 1 && trend <= 24 ? trend : DEFAULT_TREND;
}

/**
 * The children's figures for the period (approved values of the key indicators) with status and
 * timeliness; a click reloads the briefing for that unit.
 */
function ChildrenCard({
  dashboard,
  onOpen,
}: {
  dashboard: Dashboard;
  onOpen: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const current = dashboard.periods.findIndex((period) => period.key === dashboard.period.key);
  const index = current >= 0 ? current : dashboard.periods.length - 1;
  const timelinessOf = new Map(
    dashboard.heatmap.map((row) => [row.unit.id, row.cells[index]?.timeliness ?? null]),
  );
  const rows: ChildRow[] = dashboard.children.map((child) => ({
    ...child,
    timeliness: timelinessOf.get(child.unit.id) ?? null,
  }));
  const numeric = dashboard.indicators.filter((indicator) => indicator.type !== 'text');
  return (
    <Card
      size="small"
      title={t('reports.briefing.children')}
      extra={<ViewTag view={dashboard.view} />}
      data-testid="briefing-children"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('reports.briefing.childrenHint')}
      </Typography.Paragraph>
      <Table<ChildRow>
        size="small"
        rowKey={(row) => row.unit.id}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('reports.briefing.noChildren')} /> }}
        onRow={(row) =>
          ({
            onClick: () => onOpen(row.unit.id),
            style: { cursor: 'pointer' },
            'data-testid': `briefing-row-${row.unit.code}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'unit',
            title: t('reports.briefing.unit'),
            fixed: 'start',
            render: (_, row) => (
              <span>
                {row.unit.name}{' '}
                <Typography.Text type="secondary">· {row.unit.code}</Typography.Text>
              </span>
            ),
          },
          {
            key: 'status',
            title: t('reports.briefing.status'),
            render: (_, row) => (
              <ReportStatusTag status={row.status} data-testid="briefing-row-status" />
            ),
          },
          {
            key: 'timeliness',
            title: t('reports.briefing.timeliness'),
            render: (_, row) =>
              row.timeliness ? (
                <TimelinessTag timeliness={row.timeliness} data-testid="briefing-row-timeliness" />
              ) : (
                '—'
              ),
          },
          ...numeric.map((indicator) => ({
            key: indicator.code,
            title: labels.text(indicator.name),
            align: 'right' as const,
            render: (_: unknown, row: ChildRow) =>
              labels.value(row.values[indicator.code], indicator.type),
          })),
        ]}
      />
    </Card>
  );
}

/**
 * /briefing: the briefing dashboard (hội nghị giao ban) of a unit for a template and period:
 * completeness and on-time rate, key indicators by task area over the trend's periods, the
 * children's reporting as a heat map and their figures for drill-down. The roll-up follows the
 * structure as it was in each period, or is restated onto today's; the chosen view is printed
 * above every chart and table.
 */
export function BriefingPage() {
  const { t } = useTranslation();
  // The Word summary is signed by the person set on the report page (remembered on this device).
  const [signer] = useSigner();
  const can = useCan();
  const selection = useReportSelection();
  const { templateId, period, unitId, searchParams } = selection;
  const view = toView(searchParams.get('view'));
  const trend = toTrend(searchParams.get('trend'));
  const canRead = can('report.read');
  const query: DashboardQuery = {
    templateId: templateId ?? '',
    period: period ?? '',
    unitId,
    view,
    trend,
  };
  const dashboard = useQuery({
    ...reportQueries.dashboard(query),
    enabled: canRead && Boolean(templateId && period),
    placeholderData: keepPreviousData,
  });

  if (!canRead) return <Result status="403" title={t('reports.forbidden')} />;

  const data = dashboard.data;
  return (
    <Card title={t('reports.briefing.title')} data-testid="briefing-page">
      <Typography.Paragraph type="secondary">{t('reports.briefing.intro')}</Typography.Paragraph>
      <ReportSelectors
        selection={selection}
        unitValue={data?.unit.id}
        extra={
          unitId ? (
            <Button onClick={() => selection.setParams({ unitId: undefined }, true)}>
              {t('reports.select.myUnit')}
            </Button>
          ) : undefined
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Space size={6} wrap>
          <Typography.Text>{t('reports.briefing.view')}:</Typography.Text>
          <Segmented<RollupView>
            value={view}
            options={ROLLUP_VIEWS.map((value) => ({
              value,
              label: t(`reports.briefing.views.${value}`),
            }))}
            onChange={(value) =>
              selection.setParams({ view: value === 'as_was' ? undefined : value })
            }
            data-testid="briefing-view"
          />
        </Space>
        <Space size={6}>
          <Typography.Text>{t('reports.briefing.trend')}:</Typography.Text>
          <InputNumber
            min={1}
            max={24}
            precision={0}
            value={trend}
            style={{ width: 80 }}
            aria-label={t('reports.briefing.trend')}
            onChange={(value) => {
              const next = typeof value === 'number' ? value : DEFAULT_TREND;
              selection.setParams({
                trend: next === DEFAULT_TREND ? undefined : String(Math.min(24, Math.max(1, next))),
              });
            }}
            data-testid="briefing-trend"
          />
        </Space>
        {templateId && period && (
          <Space size={8} wrap style={{ marginInlineStart: 'auto' }}>
            <Button
              icon={<FileWordOutlined />}
              href={dashboardDocumentUrl(query, 'docx', signerQuery(signer))}
              download
              data-testid="briefing-download-docx"
            >
              {t('reports.report.downloadDocx')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              href={dashboardDocumentUrl(query, 'xlsx')}
              download
              data-testid="briefing-download-xlsx"
            >
              {t('reports.report.downloadXlsx')}
            </Button>
          </Space>
        )}
      </Flex>
      <CaseErrorAlert
        error={selection.templates.error ?? selection.periods.error ?? dashboard.error}
      />
      {dashboard.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <Flex vertical gap={16} style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
          <Flex gap={8} wrap align="baseline" data-testid="briefing-unit">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {data.unit.name} ({data.unit.code})
            </Typography.Title>
            <Typography.Text type="secondary">
              <PeriodText period={data.period} />
            </Typography.Text>
          </Flex>
          <CompletenessStats
            completeness={data.completeness}
            rates
            extra={<ViewTag view={data.view} />}
          />
          <IndicatorTrendCards dashboard={data} />
          <HeatmapCard dashboard={data} />
          <ChildrenCard
            dashboard={data}
            onOpen={(childId) => selection.setParams({ unitId: childId }, true)}
          />
        </Flex>
      )}
    </Card>
  );
}
