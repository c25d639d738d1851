import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DATA_REQUEST_KIND_NAMES } from '@hoi/contracts';
import type { DataRequest, ResolveDataRequestBody } from '../../api/portal-api';
import { listDataRequests, resolveDataRequest } from '../../api/portal-api';
import { isApiError } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { toLanguage } from '../../i18n/i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { UrlUnitPicker } from '../transfers/UrlUnitPicker';

type DataStatus = DataRequest['status'];
const STATUSES: DataStatus[] = ['open', 'done', 'refused'];
export const DATA_STATUS_COLOR: Record<DataStatus, string> = {
  open: 'gold',
  done: 'green',
  refused: 'red',
};

/**
 * Data-subject requests (Law 91/2025): kind, receipt, the 2-working-day due date and an overdue
 * flag; an officer resolves one as done or refused with a response to the member.
 */
export function DataRequestsTab({
  unitId,
  onUnitChange,
}: {
  unitId: string | undefined;
  onUnitChange: (unitId: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const rules = useFormRules();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const isNarrow = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<ResolveDataRequestBody>();
  const [status, setStatus] = useState<DataStatus | undefined>('open');
  const [resolving, setResolving] = useState<DataRequest | null>(null);
  const [raceError, setRaceError] = useState<unknown>(null);

  const requests = useQuery({
    queryKey: ['data-requests', status ?? null, unitId ?? null],
    queryFn: () => listDataRequests({ status, unitId }),
  });
  // Most urgent first: overdue, then by due date.
  const items = [...(requests.data?.items ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn),
  );

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['data-requests'] });

  return (
    <>
      <Typography.Paragraph type="secondary">{t('portal.requests.dueHint')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select<DataStatus | undefined>
          allowClear
          value={status}
          placeholder={t('portal.requests.anyStatus')}
          aria-label={t('portal.requests.statusFilter')}
          style={{ flex: '0 1 180px' }}
          onChange={setStatus}
          options={STATUSES.map((value) => ({
            value,
            label: t(`portal.dataRequests.statusName.${value}`),
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
      {isNarrow ? (
        <DataRequestList
          requests={items}
          isLoading={requests.isPending}
          onResolve={(request) => {
            setRaceError(null);
            setResolving(request);
          }}
        />
      ) : (
        <Table<DataRequest>
          rowKey="id"
          size="middle"
          loading={requests.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('portal.requests.noData') }}
          data-testid="data-requests"
          expandable={{
            expandedRowRender: (request) => (
              <Space orientation="vertical" size={4}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                  {request.details}
                </Typography.Text>
                {request.response && (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('portal.dataRequests.response')}: {request.response}
                    {request.resolvedBy
                      ? ` (${request.resolvedBy}, ${formatDateTime(request.resolvedAt)})`
                      : ''}
                  </Typography.Text>
                )}
              </Space>
            ),
          }}
          columns={[
            {
              key: 'member',
              title: t('portal.requests.member'),
              render: (_, request) => (
                <Link to={`/members/${request.memberId}`}>{request.fullName}</Link>
              ),
            },
            {
              key: 'kind',
              title: t('portal.dataRequests.kind'),
              render: (_, request) => DATA_REQUEST_KIND_NAMES[request.kind][lang],
            },
            {
              key: 'receivedAt',
              title: t('portal.dataRequests.receivedAt'),
              responsive: ['md'],
              render: (_, request) => formatDateTime(request.receivedAt),
            },
            {
              key: 'dueOn',
              title: t('portal.dataRequests.dueOn'),
              render: (_, request) => (
                <Space size={4} wrap>
                  <Typography.Text type={request.overdue ? 'danger' : undefined}>
                    {formatDate(request.dueOn)}
                  </Typography.Text>
                  {request.overdue && request.status === 'open' && (
                    <Tag color="red" variant="solid">
                      {t('portal.dataRequests.overdue')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              key: 'status',
              title: t('portal.dataRequests.status'),
              render: (_, request) => (
                <Tag color={DATA_STATUS_COLOR[request.status]}>
                  {t(`portal.dataRequests.statusName.${request.status}`)}
                </Tag>
              ),
            },
            {
              key: 'actions',
              title: '',
              render: (_, request) =>
                request.status === 'open' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setRaceError(null);
                      setResolving(request);
                    }}
                  >
                    {t('portal.requests.resolve')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <FormModal<ResolveDataRequestBody>
        open={resolving !== null}
        title={t('portal.requests.resolveTitle', { name: resolving?.fullName ?? '' })}
        okText={t('portal.requests.resolve')}
        form={form}
        initialValues={{ outcome: 'done' }}
        onCancel={() => setResolving(null)}
        onError={(error) => {
          if (!isApiError(error, 'REQUEST_CLOSED')) return false;
          setRaceError(error);
          setResolving(null);
          void refresh();
          return true;
        }}
        onSubmit={async (values) => {
          if (!resolving) return;
          await resolveDataRequest(resolving.id, {
            outcome: values.outcome,
            response: values.response.trim(),
          });
          void message.success(t('portal.requests.resolved'));
          await refresh();
        }}
      >
        {resolving && (
          <Typography.Paragraph>
            <Typography.Text strong>
              {DATA_REQUEST_KIND_NAMES[resolving.kind][lang]}
            </Typography.Text>
            {' · '}
            {t('portal.dataRequests.dueOn')}: {formatDate(resolving.dueOn)}
            <br />
            <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
              {resolving.details}
            </Typography.Text>
          </Typography.Paragraph>
        )}
        <Form.Item
          name="outcome"
          label={t('portal.requests.outcome')}
          rules={[rules.requiredValue]}
        >
          <Radio.Group
            options={[
              { value: 'done', label: t('portal.requests.outcomeDone') },
              { value: 'refused', label: t('portal.requests.outcomeRefused') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="response"
          label={t('portal.requests.response')}
          rules={[rules.required, { max: 2000 }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** Phones: one block per request, the answer button under it. */
function DataRequestList({
  requests,
  isLoading,
  onResolve,
}: {
  requests: DataRequest[];
  isLoading: boolean;
  onResolve: (request: DataRequest) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const { token } = theme.useToken();
  if (isLoading)
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  if (requests.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.requests.noData')} />;
  return (
    <div role="list" data-testid="data-requests">
      {requests.map((request) => (
        <div
          key={request.id}
          role="listitem"
          style={{ padding: '12px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Link to={`/members/${request.memberId}`}>{request.fullName}</Link>
          <div>
            <Typography.Text strong>{DATA_REQUEST_KIND_NAMES[request.kind][lang]}</Typography.Text>
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
            {request.details}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('portal.dataRequests.receivedAt')}: {formatDateTime(request.receivedAt)}
          </Typography.Text>
          {request.response && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('portal.dataRequests.response')}: {request.response}
            </Typography.Text>
          )}
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
            <Space size={4} wrap>
              <Typography.Text type={request.overdue ? 'danger' : undefined}>
                {t('portal.dataRequests.dueOn')}: {formatDate(request.dueOn)}
              </Typography.Text>
              {request.overdue && request.status === 'open' && (
                <Tag color="red" variant="solid">
                  {t('portal.dataRequests.overdue')}
                </Tag>
              )}
              <Tag color={DATA_STATUS_COLOR[request.status]}>
                {t(`portal.dataRequests.statusName.${request.status}`)}
              </Tag>
            </Space>
            {request.status === 'open' && (
              <Button size="small" type="primary" onClick={() => onResolve(request)}>
                {t('portal.requests.resolve')}
              </Button>
            )}
          </Flex>
        </div>
      ))}
    </div>
  );
}
