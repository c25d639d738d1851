import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Result,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { ApartmentOutlined, FileAddOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '@hoi/contracts';
import { openReport, reportQueries } from '../../api/reports-api';
import { useCan } from '../../auth/me-context';
import { formatDate, formatDateTimeMinutes } from '../../lib/format';
import { CaseErrorAlert } from '../cases/CaseErrorAlert';
import { CompletenessStats } from './CompletenessStats';
import { useReportLabels } from './report-labels';
import { ReportSelectors } from './ReportSelectors';
import { PeriodText, ReportStatusTag, TimelinessTag } from './ReportTags';
import { useReportSelection } from './use-report-selection';

/** The unit's own report: status, deadline, timeliness and the button that starts or opens it. */
function OwnReportCard({
  own,
  templateId,
  period,
}: {
  own: ReportSummary | null;
  templateId: string;
  period: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: (unitId: string) => openReport({ templateId, period, unitId }),
    onSuccess: async (report) => {
      queryClient.setQueryData(reportQueries.detail(report.id).queryKey, report);
      await queryClient.invalidateQueries({ queryKey: ['reports', 'list'] });
      void navigate(`/reports/${report.id}`);
    },
  });

  if (!own)
    return (
      <Card size="small" title={t('reports.list.own')} data-testid="own-report">
        <Typography.Text type="secondary" data-testid="own-report-not-expected">
          {t('reports.list.notExpected')}
        </Typography.Text>
      </Card>
    );

  const reportId = own.id;
  return (
    <Card
      size="small"
      title={
        <Space size={8} wrap>
          <span>{t('reports.list.own')}</span>
          <Typography.Text type="secondary">
            {own.unit.name} ({own.unit.code})
          </Typography.Text>
        </Space>
      }
      data-testid="own-report"
      extra={
        reportId ? (
          <Button
            type="primary"
            icon={<FolderOpenOutlined />}
            onClick={() => void navigate(`/reports/${reportId}`)}
            data-testid="report-open"
          >
            {t('reports.list.open')}
          </Button>
        ) : (
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            loading={open.isPending}
            onClick={() => open.mutate(own.unit.id)}
            data-testid="report-create"
          >
            {t('reports.list.create')}
          </Button>
        )
      }
    >
      <CaseErrorAlert error={open.error} />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          {
            key: 'status',
            label: t('reports.list.status'),
            children: <ReportStatusTag status={own.status} />,
          },
          {
            key: 'timeliness',
            label: t('reports.list.timeliness'),
            children: <TimelinessTag timeliness={own.timeliness} />,
          },
          {
            key: 'due',
            label: t('reports.list.dueDate'),
            children: <span data-testid="report-due-date">{formatDate(own.dueDate)}</span>,
          },
          {
            key: 'submitted',
            label: t('reports.list.firstSubmittedAt'),
            children: own.firstSubmittedAt ? formatDateTimeMinutes(own.firstSubmittedAt) : '—',
          },
        ]}
      />
    </Card>
  );
}

/** The children's reports; a row opens the report, or says the unit has not started it. */
function ChildrenTable({
  reports,
  onDrill,
}: {
  reports: ReportSummary[];
  onDrill: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const labels = useReportLabels();
  const openRow = (row: ReportSummary) => {
    if (row.id) void navigate(`/reports/${row.id}`);
    else void message.info(t('reports.list.notStarted', { unit: row.unit.name }));
  };
  return (
    <Table<ReportSummary>
      size="small"
      rowKey={(row) => row.unit.id}
      dataSource={reports}
      pagination={reports.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('reports.list.noChildren')} /> }}
      onRow={(row) => ({
        onClick: () => openRow(row),
        style: { cursor: 'pointer' },
        'data-testid': `report-row-${row.unit.code}`,
      })}
      columns={[
        {
          key: 'unit',
          title: t('reports.list.unit'),
          render: (_, row) => (
            <span>
              {row.unit.name} <Typography.Text type="secondary">· {row.unit.code}</Typography.Text>
            </span>
          ),
        },
        {
          key: 'status',
          title: t('reports.list.status'),
          render: (_, row) => (
            <ReportStatusTag status={row.status} data-testid={`report-row-status`} />
          ),
          filters: [...new Set(reports.map((row) => row.status))].map((status) => ({
            value: status,
            text: labels.statusName(status),
          })),
          onFilter: (value, row) => row.status === value,
        },
        {
          key: 'timeliness',
          title: t('reports.list.timeliness'),
          render: (_, row) => (
            <TimelinessTag timeliness={row.timeliness} data-testid="report-row-timeliness" />
          ),
          filters: [...new Set(reports.map((row) => row.timeliness))].map((timeliness) => ({
            value: timeliness,
            text: labels.timelinessName(timeliness),
          })),
          onFilter: (value, row) => row.timeliness === value,
        },
        {
          key: 'firstSubmittedAt',
          title: t('reports.list.firstSubmittedAt'),
          render: (_, row) =>
            row.firstSubmittedAt ? formatDateTimeMinutes(row.firstSubmittedAt) : '—',
        },
        {
          key: 'dueDate',
          title: t('reports.list.dueDate'),
          render: (_, row) => formatDate(row.dueDate),
        },
        {
          key: 'drill',
          title: '',
          render: (_, row) => (
            <Button
              size="small"
              type="link"
              icon={<ApartmentOutlined />}
              onClick={(event) => {
                event.stopPropagation();
                onDrill(row.unit.id);
              }}
              data-testid={`report-drill-${row.unit.code}`}
            >
              {t('reports.list.childList')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/**
 * /reports: a unit's periodic reports for one template and period (kept in the address): its
 * own report with the button that starts or opens it, the completeness figures and the
 * children's reports, each of which may be drilled into (?unitId=child).
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const selection = useReportSelection();
  const { templateId, period, unitId } = selection;
  const canRead = can('report.read');
  const list = useQuery({
    ...reportQueries.list({ templateId: templateId ?? '', period: period ?? '', unitId }),
    enabled: canRead && Boolean(templateId && period),
    // The previous list stays on screen while another period or unit loads.
    placeholderData: keepPreviousData,
  });

  if (!canRead) return <Result status="403" title={t('reports.forbidden')} />;

  const data = list.data;
  return (
    <Card title={t('reports.list.title')} data-testid="reports-page">
      <Typography.Paragraph type="secondary">{t('reports.list.intro')}</Typography.Paragraph>
      <ReportSelectors
        selection={selection}
        unitValue={list.data?.own?.unit.id}
        extra={
          unitId ? (
            <Button onClick={() => selection.setParams({ unitId: undefined }, true)}>
              {t('reports.select.myUnit')}
            </Button>
          ) : undefined
        }
      />
      <CaseErrorAlert error={selection.templates.error ?? selection.periods.error ?? list.error} />
      {list.isLoading && <Skeleton active paragraph={{ rows: 6 }} />}
      {data && templateId && period && (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary" data-testid="report-period-range">
            {t('reports.report.period')}: <PeriodText period={data.period} />
          </Typography.Text>
          <OwnReportCard own={data.own} templateId={templateId} period={period} />
          <CompletenessStats completeness={data.completeness} rates />
          <Card size="small" title={t('reports.list.children')}>
            <ChildrenTable
              reports={data.children}
              onDrill={(childId) => selection.setParams({ unitId: childId }, true)}
            />
          </Card>
        </Flex>
      )}
    </Card>
  );
}
