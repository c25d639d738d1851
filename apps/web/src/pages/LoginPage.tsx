import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { LoginBody } from '@hoi/contracts';
import { login } from '../api/auth-api';
import { isApiError, setCsrfToken } from '../api/client';
import { ME_QUERY_KEY, useMeQuery } from '../auth/me-context';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { useFormRules } from '../lib/form-rules';
import { applyServerError, errorText } from '../lib/server-errors';

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Username + password, then a 6-digit code when the server asks for one (TOTP_REQUIRED). */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<LoginBody>();
  const [isTotpShown, setTotpShown] = useState(false);
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meQuery = useMeQuery();
  const next = safeNext(searchParams.get('next'));

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(ME_QUERY_KEY, me);
      void navigate(next, { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'TOTP_REQUIRED')) {
        setTotpShown(true);
        return;
      }
      applyServerError(form, error, i18n.language, { TOTP_INVALID: 'totp' });
    },
  });

  if (meQuery.data) return <Navigate to={next} replace />;

  const showAlert = mutation.isError && !isApiError(mutation.error, 'TOTP_REQUIRED');

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #8e1212 0%, #b71c1c 35%, #f5f6f8 35%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 28 } }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Flex align="center" gap={10}>
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
          </Flex>
          <LanguageSwitch size="small" />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 16 }}>
          {t('login.title')}
        </Typography.Title>
        {showAlert && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText(mutation.error, i18n.language, t('errors.generic'))}
            data-testid="login-error"
          />
        )}
        {isTotpShown && !showAlert && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('login.totpHelp')} />
        )}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ username: searchParams.get('username') ?? '' }}
          onFinish={(values) =>
            mutation.mutate({
              username: values.username.trim(),
              password: values.password,
              totp: isTotpShown && values.totp ? values.totp : undefined,
            })
          }
        >
          <Form.Item name="username" label={t('login.username')} rules={[rules.required]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[rules.requiredValue]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          {isTotpShown && (
            <Form.Item name="totp" label={t('login.totp')} rules={rules.totp}>
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                size="large"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
