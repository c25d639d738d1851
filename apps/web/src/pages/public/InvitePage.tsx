import { Alert, Button, Descriptions, Flex, Form, Input, Result, Spin, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { acceptInvitation, fetchInvitation } from '../../api/portal-api';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { applyServerError, errorText } from '../../lib/server-errors';
import { PublicShell } from './PublicShell';

interface PasswordValues {
  password: string;
  repeat: string;
}

/**
 * /invite/:token (public): who is invited, then a password (twice). Afterwards the member logs
 * in with the username shown here and lands on their portal.
 */
export function InvitePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const rules = useFormRules();
  const [form] = Form.useForm<PasswordValues>();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => fetchInvitation(token),
    retry: false,
    staleTime: Infinity,
  });
  const accept = useMutation({
    mutationFn: (password: string) => acceptInvitation({ token, password }),
    onError: (error) => applyServerError(form, error, i18n.language, { PASSWORD_WEAK: 'password' }),
  });

  const isInvalid =
    isApiError(invitation.error, 'INVITATION_INVALID') ||
    isApiError(invitation.error, 'NOT_FOUND') ||
    isApiError(invitation.error, 'VALIDATION_FAILED') ||
    isApiError(accept.error, 'INVITATION_INVALID');

  const body = () => {
    if (invitation.isPending)
      return (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      );
    if (isInvalid)
      return (
        <Result
          status="warning"
          title={t('portal.invite.invalid')}
          subTitle={t('portal.invite.invalidHint')}
          data-testid="invite-invalid"
        />
      );
    if (invitation.isError)
      return (
        <Alert
          type="error"
          showIcon
          title={errorText(invitation.error, i18n.language, t('errors.generic'))}
          action={
            <Button size="small" onClick={() => void invitation.refetch()}>
              {t('app.retry')}
            </Button>
          }
        />
      );
    const info = invitation.data;
    const loginPath = `/login?${new URLSearchParams({ next: '/portal', username: info.username }).toString()}`;
    if (accept.isSuccess)
      return (
        <Result
          status="success"
          title={t('portal.invite.done')}
          subTitle={t('portal.invite.doneHint', { username: info.username })}
          data-testid="invite-done"
          extra={
            <Flex vertical align="center" gap={12}>
              <Typography.Text code copyable data-testid="invite-username" style={{ fontSize: 18 }}>
                {info.username}
              </Typography.Text>
              <Link to={loginPath}>
                <Button type="primary" size="large">
                  {t('portal.invite.goToLogin')}
                </Button>
              </Link>
            </Flex>
          }
        />
      );
    return (
      <>
        <Typography.Title level={4} style={{ marginTop: 16 }}>
          {t('portal.invite.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('portal.invite.intro', { name: info.fullName, association: info.associationName })}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'username',
              label: t('portal.invite.username'),
              children: (
                <Typography.Text strong data-testid="invite-username">
                  {info.username}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('portal.invite.expiresAt', { time: formatDateTime(info.expiresAt) })}
        </Typography.Paragraph>
        {accept.isError && !isApiError(accept.error, 'VALIDATION_FAILED') && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText(accept.error, i18n.language, t('errors.generic'))}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => accept.mutate(values.password)}
        >
          {/* Lets password managers store the new password under the right username. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={info.username}
            readOnly
            hidden
          />
          <Form.Item
            name="password"
            label={t('portal.invite.password')}
            extra={t('portal.invite.passwordHelp')}
            rules={rules.newPassword}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" size="large" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('portal.invite.repeat')}
            dependencies={['password']}
            rules={[
              rules.requiredValue,
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  if (value && value !== getFieldValue('password'))
                    throw new Error(t('portal.invite.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={accept.isPending}>
            {t('portal.invite.submit')}
          </Button>
        </Form>
      </>
    );
  };

  return <PublicShell>{body()}</PublicShell>;
}
