import type { HTMLAttributes } from 'react';
import { useMemo } from 'react';
import { Card, Col, Empty, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dashboard, RollupView } from '@hoi/contracts';
import { TASK_AREAS } from '@hoi/contracts';
import type { EChartOption } from '../../components/EChart';
import { EChart } from '../../components/EChart';
import { TIMELINESS_CELL, useReportLabels } from './report-labels';
import { formatIndicatorValue } from './report-slots';
import { TimelinessTag } from './ReportTags';

type DashboardIndicator = Dashboard['indicators'][number];
type HeatmapRow = Dashboard['heatmap'][number];

/** The roll-up the figures follow, printed above every chart and table of the briefing. */
export function ViewTag({ view }: { view: RollupView }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`reports.briefing.viewHint.${view}`)}>
      <Tag color="geekblue" data-testid="briefing-view-tag" data-view={view}>
        {t(`reports.briefing.views.${view}`)}
      </Tag>
    </Tooltip>
  );
}

/** One indicator's approved roll-up across the trend's periods. */
function IndicatorTrend({
  indicator,
  periodLabels,
}: {
  indicator: DashboardIndicator;
  periodLabels: string[];
}) {
  const labels = useReportLabels();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const currency = t('reports.currency');
  const name = labels.text(indicator.name);
  const latest = indicator.values.at(-1) ?? null;
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
      xAxis: { type: 'category', data: periodLabels, boundaryGap: false },
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
          type: 'line',
          name,
          data: indicator.values,
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 7,
          itemStyle: { color: '#b71c1c' },
          areaStyle: { color: 'rgba(183, 28, 28, 0.08)' },
        },
      ],
    }),
    [indicator, periodLabels, name, lang, currency],
  );
  return (
    <Flex vertical gap={4} data-testid={`trend-${indicator.code}`}>
      <Flex justify="space-between" gap={8} align="baseline">
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text data-testid={`trend-latest-${indicator.code}`}>
          {labels.value(latest, indicator.type)}
        </Typography.Text>
      </Flex>
      <EChart option={option} height={200} label={name} />
    </Flex>
  );
}

/** Key indicators by task area (the directive's six, then the others), as line charts. */
export function IndicatorTrendCards({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const lang = labels.lang;
  const periodLabels = useMemo(
    () => dashboard.periods.map((period) => period.label[lang]),
    [dashboard.periods, lang],
  );
  const numeric = dashboard.indicators.filter((indicator) => indicator.type !== 'text');
  const areas: (number | null)[] = [...TASK_AREAS, null];
  const groups = areas
    .map((area) => ({
      area,
      indicators: numeric.filter((indicator) =>
        area === null
          ? !TASK_AREAS.some((known) => known === indicator.taskArea)
          : indicator.taskArea === area,
      ),
    }))
    .filter((group) => group.indicators.length > 0);

  if (groups.length === 0)
    return (
      <Card
        size="small"
        title={t('reports.briefing.indicators')}
        extra={<ViewTag view={dashboard.view} />}
      >
        <Empty description={t('reports.briefing.noIndicators')} />
      </Card>
    );
  return (
    <>
      {groups.map((group) => (
        <Card
          key={group.area ?? 'other'}
          size="small"
          title={labels.taskAreaName(group.area)}
          extra={<ViewTag view={dashboard.view} />}
          data-testid={`briefing-area-${group.area ?? 'other'}`}
        >
          <Row gutter={[24, 16]}>
            {group.indicators.map((indicator) => (
              <Col key={indicator.code} xs={24} lg={12} xxl={8}>
                <IndicatorTrend indicator={indicator} periodLabels={periodLabels} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </>
  );
}

/**
 * Children × periods: each cell coloured by timeliness (green on time, orange late, red
 * overdue, grey not yet due) and naming the report's status.
 */
export function HeatmapCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const columns = [
    {
      key: 'unit',
      title: t('reports.briefing.unit'),
      fixed: 'start' as const,
      render: (_: unknown, row: HeatmapRow) => (
        <Flex vertical>
          <span>
            {row.unit.name} <Typography.Text type="secondary">· {row.unit.code}</Typography.Text>
          </span>
          {row.unit.restatedFrom.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reports.briefing.mergedFrom', { units: row.unit.restatedFrom.join(', ') })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...dashboard.periods.map((period, index) => ({
      key: period.key,
      title: labels.text(period.label),
      align: 'center' as const,
      onCell: () => ({ style: { padding: 2 } }),
      render: (_: unknown, row: HeatmapRow) => {
        const cell = row.cells[index];
        if (!cell) return null;
        const colours = TIMELINESS_CELL[cell.timeliness];
        return (
          <Tooltip
            title={`${labels.statusName(cell.status)} · ${labels.timelinessName(cell.timeliness)}`}
          >
            <div
              data-testid={`heatmap-cell-${row.unit.code}-${period.key}`}
              data-status={cell.status}
              data-timeliness={cell.timeliness}
              style={{
                background: colours.background,
                borderInlineStart: `3px solid ${colours.border}`,
                borderRadius: 4,
                padding: '6px 8px',
                fontSize: 12,
                whiteSpace: 'nowrap',
              }}
            >
              {labels.statusName(cell.status)}
            </div>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <Card
      size="small"
      title={t('reports.briefing.heatmap')}
      extra={<ViewTag view={dashboard.view} />}
      data-testid="briefing-heatmap"
    >
      <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('reports.briefing.legend')}:</Typography.Text>
        {(['on_time', 'late', 'overdue', 'pending'] as const).map((timeliness) => (
          <TimelinessTag
            key={timeliness}
            timeliness={timeliness}
            data-testid={`legend-${timeliness}`}
          />
        ))}
      </Flex>
      <Table<HeatmapRow>
        size="small"
        rowKey={(row) => row.unit.id}
        dataSource={dashboard.heatmap}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('reports.briefing.noChildren')} /> }}
        onRow={(row) =>
          ({ 'data-testid': `heatmap-row-${row.unit.code}` }) as HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
