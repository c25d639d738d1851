import type { MenuProps } from 'antd';
import { Menu } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  FormOutlined,
  InboxOutlined,
  IdcardOutlined,
  ImportOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@hoi/contracts';
import { useCan, useMe } from '../auth/me-context';

interface NavEntry {
  key: string;
  path: string;
  icon: React.ReactNode;
  label: string;
  permission?: Permission;
}

/** The module menu: each entry shows to users holding its permission somewhere in their scope. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  // A member's own account holds only self.read: their portal is their whole app.
  const isPortalOnly = me.permissions.every((permission) => permission === 'self.read');
  const navigate = useNavigate();
  const location = useLocation();

  const entries: NavEntry[] = [
    {
      key: 'units',
      path: '/units',
      icon: <ApartmentOutlined />,
      label: t('nav.units'),
      permission: 'unit.read',
    },
    {
      key: 'members',
      path: '/members',
      icon: <IdcardOutlined />,
      label: t('nav.members'),
      permission: 'member.read',
    },
    {
      key: 'imports',
      path: '/members/import',
      icon: <ImportOutlined />,
      label: t('imports.nav'),
      permission: 'member.manage',
    },
    {
      key: 'transfers',
      path: '/transfers',
      icon: <SwapOutlined />,
      label: t('transfers.title'),
      permission: 'member.read',
    },
    {
      key: 'dues',
      path: '/dues',
      icon: <WalletOutlined />,
      label: t('dues.title'),
      permission: 'member.read',
    },
    {
      key: 'cases',
      path: '/cases',
      icon: <FileTextOutlined />,
      label: t('cases.nav'),
      permission: 'case.manage',
    },
    {
      key: 'reports',
      path: '/reports',
      icon: <BarChartOutlined />,
      label: t('reports.nav.reports'),
      permission: 'report.read',
    },
    {
      key: 'briefing',
      path: '/briefing',
      icon: <DashboardOutlined />,
      label: t('reports.nav.briefing'),
      permission: 'report.read',
    },
    {
      key: 'oversight',
      path: '/oversight',
      icon: <FundProjectionScreenOutlined />,
      label: t('reports.nav.oversight'),
      permission: 'oversight.read',
    },
    {
      key: 'reportTemplates',
      path: '/reports/templates',
      icon: <FormOutlined />,
      label: t('reports.nav.templates'),
      permission: 'association.manage',
    },
    {
      key: 'requests',
      path: '/requests',
      icon: <InboxOutlined />,
      label: t('portal.requests.title'),
      permission: 'member.manage',
    },
    ...(isPortalOnly
      ? [
          {
            key: 'portal',
            path: '/portal',
            icon: <SolutionOutlined />,
            label: t('portal.title'),
            permission: 'self.read' as const,
          },
        ]
      : []),
    {
      key: 'users',
      path: '/users',
      icon: <TeamOutlined />,
      label: t('nav.users'),
      permission: 'user.read',
    },
    {
      key: 'audit',
      path: '/audit',
      icon: <AuditOutlined />,
      label: t('nav.audit'),
      permission: 'audit.read',
    },
    { key: 'account', path: '/account', icon: <UserOutlined />, label: t('nav.account') },
  ];
  const items: MenuProps['items'] = entries
    .filter((entry) => !entry.permission || can(entry.permission))
    .map((entry) => ({ key: entry.key, icon: entry.icon, label: entry.label }));

  // The longest matching path wins: /members/import is the import entry, not the members one.
  const selected = entries
    .filter((entry) => location.pathname.startsWith(entry.path))
    .sort((a, b) => b.path.length - a.path.length)[0]?.key;

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        const entry = entries.find((candidate) => candidate.key === key);
        if (!entry) return;
        void navigate(entry.path);
        onNavigate?.();
      }}
    />
  );
}
