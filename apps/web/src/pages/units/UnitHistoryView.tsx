import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Skeleton, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitHistory } from '@hoi/contracts';
import { unitQueries } from '../../api/unit-queries';
import { formatDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { UnitEventTimeline } from './UnitEventTimeline';

type Period = { validFrom: string; validTo: string | null };

/** The unit's events as a timeline, and its names and parents period by period. */
export function UnitHistoryView({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const history = useQuery(unitQueries.history(unitId));

  const period = (row: Period) =>
    `${formatDate(row.validFrom)} – ${row.validTo ? formatDate(row.validTo) : t('units.history.present')}`;
  const periodColumn = {
    key: 'period',
    title: `${t('units.field.validFrom')} – ${t('units.field.validTo')}`,
    render: (_: unknown, row: Period) => period(row),
    width: 210,
  };

  let body: ReactNode;
  if (history.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (history.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        title={errorText(history.error, i18n.language, t('errors.generic'))}
      />
    );
  } else {
    const data: UnitHistory = history.data;
    body = (
      <Row gutter={[24, 16]}>
        <Col xs={24}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('units.history.events')}
          </Typography.Title>
          {data.events.length === 0 ? (
            <Empty description={t('units.history.empty')} />
          ) : (
            <UnitEventTimeline events={data.events} />
          )}
        </Col>
        <Col xs={24} xxl={12}>
          <Typography.Title level={5}>{t('units.history.names')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            data-testid="unit-names"
            rowKey={(row) => `${row.name}:${row.validFrom}`}
            dataSource={data.names}
            columns={[
              { key: 'name', dataIndex: 'name', title: t('units.field.name') },
              periodColumn,
            ]}
          />
        </Col>
        <Col xs={24} xxl={12}>
          <Typography.Title level={5}>{t('units.history.parents')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.parentId ?? 'root'}:${row.validFrom}`}
            dataSource={data.parents}
            columns={[
              {
                key: 'parent',
                title: t('units.field.parent'),
                render: (_: unknown, row) =>
                  row.parentId ? (
                    <Link to={{ pathname: `/units/${row.parentId}`, search: location.search }}>
                      {row.parentName ?? row.parentId}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              periodColumn,
            ]}
          />
        </Col>
      </Row>
    );
  }

  return (
    <Card title={t('units.history.title')} data-testid="unit-history">
      {body}
    </Card>
  );
}
