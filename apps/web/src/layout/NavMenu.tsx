import type { MenuProps } from 'antd';
import { Menu, Tag } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  FileTextOutlined,
  IdcardOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@hoi/contracts';
import { useCan } from '../auth/me-context';

interface NavEntry {
  key: string;
  path: string;
  icon: React.ReactNode;
  label: string;
  permission?: Permission;
}

/**
 * The module menu. Later modules (members, reports, petitions) show as disabled "coming soon"
 * entries so officers see what the platform will offer.
 */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
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
  const soon = (label: string) => (
    <span>
      {label}{' '}
      <Tag variant="filled" style={{ marginInlineStart: 4, fontSize: 11 }}>
        {t('nav.comingSoon')}
      </Tag>
    </span>
  );

  const items: MenuProps['items'] = [
    ...entries
      .filter((entry) => !entry.permission || can(entry.permission))
      .map((entry) => ({ key: entry.key, icon: entry.icon, label: entry.label })),
    { type: 'divider' },
    { key: 'members', icon: <IdcardOutlined />, label: soon(t('nav.members')), disabled: true },
    { key: 'reports', icon: <BarChartOutlined />, label: soon(t('nav.reports')), disabled: true },
    { key: 'cases', icon: <FileTextOutlined />, label: soon(t('nav.cases')), disabled: true },
  ];

  const selected = entries.find((entry) => location.pathname.startsWith(entry.path))?.key;

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
