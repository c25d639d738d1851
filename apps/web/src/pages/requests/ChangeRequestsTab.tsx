import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ChangeRequest } from '../../api/portal-api';
import {
  approveChangeRequest,
  listChangeRequests,
  rejectChangeRequest,
} from '../../api/portal-api';
import { isApiError } from '../../api/client';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { formatDate, formatDateTime } from '../../lib/format';
import type { FieldChange } from './change-fields';
import { describeValue, listFieldChanges } from './change-fields';
import { DecisionModal } from './DecisionModal';
import { UrlUnitPicker } from '../transfers/UrlUnitPicker';

type ChangeStatus = ChangeRequest['status'];
const STATUSES: ChangeStatus[] = ['pending', 'approved', 'rejected'];
const STATUS_COLOR: Record<ChangeStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
};

const KNOWN_FIELDS = ['phone', 'email', 'provinceCode', 'communeCode', 'detail'] as const;

function isKnownField(key: string): key is (typeof KNOWN_FIELDS)[number] {
  return (KNOWN_FIELDS as readonly string[]).includes(key);
}

/** Correction requests from members (contact details), pending first; approve or reject. */
export function ChangeRequestsTab({
  unitId,
  onUnitChange,
}: {
  unitId: string | undefined;
  onUnitChange: (unitId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<ChangeStatus>('pending');
  const [deciding, setDeciding] = useState<{ request: ChangeRequest; isApproval: boolean } | null>(
    null,
  );
  const [raceError, setRaceError] = useState<unknown>(null);

  const requests = useQuery({
    queryKey: ['change-requests', status, unitId ?? null],
    queryFn: () => listChangeRequests({ status, unitId }),
  });
  const items = requests.data?.items ?? [];

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['change-requests'] }),
      queryClient.invalidateQueries({ queryKey: ['members'] }),
    ]);
  };

  const handleRace = (error: unknown) => {
    if (!isApiError(error, 'REQUEST_CLOSED')) return false;
    setRaceError(error);
    setDeciding(null);
    void refresh();
    return true;
  };

  const fieldLabel = (path: string[]) => {
    const leaf = path[path.length - 1] ?? '';
    return isKnownField(leaf) ? t(`portal.requests.fieldName.${leaf}`) : path.join('.');
  };

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Segmented<ChangeStatus>
          value={status}
          onChange={setStatus}
          options={STATUSES.map((value) => ({
            value,
            label: t(`portal.requests.changeStatus.${value}`),
          }))}
        />
        <div style={{ flex: '1 1 240px', maxWidth: 420 }}>
          <UrlUnitPicker
            value={unitId}
            placeholder={t('portal.requests.unit')}
            onChange={onUnitChange}
          />
        </div>
      </Flex>
      {raceError !== null && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setRaceError(null) }}
          style={{ marginBottom: 16 }}
          title={t('portal.requests.alreadyDecided')}
        />
      )}
      <ServerErrorAlert error={requests.error} />
      {requests.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.requests.noChanges')} />
      ) : (
        <Space
          orientation="vertical"
          size={12}
          style={{ width: '100%' }}
          data-testid="change-requests"
        >
          {items.map((request) => (
            <Card
              key={request.id}
              size="small"
              data-testid="change-request"
              title={
                <Space size={8} wrap>
                  <Link to={`/members/${request.memberId}`}>{request.fullName}</Link>
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    {request.unitName}
                  </Typography.Text>
                </Space>
              }
              extra={
                <Tag color={STATUS_COLOR[request.status]}>
                  {t(`portal.requests.changeStatus.${request.status}`)}
                </Tag>
              }
            >
              <Table<FieldChange>
                size="small"
                pagination={false}
                rowKey={(change) => change.path.join('.')}
                dataSource={listFieldChanges(request.fields, request.current)}
                columns={[
                  {
                    key: 'field',
                    title: t('portal.requests.field'),
                    render: (_, change) => fieldLabel(change.path),
                  },
                  {
                    key: 'current',
                    title: t('portal.requests.currentValue'),
                    render: (_, change) => (
                      <Typography.Text type="secondary">
                        {describeValue(change.current, '—')}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'requested',
                    title: t('portal.requests.requested'),
                    render: (_, change) => (
                      <Typography.Text strong>
                        {describeValue(change.requested, t('portal.requests.cleared'))}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
              {request.note && (
                <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('portal.requests.note')}: {request.note}
                </Typography.Paragraph>
              )}
              <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('portal.requests.createdAt')}: {formatDateTime(request.createdAt)}
                  {request.decidedAt &&
                    ` · ${t('portal.requests.decided', {
                      status: t(`portal.requests.changeStatus.${request.status}`),
                      date: formatDate(request.decidedAt),
                      name: request.decidedBy ?? '—',
                    })}`}
                  {request.decisionNote &&
                    ` · ${t('portal.requests.decisionNote')}: ${request.decisionNote}`}
                </Typography.Text>
                {request.status === 'pending' && (
                  <Space size={8}>
                    <Button
                      type="primary"
                      size="small"
                      onClick={() => {
                        setRaceError(null);
                        setDeciding({ request, isApproval: true });
                      }}
                    >
                      {t('portal.requests.approve')}
                    </Button>
                    <Button
                      danger
                      size="small"
                      onClick={() => {
                        setRaceError(null);
                        setDeciding({ request, isApproval: false });
                      }}
                    >
                      {t('portal.requests.reject')}
                    </Button>
                  </Space>
                )}
              </Flex>
            </Card>
          ))}
        </Space>
      )}
      <DecisionModal
        open={deciding !== null}
        title={t(
          deciding?.isApproval ? 'portal.requests.approveTitle' : 'portal.requests.rejectTitle',
          { name: deciding?.request.fullName ?? '' },
        )}
        hint={t(
          deciding?.isApproval ? 'portal.requests.approveHint' : 'portal.requests.rejectHint',
        )}
        okText={t(deciding?.isApproval ? 'portal.requests.approve' : 'portal.requests.reject')}
        isDanger={deciding !== null && !deciding.isApproval}
        onClose={() => setDeciding(null)}
        onError={handleRace}
        onSubmit={async (note) => {
          if (!deciding) return;
          const { request, isApproval } = deciding;
          if (isApproval) await approveChangeRequest(request.id, { note });
          else await rejectChangeRequest(request.id, { note });
          void message.success(
            t(isApproval ? 'portal.requests.approved' : 'portal.requests.rejected'),
          );
          await refresh();
        }}
      />
    </>
  );
}
