import { App, Button, Card, Flex, Form, Input, QRCode, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { disableTotp, enableTotp, setupTotp } from '../../api/auth-api';
import { ME_QUERY_KEY, useMe } from '../../auth/me-context';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useFormRules } from '../../lib/form-rules';
import { applyServerError } from '../../lib/server-errors';

/** TOTP: set up (secret + QR of the otpauth URL), confirm with a code to enable, or disable. */
export function TwoFactorCard() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const rules = useFormRules();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();

  const setup = useMutation({ mutationFn: setupTotp });
  const confirm = useMutation({
    mutationFn: (code: string) => (me.user.totpEnabled ? disableTotp(code) : enableTotp(code)),
    onSuccess: async () => {
      const wasEnabled = me.user.totpEnabled;
      form.resetFields();
      setup.reset();
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      void message.success(t(wasEnabled ? 'account.totpDisabled' : 'account.totpEnabled'));
    },
    onError: (error) => applyServerError(form, error, i18n.language, { TOTP_INVALID: 'code' }),
  });

  const codeForm = (label: string, isDanger: boolean) => (
    <Form
      form={form}
      layout="inline"
      onFinish={(values) => confirm.mutate(values.code)}
      style={{ rowGap: 8 }}
    >
      <Form.Item name="code" rules={rules.totp}>
        <Input
          placeholder={t('account.totpCode')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          style={{ width: 140 }}
        />
      </Form.Item>
      <Button type="primary" danger={isDanger} htmlType="submit" loading={confirm.isPending}>
        {label}
      </Button>
    </Form>
  );

  return (
    <Card
      title={t('account.totp')}
      extra={
        <Tag color={me.user.totpEnabled ? 'green' : 'default'}>
          {t(me.user.totpEnabled ? 'account.totpOn' : 'account.totpOff')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.totpIntro')}</Typography.Paragraph>
      <ServerErrorAlert error={setup.error ?? confirm.error} />
      {me.user.totpEnabled ? (
        codeForm(t('account.totpDisable'), true)
      ) : setup.data ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text>{t('account.totpScan')}</Typography.Text>
          <Flex gap={16} wrap align="flex-start">
            <QRCode value={setup.data.otpauthUrl} size={168} bordered />
            <Space orientation="vertical" size={4} style={{ minWidth: 0, flex: '1 1 200px' }}>
              <Typography.Text type="secondary">{t('account.totpSecret')}</Typography.Text>
              <Typography.Text code copyable data-testid="totp-secret">
                {setup.data.secret}
              </Typography.Text>
              <Typography.Text type="secondary">{t('account.totpUrl')}</Typography.Text>
              <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {setup.data.otpauthUrl}
              </Typography.Text>
            </Space>
          </Flex>
          {codeForm(t('account.totpEnable'), false)}
        </Space>
      ) : (
        <Button type="primary" loading={setup.isPending} onClick={() => setup.mutate()}>
          {t('account.totpSetup')}
        </Button>
      )}
    </Card>
  );
}
