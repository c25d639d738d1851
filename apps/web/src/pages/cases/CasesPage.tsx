import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Result, Select, Tabs, Typography } from 'antd';
import { PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, CaseType } from '@hoi/contracts';
import { CASE_STATUSES, CASE_TYPES } from '@hoi/contracts';
import type { CaseBox } from '../../api/cases-api';
import { caseQueries } from '../../api/cases-api';
import { useCan } from '../../auth/me-context';
import { errorText } from '../../lib/server-errors';
import { useDebounced } from '../../lib/use-debounced';
import { UrlUnitPicker } from '../transfers/UrlUnitPicker';
import { useCaseLabels } from './case-labels';
import { CasesTable } from './CasesTable';
import { CaseStatsTab } from './CaseStatsTab';
import { useUrlParams } from '../../lib/use-url-params';

const BOXES: readonly CaseBox[] = ['open', 'overdue', 'closed', 'all'];
type InboxTab = CaseBox | 'stats';

function toTab(value: string | null): InboxTab {
  if (value === 'stats') return 'stats';
  return BOXES.find((box) => box === value) ?? 'open';
}

/**
 * /cases: the case inbox. Boxes Đang giải quyết / Quá hạn / Đã kết thúc / Tất cả and a
 * statistics tab (kept in ?box=); filters by unit, type, round, status and text live in the
 * address too, so a link or a reload shows the same list.
 */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const { searchParams, setSearchParams, setParams } = useUrlParams();
  const tab = toTab(searchParams.get('box'));
  const box: CaseBox = tab === 'stats' ? 'open' : tab;
  const unitId = searchParams.get('unitId') ?? undefined;
  const type = CASE_TYPES.find((value) => value === searchParams.get('type'));
  const status = CASE_STATUSES.find((value) => value === searchParams.get('status'));
  const roundParam = Number(searchParams.get('round'));
  const round = roundParam === 1 || roundParam === 2 ? roundParam : undefined;
  const q = searchParams.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const settledSearch = useDebounced(search.trim(), 350);


  // The typed search reaches the address (and the query) once typing settles.
  useEffect(() => {
    if (settledSearch === q) return;
    const next = new URLSearchParams(searchParams);
    if (settledSearch) next.set('q', settledSearch);
    else next.delete('q');
    setSearchParams(next, { replace: true });
  }, [settledSearch, q, searchParams, setSearchParams]);

  const canManage = can('case.manage');
  const cases = useInfiniteQuery({
    ...caseQueries.list({ box, unitId, type, status, round, q: q || undefined }),
    enabled: canManage && tab !== 'stats',
  });
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];

  if (!canManage) return <Result status="403" title={t('cases.forbidden')} />;

  const newCaseUrl = unitId ? `/cases/new?unitId=${unitId}` : '/cases/new';

  return (
    <Card
      title={t('cases.title')}
      data-testid="cases-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate(newCaseUrl)}
          data-testid="case-intake"
        >
          {t('cases.intake')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('cases.intro')}{' '}
        <Link to="/cases/rules" data-testid="case-rules-link">
          <ScheduleOutlined /> {t('caseRules.link')}
        </Link>
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ box: key === 'open' ? undefined : key })}
        items={[...BOXES, 'stats' as const].map((key) => ({
          key,
          label: t(`cases.box.${key}`),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t(`cases.boxHint.${tab}`)}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 240px', maxWidth: 380 }}>
          <UrlUnitPicker
            value={unitId}
            placeholder={t('cases.filter.unit')}
            onChange={(value) => setParams({ unitId: value })}
            data-testid="cases-unit-filter"
          />
        </div>
        {tab !== 'stats' && (
          <>
            <Select<CaseType | undefined>
              allowClear
              value={type}
              placeholder={t('cases.filter.anyType')}
              aria-label={t('cases.filter.type')}
              style={{ flex: '0 1 220px', minWidth: 160 }}
              options={CASE_TYPES.map((value) => ({ value, label: labels.typeName(value) }))}
              onChange={(value) => setParams({ type: value })}
              data-testid="cases-type-filter"
            />
            <Select<number | undefined>
              allowClear
              value={round}
              placeholder={t('cases.filter.anyRound')}
              aria-label={t('cases.filter.round')}
              style={{ flex: '0 1 130px', minWidth: 110 }}
              options={[1, 2].map((value) => ({
                value,
                label: t('cases.round', { round: value }),
              }))}
              onChange={(value) => setParams({ round: value ? String(value) : undefined })}
            />
            <Select<CaseStatus | undefined>
              allowClear
              value={status}
              placeholder={t('cases.filter.anyStatus')}
              aria-label={t('cases.filter.status')}
              style={{ flex: '0 1 200px', minWidth: 150 }}
              options={CASE_STATUSES.map((value) => ({ value, label: labels.statusName(value) }))}
              onChange={(value) => setParams({ status: value })}
            />
            <Input.Search
              allowClear
              value={search}
              placeholder={t('cases.filter.search')}
              aria-label={t('cases.filter.search')}
              style={{ flex: '1 1 220px', maxWidth: 360 }}
              maxLength={100}
              onChange={(event) => setSearch(event.target.value)}
              onSearch={(value) => setSearch(value)}
              data-testid="cases-search"
            />
          </>
        )}
      </Flex>
      {tab === 'stats' ? (
        <CaseStatsTab unitId={unitId} />
      ) : (
        <>
          {cases.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={errorText(cases.error, i18n.language, t('errors.generic'))}
            />
          )}
          <CasesTable cases={items} isLoading={cases.isPending} />
          {cases.hasNextPage && (
            <Flex justify="center" style={{ marginTop: 16 }}>
              <Button loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
                {t('app.loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </Card>
  );
}
