import type { ReactNode } from 'react';
import { Descriptions, Empty, Flex, Grid, Space, Spin, Table, Tag, Typography, theme } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Transfer, TransferStatus } from '@hoi/contracts';
import { TRANSFER_STATUS_NAMES } from '@hoi/contracts';
import { toLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';

export const TRANSFER_STATUS_COLOR: Record<TransferStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  refused: 'red',
  cancelled: 'default',
};

/** Status, plus the overdue and escalation marks of a pending transfer. */
export function TransferStatusTags({ transfer }: { transfer: Transfer }) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  return (
    <Space orientation="vertical" size={2}>
      <Space size={4} wrap>
        <Tag color={TRANSFER_STATUS_COLOR[transfer.status]} data-testid="transfer-status">
          {TRANSFER_STATUS_NAMES[transfer.status][lang]}
        </Tag>
        {transfer.overdue && (
          <Tag color="red" variant="solid" data-testid="transfer-overdue">
            {t('transfers.overdue')}
          </Tag>
        )}
      </Space>
      {transfer.escalatedTo && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('transfers.escalatedTo', { name: transfer.escalatedTo.name })}
        </Typography.Text>
      )}
    </Space>
  );
}

function Route({ transfer }: { transfer: Transfer }) {
  return (
    <span>
      {transfer.fromUnit.name} <ArrowRightOutlined style={{ fontSize: 11 }} />{' '}
      {transfer.toUnit.name}
    </span>
  );
}

/** The transfers of one box; `actions` renders the buttons the caller may use on a row. */
export function TransfersTable({
  transfers,
  isLoading,
  actions,
}: {
  transfers: Transfer[];
  isLoading: boolean;
  actions?: (transfer: Transfer) => ReactNode;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();

  if (!screens.md) {
    return <TransferList transfers={transfers} isLoading={isLoading} actions={actions} />;
  }

  return (
    <Table<Transfer>
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={transfers}
      pagination={false}
      locale={{ emptyText: t('transfers.empty') }}
      data-testid="transfers-table"
      expandable={{
        expandedRowRender: (transfer) => (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'from', label: t('transfers.from'), children: transfer.fromUnit.name },
              { key: 'to', label: t('transfers.to'), children: transfer.toUnit.name },
              { key: 'reason', label: t('transfers.reason'), children: transfer.reason ?? '—' },
              {
                key: 'requestedBy',
                label: t('transfers.requestedBy'),
                children: transfer.requestedBy ?? '—',
              },
              {
                key: 'answeredOn',
                label: t('transfers.answeredOn'),
                children: formatDate(transfer.answeredOn) || '—',
              },
              {
                key: 'answeredBy',
                label: t('transfers.answeredBy'),
                children: transfer.answeredBy ?? '—',
              },
              ...(transfer.refusalReason
                ? [
                    {
                      key: 'refusalReason',
                      label: t('transfers.refusalReason'),
                      children: transfer.refusalReason,
                    },
                  ]
                : []),
            ]}
          />
        ),
      }}
      columns={[
        {
          key: 'member',
          title: t('transfers.member'),
          render: (_, transfer) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/members/${transfer.memberId}`}>{transfer.fullName}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {transfer.memberNumber}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'route',
          title: t('transfers.route'),
          render: (_, transfer) => <Route transfer={transfer} />,
        },
        {
          key: 'releasedOn',
          title: t('transfers.releasedOn'),
          responsive: ['lg'],
          render: (_, transfer) => (
            <span style={{ whiteSpace: 'nowrap' }}>{formatDate(transfer.releasedOn)}</span>
          ),
        },
        {
          key: 'dueOn',
          title: t('transfers.dueOn'),
          render: (_, transfer) =>
            transfer.status === 'pending' ? (
              <Typography.Text
                type={transfer.overdue ? 'danger' : undefined}
                style={{ whiteSpace: 'nowrap' }}
              >
                {formatDate(transfer.dueOn)}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(transfer.dueOn)}
              </Typography.Text>
            ),
        },
        {
          key: 'status',
          title: t('transfers.status'),
          render: (_, transfer) => <TransferStatusTags transfer={transfer} />,
        },
        ...(actions
          ? [
              {
                key: 'actions',
                title: t('transfers.actions'),
                render: (_: unknown, transfer: Transfer) => actions(transfer),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Phones: one block per transfer (a table would need sideways scrolling to reach the buttons). */
function TransferList({
  transfers,
  isLoading,
  actions,
}: {
  transfers: Transfer[];
  isLoading: boolean;
  actions?: (transfer: Transfer) => ReactNode;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (isLoading)
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  if (transfers.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transfers.empty')} />;
  return (
    <div role="list" data-testid="transfers-list">
      {transfers.map((transfer) => {
        const buttons = actions?.(transfer);
        return (
          <div
            key={transfer.id}
            role="listitem"
            style={{ padding: '12px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}
          >
            <Flex justify="space-between" align="baseline" gap={8} wrap>
              <Link to={`/members/${transfer.memberId}`}>{transfer.fullName}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {transfer.memberNumber}
              </Typography.Text>
            </Flex>
            <div style={{ margin: '4px 0' }}>
              <Route transfer={transfer} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('transfers.releasedOn')}: {formatDate(transfer.releasedOn)} ·{' '}
              {t('transfers.dueOn')}: {formatDate(transfer.dueOn)}
            </Typography.Text>
            {transfer.reason && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t('transfers.reason')}: {transfer.reason}
              </Typography.Text>
            )}
            {transfer.refusalReason && (
              <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>
                {t('transfers.refusalReason')}: {transfer.refusalReason}
              </Typography.Text>
            )}
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
              <TransferStatusTags transfer={transfer} />
              {buttons}
            </Flex>
          </div>
        );
      })}
    </div>
  );
}
