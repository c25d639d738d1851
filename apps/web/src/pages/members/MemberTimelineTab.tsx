import { Alert, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MemberEvent } from '@hoi/contracts';
import { memberQueries } from '../../api/member-queries';
import { membersVi } from '../../i18n/members.vi';
import { formatDate, formatDateTime } from '../../lib/format';
import { errorText } from '../../lib/server-errors';

const KIND_COLOR: Partial<Record<MemberEvent['kind'], string>> = {
  applied: 'blue',
  admitted: 'green',
  reinstated: 'green',
  transfer_accepted: 'green',
  rejected: 'red',
  removed: 'red',
  suspended: 'orange',
  transfer_refused: 'orange',
  transfer_escalated: 'orange',
  resigned: 'gray',
  aged_out: 'gray',
  deceased: 'gray',
  transfer_requested: 'purple',
};

/** The "Quá trình" tab: every event of the membership, newest first. */
export function MemberTimelineTab({
  memberId,
  currentUnitName,
}: {
  memberId: string;
  /** The member's unit now: an event names its unit only when it was another one. */
  currentUnitName: string;
}) {
  const { t, i18n } = useTranslation();
  const timeline = useQuery(memberQueries.timeline(memberId));
  // A kind added to the contract before its label still shows, by its code.
  const kindLabel = (kind: string) =>
    kind in membersVi.timeline.kind
      ? t(`members.timeline.kind.${kind as keyof typeof membersVi.timeline.kind}`)
      : kind;

  if (timeline.isPending) return <Skeleton active />;
  if (timeline.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(timeline.error, i18n.language, t('errors.generic'))}
      />
    );
  if (timeline.data.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.timeline.empty')} />;

  const sorted = [...timeline.data.items].sort(
    (a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.at.localeCompare(a.at),
  );

  return (
    <Timeline
      data-testid="member-timeline"
      style={{ paddingTop: 8 }}
      items={sorted.map((event) => {
        const color = KIND_COLOR[event.kind] ?? 'blue';
        return {
          key: event.id,
          color,
          content: (
            <Space orientation="vertical" size={2} data-testid={`event-${event.kind}`}>
              <Space size={8} wrap>
                <Typography.Text strong>{formatDate(event.effectiveDate)}</Typography.Text>
                <Tag color={color === 'gray' ? 'default' : color}>{kindLabel(event.kind)}</Tag>
              </Space>
              {event.unitName && event.unitName !== currentUnitName && (
                <Typography.Text>
                  {t('members.timeline.unit', { name: event.unitName })}
                </Typography.Text>
              )}
              {event.decision && (
                <Typography.Text>
                  {t('members.timeline.decision', {
                    number: event.decision.number,
                    date: formatDate(event.decision.date),
                    signer: event.decision.signer,
                  })}
                </Typography.Text>
              )}
              {event.reason && (
                <Typography.Text>
                  {t('members.timeline.reason', { reason: event.reason })}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('members.timeline.recorded', { time: formatDateTime(event.at) })}
                {event.actorName ? ` · ${t('members.timeline.by', { name: event.actorName })}` : ''}
              </Typography.Text>
            </Space>
          ),
        };
      })}
    />
  );
}
