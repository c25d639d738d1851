import { Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '@hoi/contracts';
import { formatDate } from '../../lib/format';
import { useCaseLabels } from './case-labels';
import { CaseStatusTag, CaseTypeLabel, DaysLeftTag } from './CaseTags';

/** The cases of one box, in the server's order (open boxes: nearest deadline first). */
export function CasesTable({ cases, isLoading }: { cases: CaseListItem[]; isLoading: boolean }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Table<CaseListItem>
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={cases}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('cases.empty') }}
      data-testid="cases-table"
      columns={[
        {
          key: 'number',
          title: t('cases.col.number'),
          render: (_, item) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/cases/${item.id}`} style={{ whiteSpace: 'nowrap' }}>
                {item.number}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('cases.col.receivedOn')}: {formatDate(item.receivedOn)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'type',
          title: t('cases.col.type'),
          render: (_, item) => <CaseTypeLabel type={item.type} round={item.round} />,
        },
        {
          key: 'subject',
          title: t('cases.col.subject'),
          render: (_, item) => (
            <Typography.Paragraph
              ellipsis={{ rows: 2, tooltip: item.subject }}
              style={{ margin: 0, maxWidth: 320, minWidth: 160 }}
            >
              {item.subject}
            </Typography.Paragraph>
          ),
        },
        {
          key: 'unit',
          title: t('cases.col.unit'),
          responsive: ['lg'],
          render: (_, item) => (
            <Space orientation="vertical" size={0}>
              <span>{item.unit.name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.unit.code}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'status',
          title: t('cases.col.status'),
          render: (_, item) => <CaseStatusTag status={item.status} />,
        },
        {
          key: 'nextDeadline',
          title: t('cases.col.nextDeadline'),
          render: (_, item) =>
            item.nextDeadline ? (
              <Space orientation="vertical" size={0}>
                <Typography.Text
                  type={item.overdue ? 'danger' : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {formatDate(item.nextDeadline)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {labels.milestoneName(item.nextMilestone)}
                </Typography.Text>
              </Space>
            ) : (
              '—'
            ),
        },
        {
          key: 'daysLeft',
          title: t('cases.col.daysLeft'),
          render: (_, item) => <DaysLeftTag daysLeft={item.daysLeft} overdue={item.overdue} />,
        },
        {
          key: 'handler',
          title: t('cases.col.handler'),
          responsive: ['xl'],
          render: (_, item) => item.handlerName ?? '—',
        },
      ]}
    />
  );
}
