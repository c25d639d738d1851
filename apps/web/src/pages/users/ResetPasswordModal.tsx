import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@hoi/contracts';
import { resetUserPassword } from '../../api/users-api';
import { FormModal } from '../../components/FormModal';
import { useFormRules } from '../../lib/form-rules';

/** POST /api/users/:id/reset-password. */
export function ResetPasswordModal({
  user,
  open,
  onClose,
}: {
  user: User;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ newPassword: string }>();
  const { message } = App.useApp();

  return (
    <FormModal<{ newPassword: string }>
      open={open}
      form={form}
      title={`${t('users.resetPassword')}: ${user.username}`}
      fieldForCode={{ PASSWORD_WEAK: 'newPassword' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await resetUserPassword(user.id, values.newPassword);
        void message.success(t('users.passwordReset'));
      }}
    >
      <Form.Item name="newPassword" label={t('users.newPassword')} rules={rules.newPassword}>
        <Input.Password autoComplete="new-password" maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
