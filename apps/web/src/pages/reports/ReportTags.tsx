import { Tag } from 'antd';
import type { ReportStatus, Timeliness } from '@hoi/contracts';
import { formatDate } from '../../lib/format';
import { REPORT_STATUS_COLOR, TIMELINESS_COLOR, useReportLabels } from './report-labels';

export function ReportStatusTag({
  status,
  'data-testid': testId = 'report-status',
}: {
  status: ReportStatus;
  'data-testid'?: string;
}) {
  const labels = useReportLabels();
  return (
    <Tag color={REPORT_STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {labels.statusName(status)}
    </Tag>
  );
}

/** on_time green "Đúng hạn", late orange "Trễ hạn", pending default "Chưa đến hạn", overdue red. */
export function TimelinessTag({
  timeliness,
  'data-testid': testId = 'report-timeliness',
}: {
  timeliness: Timeliness;
  'data-testid'?: string;
}) {
  const labels = useReportLabels();
  return (
    <Tag
      color={TIMELINESS_COLOR[timeliness]}
      data-testid={testId}
      data-timeliness={timeliness}
      style={{ whiteSpace: 'nowrap' }}
    >
      {labels.timelinessName(timeliness)}
    </Tag>
  );
}

/** `Quý I/2026 (15/12/2025–14/03/2026)` in the UI language. */
export function PeriodText({
  period,
}: {
  period: { label: { vi: string; en: string }; from: string; to: string };
}) {
  const labels = useReportLabels();
  return (
    <span>
      {labels.text(period.label)} ({formatDate(period.from)}–{formatDate(period.to)})
    </span>
  );
}
