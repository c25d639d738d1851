import type { UIEvent } from 'react';
import { useEffect, useState } from 'react';
import type { TableColumnsType } from 'antd';
import { Grid, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '@hoi/contracts';
import { formatPartialDate } from '@hoi/contracts';
import { STATUS_COLOR, useMemberLabels } from './member-labels';

/** Fetch the next page when the scroll is this close to the end (px). */
const LOAD_AHEAD_PX = 400;

/** Table height that leaves room for the header, filters and toolbar. */
function useTableHeight(): number {
  const compute = () => Math.max(320, window.innerHeight - 340);
  const [height, setHeight] = useState(compute);
  useEffect(() => {
    const onResize = () => setHeight(compute());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

/** Status tag plus in-transit and needs-review badges. */
export function MemberStatusTags({
  member,
}: {
  member: Pick<MemberSummary, 'status' | 'inTransit' | 'needsReview'>;
}) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[member.status]}>{labels.statusName(member.status)}</Tag>
      {member.inTransit && (
        <Tag color="purple" data-testid="badge-in-transit">
          {t('members.badge.inTransit')}
        </Tag>
      )}
      {member.needsReview && (
        <Tag color="gold" data-testid="badge-needs-review">
          {t('members.badge.needsReview')}
        </Tag>
      )}
    </Space>
  );
}

/**
 * The member list as a virtualized table (only the visible rows are in the page), loading the
 * next cursor page as the scroll nears the end. On phones one column sums up each member.
 */
export function MembersTable({
  members,
  isLoading,
  hasMore,
  onLoadMore,
  selectedIds,
  onSelect,
}: {
  members: MemberSummary[];
  isLoading: boolean;
  hasMore: boolean;
  onLoadMore: () => void;
  selectedIds: string[];
  onSelect: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const height = useTableHeight();

  const nameLink = (member: MemberSummary) => (
    <Link
      to={`/members/${member.id}`}
      aria-label={t('members.list.open', { name: member.fullName })}
    >
      <Typography.Text strong>{member.fullName}</Typography.Text>
    </Link>
  );
  const nameColumn: TableColumnsType<MemberSummary>[number] = {
    key: 'fullName',
    title: t('members.field.fullName'),
    width: 200,
    render: (_, member) => nameLink(member),
  };
  const statusColumn: TableColumnsType<MemberSummary>[number] = {
    key: 'status',
    title: t('members.field.status'),
    width: 180,
    render: (_, member) => <MemberStatusTags member={member} />,
  };
  // One column on phones: name, then number · birth · unit, then the status tags.
  const phoneColumn: TableColumnsType<MemberSummary>[number] = {
    key: 'member',
    title: t('members.field.fullName'),
    width: 240,
    render: (_, member) => (
      <Space orientation="vertical" size={2}>
        {nameLink(member)}
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
          {[member.memberNumber, formatPartialDate(member.birthDate), member.unitName]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <MemberStatusTags member={member} />
      </Space>
    ),
  };
  const columns: TableColumnsType<MemberSummary> = isPhone
    ? [phoneColumn]
    : [
        {
          key: 'memberNumber',
          title: t('members.field.memberNumber'),
          dataIndex: 'memberNumber',
          width: 100,
        },
        nameColumn,
        {
          key: 'birthDate',
          title: t('members.field.birthDate'),
          width: 100,
          render: (_, member) => formatPartialDate(member.birthDate),
        },
        {
          key: 'gender',
          title: t('members.field.gender'),
          width: 70,
          render: (_, member) => labels.genderName(member.gender),
        },
        {
          key: 'unit',
          title: t('members.field.unit'),
          width: 190,
          render: (_, member) => member.unitName,
        },
        {
          key: 'category',
          title: t('members.field.category'),
          width: 150,
          render: (_, member) => labels.categoryName(member.category),
        },
        statusColumn,
      ];
  const scrollX = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 48);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const target = event.currentTarget as HTMLElement | null;
    if (!target || !hasMore || isLoading) return;
    if (target.scrollHeight - target.scrollTop - target.clientHeight < LOAD_AHEAD_PX) onLoadMore();
  };

  return (
    <Table<MemberSummary>
      virtual
      rowKey="id"
      size="small"
      data-testid="members-table"
      loading={isLoading && members.length === 0}
      dataSource={members}
      columns={columns}
      pagination={false}
      scroll={{ x: scrollX, y: height }}
      onScroll={onScroll}
      locale={{ emptyText: t('members.list.empty') }}
      rowSelection={{
        selectedRowKeys: selectedIds,
        onChange: (keys) => onSelect(keys.map(String)),
        columnWidth: 48,
      }}
    />
  );
}
