import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Grid,
  Popconfirm,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { EditOutlined, KeyOutlined, StopOutlined, CheckOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@hoi/contracts';
import { userQueries } from '../../api/user-queries';
import { updateUser } from '../../api/users-api';
import { useCan } from '../../auth/me-context';
import { formatDateTime } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { AssignmentsSection } from './AssignmentsSection';
import { EditUserModal } from './EditUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';

/** A user's details, status, password reset and role assignments. */
export function UserDrawer({
  userId,
  onClose,
}: {
  userId: string | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const userQuery = useQuery({ ...userQueries.detail(userId ?? ''), enabled: Boolean(userId) });
  const user = userQuery.data;

  return (
    <Drawer
      open={Boolean(userId)}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={user ? user.displayName : t('users.detail')}
      data-testid="user-drawer"
    >
      {userQuery.isPending && <Skeleton active />}
      {userQuery.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(userQuery.error, i18n.language, t('errors.generic'))}
        />
      )}
      {user && <UserDetails user={user} />}
    </Drawer>
  );
}

function UserDetails({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'edit' | 'password' | null>(null);
  const canManage = can('user.manage');
  const isLocked = user.lockedUntil !== null && new Date(user.lockedUntil) > new Date();

  const toggleStatus = async () => {
    try {
      await updateUser(user.id, user.version, {
        status: user.status === 'active' ? 'disabled' : 'active',
      });
      await queryClient.invalidateQueries({ queryKey: userQueries.all });
      void message.success(t('users.statusChanged'));
    } catch (error) {
      void message.error(errorText(error, i18n.language, t('errors.generic')));
      await queryClient.invalidateQueries({ queryKey: userQueries.all });
    }
  };

  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }}>
      {canManage && (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('users.edit')}
          </Button>
          <Button icon={<KeyOutlined />} onClick={() => setDialog('password')}>
            {t('users.resetPassword')}
          </Button>
          {user.status === 'active' ? (
            <Popconfirm
              title={t('users.disableConfirm')}
              okText={t('app.yes')}
              cancelText={t('app.no')}
              okButtonProps={{ danger: true }}
              onConfirm={() => void toggleStatus()}
            >
              <Button danger icon={<StopOutlined />}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button icon={<CheckOutlined />} onClick={() => void toggleStatus()}>
              {t('users.enable')}
            </Button>
          )}
        </Space>
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'username', label: t('users.username'), children: user.username },
          { key: 'displayName', label: t('users.displayName'), children: user.displayName },
          { key: 'email', label: t('users.email'), children: user.email ?? '—' },
          { key: 'phone', label: t('users.phone'), children: user.phone ?? '—' },
          {
            key: 'status',
            label: t('users.status'),
            children: (
              <Space wrap size={4}>
                <Tag color={user.status === 'active' ? 'green' : 'default'}>
                  {t(user.status === 'active' ? 'users.active' : 'users.disabled')}
                </Tag>
                {isLocked && (
                  <Tag color="orange">
                    {t('users.locked', { time: formatDateTime(user.lockedUntil) })}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            key: 'totp',
            label: t('users.twoFactor'),
            children: user.totpEnabled ? t('account.totpOn') : t('account.totpOff'),
          },
          {
            key: 'createdAt',
            label: t('users.createdAt'),
            children: formatDateTime(user.createdAt),
          },
        ]}
      />
      <AssignmentsSection user={user} />
      <EditUserModal user={user} open={dialog === 'edit'} onClose={() => setDialog(null)} />
      <ResetPasswordModal
        user={user}
        open={dialog === 'password'}
        onClose={() => setDialog(null)}
      />
    </Space>
  );
}
