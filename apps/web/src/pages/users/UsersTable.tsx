import { Space, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@hoi/contracts';
import { useRoles } from '../../api/user-queries';

/** Users with their roles; a row opens the detail drawer. */
export function UsersTable({
  users,
  isLoading,
  onOpen,
}: {
  users: User[];
  isLoading: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const roles = useRoles();

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={users}
      pagination={false}
      data-testid="users-table"
      onRow={(user) => ({ onClick: () => onOpen(user.id), style: { cursor: 'pointer' } })}
      columns={[
        {
          key: 'name',
          title: t('users.displayName'),
          render: (_, user) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <Typography.Text type="secondary">{user.username}</Typography.Text>
            </Space>
          ),
        },
        {
          key: 'roles',
          title: t('users.roles'),
          responsive: ['sm'],
          render: (_, user) => (
            <Space wrap size={4}>
              {user.assignments.map((assignment) => (
                <Tag key={assignment.id} color="red" variant="outlined">
                  {roles.labelOf(assignment.role)} · {assignment.unitName}
                </Tag>
              ))}
            </Space>
          ),
        },
        {
          key: 'contact',
          title: `${t('users.email')} / ${t('users.phone')}`,
          responsive: ['xl'],
          render: (_, user) => [user.email, user.phone].filter(Boolean).join(' · '),
        },
        {
          key: 'status',
          title: t('users.status'),
          render: (_, user) => (
            <Space size={4}>
              <Tag color={user.status === 'active' ? 'green' : 'default'}>
                {t(user.status === 'active' ? 'users.active' : 'users.disabled')}
              </Tag>
              {user.lockedUntil && new Date(user.lockedUntil) > new Date() && <LockOutlined />}
            </Space>
          ),
        },
        {
          key: 'totp',
          title: t('users.twoFactor'),
          responsive: ['md'],
          align: 'center',
          render: (_, user) =>
            user.totpEnabled ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : '—',
        },
      ]}
    />
  );
}
