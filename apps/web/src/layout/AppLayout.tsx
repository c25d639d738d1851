import { Suspense, useState } from 'react';
import { Alert, Drawer, Grid, Layout, Typography } from 'antd';
import { Link, Outlet } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-context';
import { FullPageSpin } from '../components/FullPageSpin';
import { AppHeader } from './AppHeader';
import { NavMenu } from './NavMenu';

/** The signed-in shell: header, a sider on wide screens or a drawer on phones, the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isCompact = !screens.lg;
  const [isDrawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader isCompact={isCompact} onOpenMenu={() => setDrawerOpen(true)} />
      <Layout>
        {!isCompact && (
          <Layout.Sider width={224} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <nav aria-label={t('nav.menu')} data-testid="nav-sider">
              <NavMenu />
            </nav>
          </Layout.Sider>
        )}
        {isCompact && (
          <Drawer
            open={isDrawerOpen}
            placement="left"
            size={280}
            title={me.association.name}
            onClose={() => setDrawerOpen(false)}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('nav.menu')} data-testid="nav-drawer">
              <Typography.Paragraph type="secondary" style={{ padding: '12px 24px 0' }}>
                {me.user.displayName}
              </Typography.Paragraph>
              <NavMenu onNavigate={() => setDrawerOpen(false)} />
            </nav>
          </Drawer>
        )}
        <Layout.Content style={{ padding: isCompact ? 12 : 24, minWidth: 0 }}>
          {me.totpSetupRequired && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('totpSetupBanner')}
              action={<Link to="/account">{t('totpSetupLink')}</Link>}
            />
          )}
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
