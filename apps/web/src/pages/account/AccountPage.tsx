import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/user-queries';
import { useCan, useMe } from '../../auth/me-context';
import { ItemList } from '../../components/ItemList';
import { formatDate } from '../../lib/format';
import { ApiTokensCard } from './ApiTokensCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { TwoFactorCard } from './TwoFactorCard';

/** /account: profile, password, two-factor authentication and API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = useRoles();
  const can = useCan();

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('account.profile')}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'displayName', label: t('users.displayName'), children: me.user.displayName },
              { key: 'username', label: t('users.username'), children: me.user.username },
              { key: 'email', label: t('users.email'), children: me.user.email ?? '—' },
              { key: 'phone', label: t('users.phone'), children: me.user.phone ?? '—' },
            ]}
          />
          <Typography.Title level={5}>{t('account.assignments')}</Typography.Title>
          <ItemList
            isBordered
            items={me.assignments}
            emptyText={t('users.noAssignments')}
            itemKey={(assignment) => assignment.id}
            title={(assignment) => `${roles.labelOf(assignment.role)} · ${assignment.unitName}`}
            description={(assignment) =>
              `${formatDate(assignment.validFrom)} – ${assignment.validTo ? formatDate(assignment.validTo) : '…'}`
            }
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <ChangePasswordCard />
      </Col>
      <Col xs={24} xl={12}>
        <TwoFactorCard />
      </Col>
      {can('token.manage') && (
        <Col xs={24} xl={12}>
          <ApiTokensCard />
        </Col>
      )}
    </Row>
  );
}
