import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedApiToken } from '../../api/auth-api';
import { createToken, deleteToken, listTokens } from '../../api/auth-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { applyServerError, errorText } from '../../lib/server-errors';

const TOKENS_KEY = ['me', 'tokens'] as const;

/** Personal API tokens: list, create (the secret is shown once), revoke. */
export function ApiTokensCard() {
  const { t, i18n } = useTranslation();
  const rules = useFormRules();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: listTokens });

  const create = useMutation({
    mutationFn: (name: string) => createToken({ name }),
    onSuccess: async (token) => {
      setCreated(token);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => applyServerError(form, error, i18n.language),
  });

  const revoke = async (id: string) => {
    try {
      await deleteToken(id);
      if (created?.id === id) setCreated(null);
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      void message.success(t('account.tokenDeleted'));
    } catch (error) {
      void message.error(errorText(error, i18n.language, t('errors.generic')));
    }
  };

  return (
    <Card title={t('account.tokens')}>
      <Typography.Paragraph type="secondary">{t('account.tokensIntro')}</Typography.Paragraph>
      <ServerErrorAlert error={create.error ?? tokens.error} />
      {created && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
          style={{ marginBottom: 16 }}
          title={t('account.tokenCreated')}
          description={
            <Typography.Text
              code
              copyable
              style={{ wordBreak: 'break-all' }}
              data-testid="created-token"
            >
              {created.token}
            </Typography.Text>
          }
        />
      )}
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(values) => create.mutate(values.name.trim())}
      >
        <Form.Item name="name" rules={[rules.required, { max: 100 }]} style={{ flex: '1 1 180px' }}>
          <Input placeholder={t('account.tokenName')} maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('account.tokenCreate')}
        </Button>
      </Form>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        pagination={false}
        loading={tokens.isPending}
        dataSource={tokens.data ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('account.tokenName'), dataIndex: 'name' },
          {
            key: 'createdAt',
            title: t('account.tokenCreatedAt'),
            render: (_, token) => formatDateTime(token.createdAt),
          },
          {
            key: 'lastUsedAt',
            title: t('account.tokenLastUsed'),
            responsive: ['sm'],
            render: (_, token) =>
              token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('account.never'),
          },
          {
            key: 'actions',
            title: '',
            align: 'right',
            render: (_, token) => (
              <Popconfirm
                title={t('account.tokenDeleteConfirm')}
                okText={t('app.yes')}
                cancelText={t('app.no')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void revoke(token.id)}
              >
                <Button size="small" danger type="link">
                  {t('account.tokenDelete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
