import { Button, Flex, Layout, Tooltip, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { logout } from '../api/auth-api';
import { setCsrfToken } from '../api/client';
import { ME_QUERY_KEY, useMe } from '../auth/me-context';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

/** Top bar: association name, user, notifications, language, logout; a menu button on small screens. */
export function AppHeader({
  isCompact,
  onOpenMenu,
}: {
  isCompact: boolean;
  onOpenMenu: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const handleLogout = async () => {
    try {
      await logout();
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
      void navigate('/login', { replace: true });
    }
  };

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        paddingInline: isCompact ? 8 : 24,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      {isCompact && (
        <Button
          type="text"
          aria-label={t('nav.menu')}
          icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
          onClick={onOpenMenu}
          data-testid="nav-drawer-button"
        />
      )}
      <Flex align="center" gap={10} style={{ minWidth: 0, flex: 1 }}>
        <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
        <Typography.Text
          strong
          ellipsis={{ tooltip: me.association.name }}
          style={{ color: '#fff', fontSize: isCompact ? 14 : 16, minWidth: 0 }}
          data-testid="association-name"
        >
          {me.association.name}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={isCompact ? 6 : 16} style={{ flex: 'none' }}>
        {!isCompact && (
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            <UserOutlined /> {me.user.displayName}
          </Typography.Text>
        )}
        <NotificationBell />
        <LanguageSwitch size="small" />
        <Tooltip title={t('nav.logout')}>
          <Button
            type="text"
            aria-label={t('nav.logout')}
            icon={<LogoutOutlined style={{ color: '#fff' }} />}
            onClick={() => void handleLogout()}
            style={{ color: '#fff' }}
          >
            {isCompact ? null : t('nav.logout')}
          </Button>
        </Tooltip>
      </Flex>
    </Layout.Header>
  );
}
