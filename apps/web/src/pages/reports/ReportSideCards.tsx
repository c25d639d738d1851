import { Button, Card, Collapse, Empty, Flex, Input, Space, Tag, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Report, ReportStatus } from '@hoi/contracts';
import { REPORT_STATUSES } from '@hoi/contracts';
import { reportDocumentUrl } from '../../api/reports-api';
import { formatDateTimeMinutes, formatNumber } from '../../lib/format';
import { useReportLabels } from './report-labels';
import { signerQuery, useSigner, type Signer } from './use-signer';
import { ReportStatusTag } from './ReportTags';

/** The validation rules the saved figures break (blocking red, warnings orange), with both sides. */
export function ValidationCard({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const labels = useReportLabels();
  const failed = report.validation
    .filter((result) => !result.ok)
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
  const passed = report.validation.length - failed.length;
  const side = (value: number | null) =>
    value === null ? '—' : formatNumber(value, i18n.language);
  return (
    <Card size="small" title={t('reports.report.validation')} data-testid="report-validation">
      {failed.length === 0 ? (
        <Space data-testid="validation-ok">
          <CheckCircleOutlined style={{ color: '#52c41a' }} />
          <Typography.Text>{t('reports.report.validationOk')}</Typography.Text>
        </Space>
      ) : (
        <Flex vertical gap={10} role="list">
          {failed.map((result) => (
            <div
              key={result.code}
              role="listitem"
              data-testid={`validation-${result.code}`}
              data-severity={result.severity}
            >
              <Space size={6} align="start">
                <Tag color={result.severity === 'blocking' ? 'red' : 'orange'}>
                  {result.severity === 'blocking'
                    ? t('reports.report.blocking')
                    : t('reports.report.warning')}
                </Tag>
                <Typography.Text type={result.severity === 'blocking' ? 'danger' : 'warning'}>
                  {labels.text(result.message)}
                </Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t('reports.report.leftRight', {
                  left: side(result.left),
                  right: side(result.right),
                })}
              </Typography.Text>
            </div>
          ))}
        </Flex>
      )}
      {failed.length > 0 && passed > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          {t('reports.report.validationPassed', { count: passed })}
        </Typography.Text>
      )}
    </Card>
  );
}

/** Who signs the Word document: name, title and authority, remembered on this device. */
export function SignerFields({
  signer,
  onChange,
}: {
  signer: Signer;
  onChange: (next: Signer) => void;
}) {
  const { t } = useTranslation();
  const field = (key: keyof Signer, placeholder: string) => (
    <Input
      value={signer[key]}
      maxLength={100}
      placeholder={placeholder}
      aria-label={t(`reports.signer.${key}`)}
      addonBefore={t(`reports.signer.${key}`)}
      onChange={(e) => onChange({ ...signer, [key]: e.target.value })}
      data-testid={`signer-${key}`}
    />
  );
  return (
    <Collapse
      size="small"
      ghost
      items={[
        {
          key: 'signer',
          label: signer.name.trim()
            ? t('reports.signer.summary', { name: signer.name.trim() })
            : t('reports.signer.heading'),
          children: (
            <Flex vertical gap={6}>
              {field('name', t('reports.signer.namePlaceholder'))}
              {field('title', 'Chủ tịch')}
              {field('authority', 'TM. Ban Thường vụ')}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reports.signer.hint')}
              </Typography.Text>
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** The report as a Word or Excel file (the saved version). */
export function DownloadsCard({ report }: { report: Report }) {
  const { t } = useTranslation();
  const [signer, setSigner] = useSigner();
  return (
    <Card size="small" title={t('reports.report.download')}>
      <Flex gap={8} wrap>
        <Button
          icon={<FileWordOutlined />}
          href={reportDocumentUrl(report.id, 'docx', signerQuery(signer))}
          download
          data-testid="report-download-docx"
        >
          {t('reports.report.downloadDocx')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          href={reportDocumentUrl(report.id, 'xlsx')}
          download
          data-testid="report-download-xlsx"
        >
          {t('reports.report.downloadXlsx')}
        </Button>
      </Flex>
      <SignerFields signer={signer} onChange={setSigner} />
    </Card>
  );
}

function isStatus(value: string | null): value is ReportStatus {
  return REPORT_STATUSES.some((status) => status === value);
}

const EVENT_COLOR: Record<string, string> = {
  return: 'red',
  unapprove: 'orange',
  unaccept: 'orange',
  approve: 'green',
  accept: 'green',
  lock: 'purple',
};

/** What happened to the report, newest first: action, status change, who, when, comment. */
export function EventsCard({ report }: { report: Report }) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const events = [...report.events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card size="small" title={t('reports.report.events')} data-testid="report-events">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.report.noEvents')} />
      ) : (
        <Timeline
          items={events.map((event, index) => ({
            key: `${event.at}-${index}`,
            color: EVENT_COLOR[event.action] ?? 'blue',
            content: (
              <div data-testid={`event-${event.action}`}>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatDateTimeMinutes(event.at)}
                </Typography.Text>
                <Space size={4} wrap>
                  <Typography.Text strong>{labels.eventName(event.action)}</Typography.Text>
                  {event.fromStatus !== event.toStatus && isStatus(event.toStatus) && (
                    <>
                      {isStatus(event.fromStatus) && (
                        <>
                          <ReportStatusTag status={event.fromStatus} data-testid="event-from" />→
                        </>
                      )}
                      <ReportStatusTag status={event.toStatus} data-testid="event-to" />
                    </>
                  )}
                </Space>
                {event.actorName && (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('reports.report.by', { name: event.actorName })}
                  </Typography.Text>
                )}
                {event.comment && (
                  <Typography.Paragraph
                    style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
                    data-testid="event-comment"
                  >
                    {event.comment}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
