import { Alert, Avatar, Card, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Member } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import { memberQueries } from '../../api/member-queries';
import { memberPhotoUrl } from '../../api/members-api';
import { useCan } from '../../auth/me-context';
import { errorText } from '../../lib/server-errors';
import { MemberActions } from './actions/MemberActions';
import { useMemberLabels } from './member-labels';
import { MemberConsentsTab } from './MemberConsentsTab';
import { MemberDuesTab } from './MemberDuesTab';
import { MemberProfileTab } from './MemberProfileTab';
import { MemberSensitiveTab } from './MemberSensitiveTab';
import { MemberTimelineTab } from './MemberTimelineTab';
import { MemberStatusTags } from './MembersTable';

const TABS = ['profile', 'timeline', 'dues', 'consents', 'sensitive'] as const;
type TabKey = (typeof TABS)[number];

/**
 * Name, number, status, category, unit, badges and photo, above the actions. The photo address
 * changes with each load of the record, so a new upload shows at once.
 */
function MemberHeader({ member, photoStamp }: { member: Member; photoStamp: number }) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  return (
    <Flex gap={16} align="flex-start" wrap>
      <Avatar
        shape="square"
        size={80}
        icon={<UserOutlined />}
        src={member.hasPhoto ? memberPhotoUrl(member.id, photoStamp) : undefined}
        alt={t('members.profile.photo')}
        style={{ flex: 'none' }}
      />
      <Space orientation="vertical" size={6} style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="member-name">
          {member.fullName}
        </Typography.Title>
        <Space size={8} wrap>
          <Typography.Text code data-testid="member-number">
            {member.memberNumber}
          </Typography.Text>
          <MemberStatusTags member={member} />
          <Tag>{labels.categoryName(member.category)}</Tag>
        </Space>
        <Typography.Text type="secondary">
          <Link to={`/units/${member.unitId}`}>
            {member.unitName} ({member.unitCode})
          </Link>
        </Typography.Text>
      </Space>
    </Flex>
  );
}

/** /members/:id: the member's profile with actions and tabs (the tab lives in `?tab=`). */
export function MemberProfilePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const memberQuery = useQuery(memberQueries.detail(id));
  const requested = params.get('tab');
  const canReadSensitive = can('member.sensitive.read');
  const tab: TabKey =
    TABS.find((key) => key === requested && (key !== 'sensitive' || canReadSensitive)) ?? 'profile';

  if (memberQuery.isPending)
    return (
      <Card>
        <Skeleton active avatar paragraph={{ rows: 8 }} />
      </Card>
    );
  if (memberQuery.isError) {
    const error = memberQuery.error;
    if (isApiError(error) && [400, 403, 404].includes(error.status))
      return (
        <Card data-testid="member-not-found">
          <Result
            status="404"
            title={t('members.profile.notFound')}
            subTitle={t('members.profile.notFoundHint')}
            extra={<Link to="/members">{t('members.backToList')}</Link>}
          />
        </Card>
      );
    return (
      <Alert type="error" showIcon title={errorText(error, i18n.language, t('errors.generic'))} />
    );
  }
  const member = memberQuery.data;

  // Keyed by member: another membership's page must not inherit state such as a revealed
  // sensitive-data panel.
  return (
    <Space key={member.id} orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="member-profile">
        <Flex vertical gap={16}>
          <Link to="/members">← {t('members.backToList')}</Link>
          <MemberHeader member={member} photoStamp={memberQuery.dataUpdatedAt} />
          {member.pendingTransferId && (
            <Alert
              type="info"
              showIcon
              title={t('members.actions.transferPending')}
              action={<Link to="/transfers">{t('members.actions.openTransfers')}</Link>}
            />
          )}
          <MemberActions member={member} />
        </Flex>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'profile' ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: 'profile',
              label: t('members.profile.tabs.profile'),
              children: <MemberProfileTab member={member} />,
            },
            {
              key: 'timeline',
              label: t('members.profile.tabs.timeline'),
              children: (
                <MemberTimelineTab memberId={member.id} currentUnitName={member.unitName} />
              ),
            },
            {
              key: 'dues',
              label: t('members.profile.tabs.dues'),
              children: <MemberDuesTab memberId={member.id} />,
            },
            {
              key: 'consents',
              label: t('members.profile.tabs.consents'),
              children: <MemberConsentsTab memberId={member.id} />,
            },
            ...(canReadSensitive
              ? [
                  {
                    key: 'sensitive',
                    label: t('members.profile.tabs.sensitive'),
                    children: <MemberSensitiveTab memberId={member.id} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
