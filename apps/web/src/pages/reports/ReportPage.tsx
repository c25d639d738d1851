import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Indicator, Report, ReportAction } from '@hoi/contracts';
import { REPORT_ACTIONS } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import {
  postReportAction,
  refreshReport,
  reportQueries,
  saveReportValues,
} from '../../api/reports-api';
import { useCan } from '../../auth/me-context';
import { FormModal } from '../../components/FormModal';
import { formatDate, formatDateTimeMinutes } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { CaseErrorAlert } from '../cases/CaseErrorAlert';
import { useReportLabels } from './report-labels';
import type { ReportEdits } from './report-slots';
import { buildSaveBody } from './report-slots';
import { ReportSectionCard } from './ReportSectionCard';
import { DownloadsCard, EventsCard, ValidationCard } from './ReportSideCards';
import { ReportStatusTag, TimelinessTag } from './ReportTags';

const PRIMARY_ACTIONS: readonly ReportAction[] = ['submit', 'approve', 'accept'];
const DANGER_ACTIONS: readonly ReportAction[] = ['return', 'unapprove', 'unaccept'];

/** Unit, template, period and its data range, status, deadline and timeliness. */
function ReportHeader({ report }: { report: Report }) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const period = report.periodInfo;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Space orientation="vertical" size={4} style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-unit-name">
            {report.unit.name}
          </Typography.Title>
          <Typography.Text data-testid="report-template-name">
            {labels.text(report.template.name)}
          </Typography.Text>
          <Space size={8} wrap>
            <ReportStatusTag status={report.status} />
            <TimelinessTag timeliness={report.timeliness} />
          </Space>
        </Space>
        <Space orientation="vertical" size={2} align="end">
          <Typography.Text type="secondary">{t('reports.report.dueDate')}</Typography.Text>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="report-due-date">
            {formatDate(report.dueDate)}
          </Typography.Text>
        </Space>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'period',
            label: t('reports.report.period'),
            children: (
              <span data-testid="report-period-label">
                {labels.text(period.label)} ({formatDate(period.from)}–{formatDate(period.to)})
              </span>
            ),
          },
          {
            key: 'unit',
            label: t('reports.report.unit'),
            children: `${report.unit.name} (${report.unit.code})`,
          },
          {
            key: 'template',
            label: t('reports.report.template'),
            children: `${report.template.code} · v${report.template.version}`,
          },
          {
            key: 'submitted',
            label: t('reports.report.firstSubmittedAt'),
            children: report.firstSubmittedAt
              ? formatDateTimeMinutes(report.firstSubmittedAt)
              : '—',
          },
          {
            key: 'computed',
            label: t('reports.report.computedAt'),
            children: report.computedAt ? formatDateTimeMinutes(report.computedAt) : '—',
          },
        ]}
      />
    </Flex>
  );
}

