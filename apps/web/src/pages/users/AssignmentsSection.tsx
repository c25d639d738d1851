import { useState } from 'react';
import { App, Button, Form, Popconfirm, Select, Typography, DatePicker, Row, Col } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoleCode, User } from '@hoi/contracts';
import { userQueries, useRoles } from '../../api/user-queries';
import { createAssignment, endAssignment } from '../../api/users-api';
import { useCan } from '../../auth/me-context';
import { FormModal } from '../../components/FormModal';
import { ItemList } from '../../components/ItemList';
import { UnitPicker } from '../../components/UnitPicker';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { errorText } from '../../lib/server-errors';

interface Values {
  role: RoleCode;
  unitId: string;
  validFrom?: Dayjs;
  validTo?: Dayjs;
}

/** The user's role assignments, with "assign role" and "end" when allowed (role.assign). */
export function AssignmentsSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const roles = useRoles();
  const rules = useFormRules();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [isAddOpen, setAddOpen] = useState(false);
  const canAssign = can('role.assign');

  const end = async (assignmentId: string) => {
    try {
      await endAssignment(assignmentId);
      await queryClient.invalidateQueries({ queryKey: userQueries.all });
      void message.success(t('users.assignmentEnded'));
    } catch (error) {
      void message.error(errorText(error, i18n.language, t('errors.generic')));
    }
  };

  return (
    <>
      <ItemList
        isBordered
        data-testid="assignments"
        header={
          <Row justify="space-between" align="middle">
            <Typography.Text strong>{t('users.assignments')}</Typography.Text>
            {canAssign && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAddOpen(true)}>
                {t('users.addAssignment')}
              </Button>
            )}
          </Row>
        }
        emptyText={t('users.noAssignments')}
        items={user.assignments}
        itemKey={(assignment) => assignment.id}
        title={(assignment) =>
          `${roles.labelOf(assignment.role)} · ${assignment.unitName} (${assignment.unitCode})`
        }
        description={(assignment) =>
          `${formatDate(assignment.validFrom)} – ${assignment.validTo ? formatDate(assignment.validTo) : '…'}`
        }
        actions={
          canAssign
            ? (assignment) => (
                <Popconfirm
                  title={t('users.endAssignmentConfirm')}
                  okText={t('app.yes')}
                  cancelText={t('app.no')}
                  onConfirm={() => void end(assignment.id)}
                >
                  <Button size="small" danger type="link">
                    {t('users.endAssignment')}
                  </Button>
                </Popconfirm>
              )
            : undefined
        }
      />
      <FormModal<Values>
        open={isAddOpen}
        form={form}
        title={`${t('users.addAssignment')}: ${user.displayName}`}
        fieldForCode={{ ROLE_UNKNOWN: 'role' }}
        onCancel={() => setAddOpen(false)}
        onSubmit={async (values) => {
          await createAssignment({
            userId: user.id,
            role: values.role,
            unitId: values.unitId,
            validFrom: toIsoDate(values.validFrom),
            validTo: toIsoDate(values.validTo),
          });
          await queryClient.invalidateQueries({ queryKey: userQueries.all });
          void message.success(t('users.assignmentAdded'));
        }}
      >
        <Form.Item name="role" label={t('users.role')} rules={[rules.requiredValue]}>
          <Select options={roles.options} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[rules.requiredValue]}>
          <UnitPicker />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="validFrom" label={`${t('users.validFrom')} (${t('app.optional')})`}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="validTo" label={`${t('users.validTo')} (${t('app.optional')})`}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
