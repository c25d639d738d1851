import { App, Col, Form, Input, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoleCode } from '@hoi/contracts';
import { userQueries, useRoles } from '../../api/user-queries';
import { createUser } from '../../api/users-api';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { useFormRules } from '../../lib/form-rules';

interface Values {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  password: string;
  role: RoleCode;
  unitId: string;
}

/** POST /api/users with the first role assignment. */
export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const roles = useRoles();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={640}
      title={t('users.create')}
      initialValues={{ role: 'unit_officer' }}
      fieldForCode={{
        DUPLICATE_USERNAME: 'username',
        PASSWORD_WEAK: 'password',
        ROLE_UNKNOWN: 'role',
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const user = await createUser({
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          email: values.email?.trim() || undefined,
          phone: values.phone?.trim() || undefined,
          password: values.password,
          role: values.role,
          unitId: values.unitId,
        });
        await queryClient.invalidateQueries({ queryKey: userQueries.all });
        void message.success(t('users.created', { name: user.displayName }));
        onCreated(user.id);
      }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="username" label={t('users.username')} rules={rules.username}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="displayName" label={t('users.displayName')} rules={rules.displayName}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="email"
            label={`${t('users.email')} (${t('app.optional')})`}
            rules={rules.email}
          >
            <Input type="email" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="phone"
            label={`${t('users.phone')} (${t('app.optional')})`}
            rules={rules.phone}
          >
            <Input type="tel" inputMode="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="password" label={t('users.password')} rules={rules.newPassword}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="role" label={t('users.role')} rules={[rules.requiredValue]}>
            <Select options={roles.options} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item name="unitId" label={t('users.unit')} rules={[rules.requiredValue]}>
            <UnitPicker />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
