import { Space, Tag, Timeline, Typography } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitHistory } from '@hoi/contracts';
import { formatDate, formatDateTime } from '../../lib/format';

type UnitEvent = UnitHistory['events'][number];

const KIND_COLOR: Record<UnitEvent['kind'], string> = {
  create: 'green',
  rename: 'blue',
  recode: 'blue',
  move: 'blue',
  merge: 'orange',
  split: 'purple',
  dissolve: 'gray',
  admin_unit: 'blue',
};

/** Detail keys shown with a label; ids and nested objects are left to the links below. */
const DETAIL_KEYS = [
  'name',
  'code',
  'parentName',
  'toParentName',
  'fromAdminUnit',
  'movedChildren',
  'reason',
] as const;

function isShown(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** An event's details as lines: "old → new" for changes, then labelled known fields. */
function useDescribeDetails(): (details: Record<string, unknown>) => string[] {
  const { t } = useTranslation();
  return (details) => {
    const lines: string[] = [];
    const { from, to } = details;
    if ((isShown(from) || from === null) && (isShown(to) || to === null) && from !== to) {
      lines.push(`${from === null ? '—' : String(from)} → ${to === null ? '—' : String(to)}`);
    }
    for (const key of DETAIL_KEYS) {
      const value = details[key];
      if (isShown(value) && value !== '')
        lines.push(`${t(`units.history.detail.${key}`)}: ${String(value)}`);
    }
    return lines;
  };
}

/** Newest event first; predecessor and successor units link to their own pages. */
export function UnitEventTimeline({ events }: { events: UnitEvent[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const describeDetails = useDescribeDetails();
  const sorted = [...events].sort(
    (a, b) =>
      b.effectiveDate.localeCompare(a.effectiveDate) || b.createdAt.localeCompare(a.createdAt),
  );
  const unitLinks = (units: UnitEvent['predecessors']) =>
    units.map((unit) => (
      <Link key={unit.id} to={{ pathname: `/units/${unit.id}`, search: location.search }}>
        {unit.name} ({unit.code})
      </Link>
    ));

  return (
    <Timeline
      data-testid="unit-timeline"
      items={sorted.map((event) => ({
        key: event.id,
        color: KIND_COLOR[event.kind],
        content: (
          <Space orientation="vertical" size={2} data-testid={`event-${event.kind}`}>
            <Space size={8} wrap>
              <Typography.Text strong>{formatDate(event.effectiveDate)}</Typography.Text>
              <Tag color={KIND_COLOR[event.kind] === 'gray' ? 'default' : KIND_COLOR[event.kind]}>
                {t(`units.history.kind.${event.kind}`)}
              </Tag>
            </Space>
            {describeDetails(event.details).map((line) => (
              <Typography.Text key={line}>{line}</Typography.Text>
            ))}
            {event.predecessors.length > 0 && (
              <Typography.Text>
                {t('units.history.predecessors')}:{' '}
                <Space separator="," wrap size={4}>
                  {unitLinks(event.predecessors)}
                </Space>
              </Typography.Text>
            )}
            {event.successors.length > 0 && (
              <Typography.Text>
                {t('units.history.successors')}:{' '}
                <Space separator="," wrap size={4}>
                  {unitLinks(event.successors)}
                </Space>
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(event.createdAt)}
              {event.actorName ? ` · ${t('units.history.by', { name: event.actorName })}` : ''}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
