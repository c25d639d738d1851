import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXEMPTION_REASON_NAMES } from '@hoi/contracts';
import type { DuesLine, MemberDues, Payment } from '../../api/dues-api';
import { toLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { useFormatVnd } from '../dues/money';

/** The member's dues by year (due, paid, exemption, outstanding) and the payments recorded. */
export function PortalDues({ dues }: { dues: MemberDues }) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const formatVnd = useFormatVnd();
  const years = [...dues.years].sort((a, b) => b.year - a.year);
  const payments = [...dues.payments].sort(
    (a, b) => b.paidOn.localeCompare(a.paidOn) || b.year - a.year,
  );
  const activeExemptions = dues.exemptions.filter((exemption) => exemption.endedAt === null);

  return (
    <Card title={t('portal.dues.title')} data-testid="portal-dues">
      {activeExemptions.length > 0 && (
        <Typography.Paragraph>
          {t('portal.dues.exemptions')}:{' '}
          {activeExemptions.map((exemption) => (
            <Tag key={exemption.id} color="blue">
              {exemption.toYear === null
                ? t('portal.dues.exemptionRange', {
                    reason: EXEMPTION_REASON_NAMES[exemption.reason][lang],
                    from: exemption.fromYear,
                  })
                : t('portal.dues.exemptionRangeTo', {
                    reason: EXEMPTION_REASON_NAMES[exemption.reason][lang],
                    from: exemption.fromYear,
                    to: exemption.toYear,
                  })}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('portal.dues.years')}
      </Typography.Title>
      <Table<DuesLine>
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={years}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('portal.dues.noYears') }}
        columns={[
          { key: 'year', title: t('dues.year'), dataIndex: 'year' },
          {
            key: 'due',
            title: t('dues.due'),
            align: 'right',
            render: (_, line) => formatVnd(line.due),
          },
          {
            key: 'paid',
            title: t('dues.paid'),
            align: 'right',
            render: (_, line) => formatVnd(line.paid),
          },
          {
            key: 'outstanding',
            title: t('dues.outstanding'),
            align: 'right',
            render: (_, line) =>
              line.exempt ? (
                <Tag color="blue">{EXEMPTION_REASON_NAMES[line.exempt][lang]}</Tag>
              ) : (
                <Typography.Text type={line.outstanding > 0 ? 'danger' : undefined}>
                  {formatVnd(line.outstanding)}
                </Typography.Text>
              ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('portal.dues.payments')}</Typography.Title>
      <Table<Payment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={payments}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('portal.dues.noPayments') }}
        columns={[
          { key: 'paidOn', title: t('dues.paidOn'), render: (_, p) => formatDate(p.paidOn) },
          { key: 'year', title: t('dues.year'), dataIndex: 'year' },
          {
            key: 'amount',
            title: t('dues.amount'),
            align: 'right',
            render: (_, p) => formatVnd(p.amount),
          },
          {
            key: 'receipt',
            title: t('dues.receiptNumber'),
            responsive: ['sm'],
            render: (_, p) => p.receiptNumber ?? '—',
          },
        ]}
      />
    </Card>
  );
}
