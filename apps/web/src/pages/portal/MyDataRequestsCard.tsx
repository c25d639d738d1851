import { App, Button, Card, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DATA_REQUEST_KINDS, DATA_REQUEST_KIND_NAMES } from '@hoi/contracts';
import type { CreateDataRequestBody } from '../../api/portal-api';
import { createMyDataRequest, listMyDataRequests } from '../../api/portal-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { toLanguage } from '../../i18n/i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { applyServerError } from '../../lib/server-errors';
import { DATA_STATUS_COLOR } from '../requests/DataRequestsTab';

const KEY = ['portal', 'data-requests'] as const;

/** The member's requests about their personal data (Law 91/2025): list and a new one. */
export function MyDataRequestsCard() {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const rules = useFormRules();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateDataRequestBody>();
  const requests = useQuery({ queryKey: KEY, queryFn: listMyDataRequests });
  const items = [...(requests.data?.items ?? [])].sort((a, b) =>
    b.receivedAt.localeCompare(a.receivedAt),
  );

  const send = useMutation({
    mutationFn: createMyDataRequest,
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('portal.dataRequests.sent'));
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => applyServerError(form, error, i18n.language),
  });

  return (
    <Card title={t('portal.dataRequests.title')} data-testid="portal-data-requests">
      <Typography.Paragraph type="secondary">{t('portal.dataRequests.hint')}</Typography.Paragraph>
      <ServerErrorAlert error={send.error ?? requests.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => send.mutate({ kind: values.kind, details: values.details.trim() })}
      >
        <Form.Item name="kind" label={t('portal.dataRequests.kind')} rules={[rules.requiredValue]}>
          <Select
            options={DATA_REQUEST_KINDS.map((kind) => ({
              value: kind,
              label: DATA_REQUEST_KIND_NAMES[kind][lang],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="details"
          label={t('portal.dataRequests.details')}
          rules={[rules.required, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('portal.dataRequests.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }} role="list" data-testid="my-data-requests">
        {items.length === 0 && !requests.isPending ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('portal.dataRequests.empty')}
          />
        ) : (
          items.map((request) => (
            <div
              key={request.id}
              role="listitem"
              style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}
            >
              <Space size={8} wrap>
                <Typography.Text strong>
                  {DATA_REQUEST_KIND_NAMES[request.kind][lang]}
                </Typography.Text>
                <Tag color={DATA_STATUS_COLOR[request.status]}>
                  {t(`portal.dataRequests.statusName.${request.status}`)}
                </Tag>
                {request.overdue && request.status === 'open' && (
                  <Tag color="red">{t('portal.dataRequests.overdue')}</Tag>
                )}
              </Space>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
                {t('portal.dataRequests.receivedAt')}: {formatDateTime(request.receivedAt)} ·{' '}
                {t('portal.dataRequests.dueOn')}: {formatDate(request.dueOn)}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                {request.details}
              </Typography.Paragraph>
              {request.response && (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  <Typography.Text strong>{t('portal.dataRequests.response')}:</Typography.Text>{' '}
                  {request.response}
                </Typography.Paragraph>
              )}
            </div>
          ))
        )}
      </div>
    </Card>
  );
}
