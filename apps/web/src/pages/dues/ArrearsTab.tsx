import { Alert, Button, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ArrearsLine } from '../../api/dues-api';
import { listArrears } from '../../api/dues-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useFormatVnd } from './money';
import { UrlUnitPicker } from '../transfers/UrlUnitPicker';

/**
 * Members owing dues for years already due. "Cần xem xét" marks arrears past the association's
 * threshold: a prompt for an officer to look into the member's situation, never a removal.
 */
export function ArrearsTab({
  unitId,
  onUnitChange,
}: {
  unitId: string | undefined;
  onUnitChange: (unitId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const formatVnd = useFormatVnd();
  const arrears = useInfiniteQuery({
    queryKey: ['dues', 'arrears', unitId ?? null],
    queryFn: ({ pageParam }) => listArrears({ unitId, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = arrears.data?.pages.flatMap((page) => page.items) ?? [];
  const reviewAfterMonths = arrears.data?.pages[0]?.reviewAfterMonths;

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="arrears-review-note"
        title={
          reviewAfterMonths === undefined
            ? t('dues.arrears.needsReview')
            : t('dues.arrears.intro', { months: reviewAfterMonths })
        }
        description={t('dues.arrears.reviewNote')}
      />
      <div style={{ maxWidth: 460, marginBottom: 16 }}>
        <UrlUnitPicker
          value={unitId}
          placeholder={t('dues.arrears.unitPlaceholder')}
          onChange={onUnitChange}
          data-testid="arrears-unit"
        />
      </div>
      <ServerErrorAlert error={arrears.error} />
      <Table<ArrearsLine>
        rowKey="memberId"
        size="small"
        loading={arrears.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('dues.arrears.empty') }}
        data-testid="arrears-table"
        columns={[
          {
            key: 'member',
            title: t('dues.member'),
            render: (_, line) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/members/${line.memberId}`}>{line.fullName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {line.memberNumber}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'unit',
            title: t('dues.unit'),
            responsive: ['lg'],
            render: (_, line) => line.unitName,
          },
          {
            key: 'years',
            title: t('dues.arrears.unpaidYears'),
            responsive: ['sm'],
            render: (_, line) => line.unpaidYears.join(', '),
          },
          {
            key: 'outstanding',
            title: t('dues.outstanding'),
            align: 'right',
            render: (_, line) => formatVnd(line.outstanding),
          },
          {
            key: 'months',
            title: t('dues.arrears.monthsOverdue'),
            align: 'right',
            responsive: ['md'],
            render: (_, line) => t('dues.arrears.months', { count: line.monthsOverdue }),
          },
          {
            key: 'review',
            title: '',
            render: (_, line) =>
              line.needsReview ? (
                <Tooltip title={t('dues.arrears.needsReviewTip')}>
                  <Tag color="orange" data-testid="needs-review">
                    {t('dues.arrears.needsReview')}
                  </Tag>
                </Tooltip>
              ) : null,
          },
        ]}
      />
      {arrears.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button loading={arrears.isFetchingNextPage} onClick={() => void arrears.fetchNextPage()}>
            {t('app.loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}
