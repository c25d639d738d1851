import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberEvent } from '@hoi/contracts';
import { formatDate } from '../../lib/format';

/** The member's own timeline, newest first. */
export function PortalHistory({ events }: { events: MemberEvent[] }) {
  const { t } = useTranslation();
  const sorted = [...events].sort(
    (a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.at.localeCompare(a.at),
  );
  return (
    <Card title={t('portal.history.title')} data-testid="portal-history">
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.history.empty')} />
      ) : (
        <Timeline
          items={sorted.map((event) => ({
            key: event.id,
            content: (
              <Space orientation="vertical" size={2} data-testid={`event-${event.kind}`}>
                <Space size={8} wrap>
                  <Typography.Text strong>{formatDate(event.effectiveDate)}</Typography.Text>
                  <Tag>{t(`portal.eventKind.${event.kind}`)}</Tag>
                </Space>
                {event.unitName && <Typography.Text>{event.unitName}</Typography.Text>}
                {event.decision && (
                  <Typography.Text type="secondary">
                    {t('portal.history.decision', {
                      number: event.decision.number,
                      date: formatDate(event.decision.date),
                    })}
                  </Typography.Text>
                )}
                {event.reason && <Typography.Text type="secondary">{event.reason}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
