import { App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import { userQueries } from '../../api/user-queries';
import { updateUser } from '../../api/users-api';
import { FormModal } from '../../components/FormModal';
import { useFormRules } from '../../lib/form-rules';

interface Values {
  displayName: string;
  email?: string;
  phone?: string;
}

/** PATCH /api/users/:id with If-Match; a STALE_VERSION reloads the user. */
export function EditUserModal({
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
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={`${t('users.edit')}: ${user.username}`}
      initialValues={{
        displayName: user.displayName,
        email: user.email ?? '',
        phone: user.phone ?? '',
      }}
      onCancel={onClose}
      onError={(error) => {
        if (isApiError(error, 'STALE_VERSION')) {
          void queryClient.invalidateQueries({ queryKey: userQueries.all });
        }
        return false;
      }}
      onSubmit={async (values) => {
        const current = queryClient.getQueryData(userQueries.detail(user.id).queryKey) ?? user;
        await updateUser(user.id, current.version, {
          displayName: values.displayName.trim(),
          email: values.email?.trim() || null,
          phone: values.phone?.trim() || null,
        });
        await queryClient.invalidateQueries({ queryKey: userQueries.all });
        void message.success(t('app.saved'));
      }}
    >
      <Form.Item name="displayName" label={t('users.displayName')} rules={rules.displayName}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} rules={rules.email}>
        <Input type="email" maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t('users.phone')} rules={rules.phone}>
        <Input type="tel" inputMode="tel" maxLength={20} />
      </Form.Item>
    </FormModal>
  );
}
