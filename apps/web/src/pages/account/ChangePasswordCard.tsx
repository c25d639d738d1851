import { App, Button, Card, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/auth-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useFormRules } from '../../lib/form-rules';
import { applyServerError } from '../../lib/server-errors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** POST /api/me/password. */
export function ChangePasswordCard() {
  const { t, i18n } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    },
    onError: (error) =>
      applyServerError(form, error, i18n.language, {
        PASSWORD_MISMATCH: 'currentPassword',
        PASSWORD_WEAK: 'newPassword',
      }),
  });

  return (
    <Card title={t('account.changePassword')}>
      <ServerErrorAlert error={mutation.error} />
      <Form form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[rules.requiredValue]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={rules.newPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            rules.requiredValue,
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (value && value !== getFieldValue('newPassword')) {
                  throw new Error(t('account.passwordsDiffer'));
                }
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
