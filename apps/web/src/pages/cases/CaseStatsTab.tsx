import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseStats } from '../../api/cases-api';
import { caseQueries } from '../../api/cases-api';
import { DATE_FORMAT, formatDate, formatNumber, toIsoDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useCaseLabels } from './case-labels';

type Counts = CaseStats['total'];
const COUNT_KEYS = [
  'received',
  'accepted',
  'resolved',
  'resolvedOnTime',
  'open',
  'overdue',
] as const;

/**
 * The "Thống kê" tab: cases received, accepted, resolved (on time), open and overdue in a
 * period (default: this year to today), in total, by type and by the unit's direct children.
 */
export function CaseStatsTab({ unitId }: { unitId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const labels = useCaseLabels();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = toIsoDate(range?.[0]);
  const to = toIsoDate(range?.[1]);
  const stats = useQuery(caseQueries.stats({ unitId, from, to }));
  const number = (value: number) => formatNumber(value, i18n.language);

  const countColumns = COUNT_KEYS.map((key) => ({
    key,
    title: t(`cases.stats.${key}`),
    align: 'right' as const,
    render: (_: unknown, row: Counts) => (
      <Typography.Text type={key === 'overdue' && row.overdue > 0 ? 'danger' : undefined}>
        {number(row[key])}
      </Typography.Text>
    ),
  }));

  return (
    <div data-testid="case-stats">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('cases.stats.period')}:</Typography.Text>
        <DatePicker.RangePicker
          format={DATE_FORMAT}
          value={range}
          allowEmpty={[true, true]}
          onChange={(value) => setRange(value)}
        />
        {stats.data && (
          <Typography.Text type="secondary">
            {t('cases.stats.periodText', {
              from: formatDate(stats.data.from),
              to: formatDate(stats.data.to),
            })}
          </Typography.Text>
        )}
      </Flex>
      {stats.isPending && <Skeleton active />}
      {stats.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(stats.error, i18n.language, t('errors.generic'))}
        />
      )}
      {stats.data && (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {COUNT_KEYS.map((key) => (
              <Col key={key} xs={12} sm={8} lg={4}>
                <Card size="small">
                  <Statistic
                    title={t(`cases.stats.${key}`)}
                    value={number(stats.data.total[key])}
                    styles={{
                      content:
                        key === 'overdue' && stats.data.total.overdue > 0
                          ? { color: '#cf1322' }
                          : undefined,
                    }}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          {stats.data.total.resolved > 0 && (
            <Typography.Text type="secondary">
              {t('cases.stats.onTimeRate', {
                rate: new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-US' : 'vi-VN', {
                  style: 'percent',
                  maximumFractionDigits: 1,
                }).format(stats.data.total.resolvedOnTime / stats.data.total.resolved),
              })}
            </Typography.Text>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.stats.byType')}
          </Typography.Title>
          <Table<CaseStats['byType'][number]>
            rowKey="type"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={stats.data.byType}
            locale={{ emptyText: t('cases.empty') }}
            data-testid="case-stats-by-type"
            columns={[
              {
                key: 'type',
                title: t('cases.stats.type'),
                render: (_, row) => labels.typeName(row.type),
              },
              ...countColumns,
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.stats.byUnit')}
          </Typography.Title>
          <Table<CaseStats['byUnit'][number]>
            rowKey={(row) => row.unit.id}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={stats.data.byUnit}
            locale={{ emptyText: t('cases.stats.noChildren') }}
            data-testid="case-stats-by-unit"
            columns={[
              {
                key: 'unit',
                title: t('cases.stats.unit'),
                render: (_, row) => `${row.unit.name} (${row.unit.code})`,
              },
              ...countColumns,
            ]}
          />
        </Flex>
      )}
    </div>
  );
}
