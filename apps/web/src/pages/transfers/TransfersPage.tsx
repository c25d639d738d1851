import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Transfer, TransferStatus } from '@hoi/contracts';
import { TRANSFER_STATUSES, TRANSFER_STATUS_NAMES } from '@hoi/contracts';
import type { TransferBox } from '../../api/transfers-api';
import {
  acceptTransfer,
  cancelTransfer,
  listTransfers,
  refuseTransfer,
} from '../../api/transfers-api';
import { isApiError } from '../../api/client';
import { useCan } from '../../auth/me-context';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { toLanguage } from '../../i18n/i18n';
import { errorText } from '../../lib/server-errors';
import { AcceptTransferModal, RefuseTransferModal } from './TransferAnswerModals';
import { TransfersTable } from './TransfersTable';
import { UrlUnitPicker } from './UrlUnitPicker';

const BOXES: readonly TransferBox[] = ['incoming', 'outgoing', 'overdue', 'all'];

function toBox(value: string | null): TransferBox {
  return BOXES.find((box) => box === value) ?? 'incoming';
}

function toStatus(value: string | null): TransferStatus | undefined {
  return TRANSFER_STATUSES.find((status) => status === value);
}

/**
 * /transfers: the transfer inbox. Tabs Đến / Đi / Quá hạn / Tất cả (kept in ?box=), an optional
 * unit and status filter; officers accept, refuse (incoming, overdue) or cancel (outgoing).
 */
export function TransfersPage() {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const can = useCan();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const box = toBox(searchParams.get('box'));
  const unitId = searchParams.get('unitId') ?? undefined;
  const status = toStatus(searchParams.get('status'));
  const [accepting, setAccepting] = useState<Transfer | null>(null);
  const [refusing, setRefusing] = useState<Transfer | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const canManage = can('member.manage');

  const transfers = useInfiniteQuery({
    queryKey: ['transfers', 'list', box, unitId ?? null, status ?? null],
    queryFn: ({ pageParam }) => listTransfers({ box, unitId, status, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = transfers.data?.pages.flatMap((page) => page.items) ?? [];

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['transfers'] }),
      queryClient.invalidateQueries({ queryKey: ['members'] }),
    ]);
  };

  /** Someone answered first (or the transfer vanished): say so on the page and reload. */
  const handleRaceError = (error: unknown): boolean => {
    if (!isApiError(error, 'TRANSFER_NOT_PENDING') && !isApiError(error, 'NOT_FOUND')) {
      return false;
    }
    setActionError(error);
    setAccepting(null);
    setRefusing(null);
    void refresh();
    return true;
  };

  const cancel = async (transfer: Transfer) => {
    setActionError(null);
    try {
      await cancelTransfer(transfer.id);
      void message.success(t('transfers.cancelled'));
    } catch (error) {
      setActionError(error);
    } finally {
      await refresh();
    }
  };

  const renderActions = (transfer: Transfer) => {
    if (transfer.status !== 'pending') return null;
    if (box === 'outgoing') {
      return (
        <Popconfirm
          title={t('transfers.cancelConfirm', { name: transfer.fullName })}
          okText={t('app.yes')}
          cancelText={t('app.no')}
          okButtonProps={{ danger: true }}
          onConfirm={() => void cancel(transfer)}
        >
          <Button size="small" danger>
            {t('transfers.cancel')}
          </Button>
        </Popconfirm>
      );
    }
    if (box === 'incoming' || box === 'overdue') {
      return (
        <Space size={4}>
          <Button
            size="small"
            type="primary"
            onClick={() => {
              setActionError(null);
              setAccepting(transfer);
            }}
          >
            {t('transfers.accept')}
          </Button>
          <Button
            size="small"
            danger
            onClick={() => {
              setActionError(null);
              setRefusing(transfer);
            }}
          >
            {t('transfers.refuse')}
          </Button>
        </Space>
      );
    }
    return null;
  };

  const raceError = isApiError(actionError, 'TRANSFER_NOT_PENDING') ? actionError : null;

  return (
    <Card title={t('transfers.title')} data-testid="transfers-page">
      <Typography.Paragraph type="secondary">{t('transfers.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={box}
        onChange={(key) => setParam('box', key)}
        items={BOXES.map((key) => ({ key, label: t(`transfers.box.${key}`) }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t(`transfers.boxHint.${box}`)}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 240px', maxWidth: 420 }}>
          <UrlUnitPicker
            value={unitId}
            placeholder={t('transfers.unitFilter')}
            onChange={(value) => setParam('unitId', value)}
            data-testid="transfers-unit-filter"
          />
        </div>
        <Select<TransferStatus | undefined>
          allowClear
          value={status}
          placeholder={t('transfers.anyStatus')}
          aria-label={t('transfers.statusFilter')}
          style={{ flex: '0 1 200px' }}
          options={TRANSFER_STATUSES.map((value) => ({
            value,
            label: TRANSFER_STATUS_NAMES[value][lang],
          }))}
          onChange={(value) => setParam('status', value)}
        />
      </Flex>
      {raceError ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setActionError(null) }}
          style={{ marginBottom: 16 }}
          title={raceError.localized(i18n.language)}
          description={t('transfers.alreadyAnswered')}
          data-testid="transfer-race"
        />
      ) : (
        <ServerErrorAlert error={actionError} />
      )}
      {transfers.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorText(transfers.error, i18n.language, t('errors.generic'))}
        />
      )}
      <TransfersTable
        transfers={items}
        isLoading={transfers.isPending}
        actions={canManage && box !== 'all' ? renderActions : undefined}
      />
      {transfers.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button
            loading={transfers.isFetchingNextPage}
            onClick={() => void transfers.fetchNextPage()}
          >
            {t('app.loadMore')}
          </Button>
        </Flex>
      )}
      <AcceptTransferModal
        transfer={accepting}
        onClose={() => setAccepting(null)}
        onError={handleRaceError}
        onSubmit={async (transfer, body) => {
          await acceptTransfer(transfer.id, body);
          void message.success(t('transfers.accepted', { name: transfer.fullName }));
          await refresh();
        }}
      />
      <RefuseTransferModal
        transfer={refusing}
        onClose={() => setRefusing(null)}
        onError={handleRaceError}
        onSubmit={async (transfer, body) => {
          await refuseTransfer(transfer.id, body);
          void message.success(t('transfers.refused', { name: transfer.fullName }));
          await refresh();
        }}
      />
    </Card>
  );
}
