import { Alert, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXEMPTION_REASON_NAMES } from '@hoi/contracts';
import { memberQueries } from '../../api/member-queries';
import type { MemberDues } from '../../api/members-api';
import { formatDate, formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useMemberLabels } from './member-labels';

type DuesYear = MemberDues['years'][number];
type Payment = MemberDues['payments'][number];
type Exemption = MemberDues['exemptions'][number];

/** The "Hội phí" tab: each year's position, the payments and the exemptions. */
export function MemberDuesTab({ memberId }: { memberId: string }) {
  const { t, i18n } = useTranslation();
  const { lang } = useMemberLabels();
  const dues = useQuery(memberQueries.dues(memberId));
  const money = (value: number) => formatNumber(value, i18n.language);

  if (dues.isPending) return <Skeleton active />;
  if (dues.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(dues.error, i18n.language, t('errors.generic'))}
      />
    );
  const years = [...dues.data.years].sort((a, b) => b.year - a.year);
  const payments = [...dues.data.payments].sort(
    (a, b) => b.paidOn.localeCompare(a.paidOn) || b.year - a.year,
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="member-dues">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('members.dues.years')}
      </Typography.Title>
      <Table<DuesYear>
        size="small"
        rowKey="year"
        pagination={false}
        scroll={{ x: 480 }}
        dataSource={years}
        locale={{ emptyText: t('members.dues.none') }}
        columns={[
          { key: 'year', title: t('members.dues.year'), dataIndex: 'year', width: 80 },
          {
            key: 'due',
            title: t('members.dues.due'),
            align: 'right',
            render: (_, line) => money(line.due),
          },
          {
            key: 'paid',
            title: t('members.dues.paid'),
            align: 'right',
            render: (_, line) => money(line.paid),
          },
          {
            key: 'exempt',
            title: t('members.dues.exempt'),
            render: (_, line) => (line.exempt ? EXEMPTION_REASON_NAMES[line.exempt][lang] : ''),
          },
          {
            key: 'outstanding',
            title: t('members.dues.outstanding'),
            align: 'right',
            render: (_, line) =>
              line.outstanding > 0 ? (
                <Typography.Text type="danger">{money(line.outstanding)}</Typography.Text>
              ) : (
                money(line.outstanding)
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('members.dues.payments')}
      </Typography.Title>
      <Table<Payment>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={payments}
        locale={{ emptyText: t('members.dues.none') }}
        columns={[
          { key: 'year', title: t('members.dues.year'), dataIndex: 'year', width: 80 },
          {
            key: 'amount',
            title: t('members.dues.amount'),
            align: 'right',
            render: (_, payment) => money(payment.amount),
          },
          {
            key: 'paidOn',
            title: t('members.dues.paidOn'),
            render: (_, payment) => formatDate(payment.paidOn),
          },
          {
            key: 'receipt',
            title: t('members.dues.receipt'),
            render: (_, payment) => payment.receiptNumber ?? '',
          },
          {
            key: 'recordedBy',
            title: t('members.dues.recordedBy'),
            render: (_, payment) => payment.recordedBy ?? '',
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('members.dues.exemptions')}
      </Typography.Title>
      <Table<Exemption>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 480 }}
        dataSource={dues.data.exemptions}
        locale={{ emptyText: t('members.dues.none') }}
        columns={[
          {
            key: 'reason',
            title: t('members.dues.reason'),
            render: (_, exemption) => (
              <Space size={4} wrap>
                {EXEMPTION_REASON_NAMES[exemption.reason][lang]}
                {exemption.endedAt && (
                  <Tag>{t('members.dues.ended', { date: formatDate(exemption.endedAt) })}</Tag>
                )}
              </Space>
            ),
          },
          {
            key: 'period',
            title: t('members.dues.period'),
            render: (_, exemption) =>
              `${exemption.fromYear} – ${exemption.toYear ?? t('members.dues.openEnded')}`,
          },
          {
            key: 'note',
            title: t('members.field.notes'),
            render: (_, exemption) => exemption.note ?? '',
          },
        ]}
      />
    </Space>
  );
}
