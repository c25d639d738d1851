import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Grid, Space, Typography } from 'antd';
import {
  DollarOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  ImportOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { memberQueries } from '../../api/member-queries';
import type { MemberFilter } from '../../api/members-api';
import { compactWire, memberExportUrl } from '../../api/members-api';
import { unitQueries } from '../../api/unit-queries';
import { useCan } from '../../auth/me-context';
import { formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { BranchListButton } from './BranchListButton';
import { BulkDuesModal } from './BulkDuesModal';
import { MemberFilterBar } from './MemberFilterBar';
import { MembersTable } from './MembersTable';
import { SavedFiltersButton } from './SavedFiltersButton';
import { useMemberFilter } from './use-member-filter';

/** /members: the filtered, virtualized member list with export, saved filters and bulk dues. */
export function MembersPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = !Grid.useBreakpoint().md;
  // Load the profile page's code now: opening a member is then immediate, and a search that
  // settles meanwhile cannot overtake the navigation to the profile.
  useEffect(() => {
    void import('./MemberProfilePage');
  }, []);
  const { filter, setFilter } = useMemberFilter();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [isDuesOpen, setDuesOpen] = useState(false);
  const filterKey = JSON.stringify(compactWire(filter));
  const [selectionKey, setSelectionKey] = useState(filterKey);
  // A new filter shows other rows: a selection made under the old one no longer applies.
  if (selectionKey !== filterKey) {
    setSelectionKey(filterKey);
    setSelectedIds([]);
  }

  const members = useInfiniteQuery(memberQueries.list(filter));
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  const total = members.data?.pages[0]?.total ?? null;
  const filterUnit = useQuery({
    ...unitQueries.detail(filter.unitId ?? ''),
    enabled: Boolean(filter.unitId),
  });
  const unitLabel = filterUnit.data ? `${filterUnit.data.name} (${filterUnit.data.code})` : '';

  const applyFilter = (next: MemberFilter) => setFilter(next);
  const loadMore = () => {
    if (members.hasNextPage && !members.isFetchingNextPage) void members.fetchNextPage();
  };

  return (
    <Card
      title={t('members.title')}
      extra={
        can('member.manage') ? (
          <Space wrap size={8}>
            <Button
              icon={<ImportOutlined />}
              onClick={() =>
                void navigate(
                  filter.unitId ? `/members/import?unitId=${filter.unitId}` : '/members/import',
                )
              }
              aria-label={isPhone ? t('imports.fromExcel') : undefined}
              title={t('imports.fromExcel')}
            >
              {isPhone ? null : t('imports.fromExcel')}
            </Button>
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() =>
                void navigate(
                  filter.unitId ? `/members/new?unitId=${filter.unitId}` : '/members/new',
                )
              }
            >
              {t('members.admit')}
            </Button>
          </Space>
        ) : null
      }
      styles={{ body: { paddingTop: 12, paddingInline: isPhone ? 12 : undefined } }}
    >
      <MemberFilterBar
        filter={filter}
        onChange={applyFilter}
        initialUnits={filterUnit.data ? [filterUnit.data] : []}
      />
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Space wrap size={8}>
          <SavedFiltersButton filter={filter} onApply={applyFilter} />
          {/* Icons only on phones, so the toolbar stays on one line; the label stays for screen readers. */}
          <Button
            icon={<FileTextOutlined />}
            href={memberExportUrl(filter, 'csv')}
            download
            aria-label={isPhone ? t('members.list.exportCsv') : undefined}
            title={t('members.list.exportCsv')}
          >
            {isPhone ? null : t('members.list.exportCsv')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            href={memberExportUrl(filter, 'xlsx')}
            download
            aria-label={isPhone ? t('members.list.exportExcel') : undefined}
            title={t('members.list.exportExcel')}
          >
            {isPhone ? null : t('members.list.exportExcel')}
          </Button>
          <BranchListButton unitId={filter.unitId} isCompact={isPhone} />
        </Space>
        <Typography.Text type="secondary" data-testid="members-count">
          {total !== null
            ? t('members.list.total', { count: formatNumber(total, i18n.language) })
            : t('members.list.loaded', { count: formatNumber(items.length, i18n.language) })}
        </Typography.Text>
      </Flex>
      {selectedIds.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={
            <Flex wrap gap={8} align="center" justify="space-between">
              <span>{t('members.list.selected', { count: selectedIds.length })}</span>
              <Space wrap size={8}>
                {can('dues.manage') && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<DollarOutlined />}
                    onClick={() => setDuesOpen(true)}
                  >
                    {t('members.bulkDues.button')}
                  </Button>
                )}
                <Button size="small" onClick={() => setSelectedIds([])}>
                  {t('members.list.clearSelection')}
                </Button>
              </Space>
            </Flex>
          }
        />
      )}
      {members.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorText(members.error, i18n.language, t('errors.generic'))}
        />
      )}
      <MembersTable
        members={items}
        isLoading={members.isPending || members.isFetchingNextPage}
        hasMore={Boolean(members.hasNextPage)}
        onLoadMore={loadMore}
        selectedIds={selectedIds}
        onSelect={setSelectedIds}
      />
      {members.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={members.isFetchingNextPage} onClick={loadMore}>
            {t('app.loadMore')}
          </Button>
        </Flex>
      )}
      <BulkDuesModal
        open={isDuesOpen}
        unitId={filter.unitId}
        unitLabel={unitLabel}
        memberIds={selectedIds}
        onClose={() => setDuesOpen(false)}
        onDone={() => setSelectedIds([])}
      />
    </Card>
  );
}
