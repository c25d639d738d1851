import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ImportCounts, ImportOutcome } from '@hoi/contracts';
import type { ImportRow, ImportRowFilter } from '../../api/imports-api';
import { importQueries } from '../../api/imports-api';
import { formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';

type Filter = ImportRowFilter | 'all';

const OUTCOME_COLORS: Record<ImportOutcome, string> = {
  new: 'green',
  update: 'blue',
  duplicate: 'orange',
  error: 'red',
};
const SEVERITY_COLORS = { error: '#cf1322', warning: '#ad6800', info: undefined } as const;

/** The outcome worth looking at first: errors, then warnings, duplicates, updates. */
function firstFilter(counts: ImportCounts): Filter {
  if (counts.error > 0) return 'error';
  if (counts.warning > 0) return 'warning';
  if (counts.duplicate > 0) return 'duplicate';
  if (counts.update > 0) return 'update';
  return 'all';
}

/**
 * The listed rows of a finished run (errors, duplicates, updates and rows with findings; clean
 * new rows are not stored), filtered by outcome and paged by row number.
 */
export function ImportRowsList({ jobId, counts }: { jobId: string; counts: ImportCounts }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filter, setFilter] = useState<Filter>(() => firstFilter(counts));
  const rows = useInfiniteQuery(importQueries.rows(jobId, filter === 'all' ? undefined : filter));
  const items = rows.data?.pages.flatMap((page) => page.items) ?? [];

  const label = (key: Filter, count?: number) =>
    count === undefined
      ? t(`imports.outcome.${key}`)
      : `${t(`imports.outcome.${key}`)} (${formatNumber(count, lang)})`;
  const options: { value: Filter; label: string }[] = [
    { value: 'all', label: label('all') },
    { value: 'error', label: label('error', counts.error) },
    { value: 'warning', label: label('warning', counts.warning) },
    { value: 'duplicate', label: label('duplicate', counts.duplicate) },
    { value: 'update', label: label('update', counts.update) },
    { value: 'new', label: label('new', counts.new) },
  ];

  const columns: TableColumnsType<ImportRow> = [
    {
      key: 'rowNumber',
      title: t('imports.rows.rowNumber'),
      dataIndex: 'rowNumber',
      width: 64,
    },
    {
      key: 'outcome',
      title: t('imports.rows.outcome'),
      width: 104,
      render: (_, row) => (
        <Tag color={OUTCOME_COLORS[row.outcome]} data-testid="row-outcome">
          {t(`imports.outcome.${row.outcome}`)}
        </Tag>
      ),
    },
    {
      key: 'issues',
      title: t('imports.rows.issues'),
      render: (_, row) => (
        <Flex vertical gap={2}>
          {row.issues.map((issue, index) => (
            <Typography.Text
              key={`${issue.code}-${index}`}
              style={{ color: SEVERITY_COLORS[issue.severity] }}
              type={issue.severity === 'info' ? 'secondary' : undefined}
            >
              {lang.startsWith('en') ? issue.messageEn : issue.message}
            </Typography.Text>
          ))}
          {row.memberId && (
            <Link to={`/members/${row.memberId}`}>{t('imports.rows.openMember')}</Link>
          )}
        </Flex>
      ),
    },
    {
      key: 'cells',
      title: t('imports.rows.cells'),
      responsive: ['md'],
      width: '35%',
      render: (_, row) =>
        row.cells ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.cells.filter((cell) => cell.trim() !== '').join(' · ')}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <div data-testid="import-rows">
      <Typography.Title level={5}>{t('imports.rows.title')}</Typography.Title>
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented<Filter>
          options={options}
          value={filter}
          onChange={setFilter}
          data-testid="outcome-filter"
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('imports.rows.hint')}
      </Typography.Paragraph>
      {rows.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={errorText(rows.error, lang, t('errors.generic'))}
        />
      )}
      <Table<ImportRow>
        size="small"
        rowKey="rowNumber"
        columns={columns}
        dataSource={items}
        loading={rows.isPending}
        pagination={false}
        locale={{ emptyText: t('imports.rows.empty') }}
        data-testid="import-rows-table"
      />
      {rows.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button loading={rows.isFetchingNextPage} onClick={() => void rows.fetchNextPage()}>
            {t('imports.rows.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