/** The comment a return needs, in a dialog; answers the updated report. */
function ReturnModal({
  open,
  onClose,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  onSubmit: (comment: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <FormModal<{ comment: string }>
      open={open}
      form={form}
      title={t('reports.actions.returnTitle')}
      okText={t('reports.actions.return')}
      isDanger
      onCancel={onClose}
      onSubmit={(values) => onSubmit(values.comment.trim())}
    >
      <Form.Item
        name="comment"
        label={t('reports.actions.returnReason')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('reports.actions.returnReasonRequired'),
          },
          { max: 2000 },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={2000}
          showCount
          data-testid="action-comment"
        />
      </Form.Item>
    </FormModal>
  );
}

function ReportView({ report, indicators }: { report: Report; indicators: Indicator[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detailKey = reportQueries.detail(report.id).queryKey;
  const indicatorMap = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  const [edits, setEdits] = useState<ReportEdits>({ values: {}, texts: {} });
  const [returning, setReturning] = useState(false);
  const isDirty = Object.keys(edits.values).length + Object.keys(edits.texts).length > 0;
  const editable = report.can.edit && !report.valuesHidden;
  const state = {
    values: { ...report.values, ...edits.values },
    texts: { ...report.texts, ...edits.texts },
  };

  // A reload or a closed tab would lose typed figures.
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  /** The version to send in If-Match: the freshest one read. */
  const currentVersion = () => queryClient.getQueryData(detailKey)?.version ?? report.version;
  const afterWrite = async (updated: Report, keepEdits = false) => {
    queryClient.setQueryData(detailKey, updated);
    if (!keepEdits) setEdits({ values: {}, texts: {} });
    await queryClient.invalidateQueries({
      queryKey: reportQueries.all,
      predicate: (query) => query.queryKey[1] !== 'detail' || query.queryKey[2] !== report.id,
    });
  };
  const onStale = (error: unknown) => {
    if (!isApiError(error, 'STALE_VERSION')) return;
    void queryClient.invalidateQueries({ queryKey: detailKey });
    void message.warning(t('reports.report.staleReloaded'));
  };
  const save = async (): Promise<Report> => {
    const body = buildSaveBody(report.template, indicatorMap, state);
    const saved = await saveReportValues(report.id, currentVersion(), body);
    await afterWrite(saved);
    return saved;
  };

  const saving = useMutation({
    mutationFn: save,
    onSuccess: () => void message.success(t('reports.report.saved')),
    onError: onStale,
  });
  const refreshing = useMutation({
    mutationFn: async () => {
      const updated = await refreshReport(report.id, currentVersion());
      // Manual figures typed meanwhile stay on screen, unsaved.
      await afterWrite(updated, true);
    },
    onSuccess: () => void message.success(t('reports.report.refreshed')),
    onError: onStale,
  });
  const acting = useMutation({
    mutationFn: async ({ action, comment }: { action: ReportAction; comment?: string }) => {
      // Submitting sends the figures on screen: unsaved edits are saved first.
      if (action === 'submit' && isDirty && report.can.edit) await save();
      const updated = await postReportAction(
        report.id,
        action,
        currentVersion(),
        comment ? { comment } : {},
      );
      await afterWrite(updated);
      return action;
    },
    onSuccess: (action) =>
      void message.success(t('reports.actions.done', { action: t(`reports.actions.${action}`) })),
    onError: onStale,
  });

  const actions = REPORT_ACTIONS.filter((action) => report.can[action]);
  const busy = saving.isPending || refreshing.isPending || acting.isPending;
  // Each button resets the others, so at most one of them shows an error.
  const lastError = acting.error ?? saving.error ?? refreshing.error;

  return (
    <Flex vertical gap={16} data-testid="report-page" data-status={report.status}>
      <Card>
        <Flex vertical gap={16}>
          <Link to={`/reports?templateId=${report.templateId}&period=${report.period}`}>
            ← {t('reports.report.back')}
          </Link>
          <ReportHeader report={report} />
          {report.status === 'returned' && report.returnComment && (
            <Alert
              type="warning"
              showIcon
              title={t('reports.report.returned')}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{report.returnComment}</span>}
              data-testid="report-return-comment"
            />
          )}
          <CaseErrorAlert error={lastError} />
          <Flex gap={8} wrap align="center" data-testid="report-actions">
            {editable && (
              <>
                <Button
                  type={isDirty ? 'primary' : 'default'}
                  icon={<SaveOutlined />}
                  loading={saving.isPending}
                  disabled={busy && !saving.isPending}
                  onClick={() => {
                    acting.reset();
                    refreshing.reset();
                    saving.mutate();
                  }}
                  data-testid="report-save"
                >
                  {t('reports.report.save')}
                </Button>
                <Button
                  icon={<ReloadOutlined />}
                  loading={refreshing.isPending}
                  disabled={busy && !refreshing.isPending}
                  onClick={() => {
                    acting.reset();
                    saving.reset();
                    refreshing.mutate();
                  }}
                  data-testid="report-refresh"
                >
                  {t('reports.report.refresh')}
                </Button>
              </>
            )}
            {actions.map((action) => (
              <Button
                key={action}
                type={PRIMARY_ACTIONS.includes(action) ? 'primary' : 'default'}
                danger={DANGER_ACTIONS.includes(action)}
                loading={acting.isPending && acting.variables.action === action}
                disabled={busy && !(acting.isPending && acting.variables.action === action)}
                onClick={() => {
                  saving.reset();
                  refreshing.reset();
                  if (action === 'return') setReturning(true);
                  else acting.mutate({ action });
                }}
                data-testid={`action-${action}`}
              >
                {t(`reports.actions.${action}`)}
              </Button>
            ))}
            {isDirty && (
              <Tag color="gold" data-testid="report-unsaved">
                {t('reports.report.unsaved')}
              </Tag>
            )}
          </Flex>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {report.valuesHidden && (
              <Alert
                type="info"
                showIcon
                title={t('reports.report.valuesHidden')}
                data-testid="report-values-hidden"
              />
            )}
            {report.template.sections.map((section) => (
              <ReportSectionCard
                key={section.key}
                section={section}
                indicators={indicatorMap}
                report={report}
                state={state}
                editable={editable}
                onValue={(slot, value) =>
                  setEdits((previous) => {
                    const values = { ...previous.values };
                    if (value === (report.values[slot] ?? null)) delete values[slot];
                    else values[slot] = value;
                    return { ...previous, values };
                  })
                }
                onText={(key, text) =>
                  setEdits((previous) => {
                    const texts = { ...previous.texts };
                    if (text === (report.texts[key] ?? '')) delete texts[key];
                    else texts[key] = text;
                    return { ...previous, texts };
                  })
                }
              />
            ))}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {!report.valuesHidden && <ValidationCard report={report} />}
            <DownloadsCard report={report} />
            <EventsCard report={report} />
          </Flex>
        </Col>
      </Row>
      <ReturnModal
        open={returning}
        onClose={() => setReturning(false)}
        onSubmit={async (comment) => {
          try {
            await acting.mutateAsync({ action: 'return', comment });
          } finally {
            acting.reset();
          }
        }}
      />
    </Flex>
  );
}

/**
 * /reports/:id: one periodic report. The header and the actions the reader may take (save,
 * update the automatic figures, the workflow steps in `can`); the sections in template order
 * with their indicator tables and narratives; validation, downloads and the history aside.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const canRead = can('report.read');
  const reportQuery = useQuery({
    ...reportQueries.detail(id),
    enabled: canRead,
    refetchOnMount: 'always',
  });
  const indicators = useQuery({ ...reportQueries.indicators(), enabled: canRead });

  if (!canRead) return <Result status="403" title={t('reports.forbidden')} />;
  if (reportQuery.isPending || indicators.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (reportQuery.isError) {
    const error = reportQuery.error;
    if (isApiError(error) && [400, 403, 404].includes(error.status))
      return (
        <Card data-testid="report-not-found">
          <Result
            status="404"
            title={t('reports.report.notFound')}
            subTitle={t('reports.report.notFoundHint')}
            extra={<Link to="/reports">{t('reports.report.back')}</Link>}
          />
        </Card>
      );
    return (
      <Alert type="error" showIcon title={errorText(error, i18n.language, t('errors.generic'))} />
    );
  }
  if (indicators.isError) return <CaseErrorAlert error={indicators.error} />;
  // Keyed by report: another report's page must not inherit unsaved edits.
  return (
    <ReportView key={reportQuery.data.id} report={reportQuery.data} indicators={indicators.data} />
  );
}
