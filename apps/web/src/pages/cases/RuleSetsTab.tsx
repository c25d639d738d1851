import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ListedRuleSet } from '../../api/case-rules-api';
import { caseRuleQueries } from '../../api/case-rules-api';
import { useCan } from '../../auth/me-context';
import { formatDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useCaseLabels } from './case-labels';
import { ruleSetInForce } from './rule-set-form';
import { RuleSetCopyModal } from './RuleSetCopyModal';
import { RuleSetRules } from './RuleSetRules';

const SOURCE_COLOR: Record<ListedRuleSet['source'], string> = {
  national: 'blue',
  association: 'green',
};

/**
 * The "Bộ quy tắc" tab: the national and the association's rule sets by effective date, the one
 * in force today marked; the selected set's rules by case type and round below. Holders of
 * association.manage copy a set into a new one of the association.
 */
export function RuleSetsTab({
  selectedCode,
  onSelect,
}: {
  selectedCode: string | undefined;
  onSelect: (code: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useCaseLabels();
  const can = useCan();
  const canCopy = can('association.manage');
  const [isCopyOpen, setCopyOpen] = useState(false);
  const query = useQuery(caseRuleQueries.ruleSets());
  const listed = query.data?.items;
  const sets = useMemo(
    // Stable: on the same date the server's order (national before the association's) stays.
    () => [...(listed ?? [])].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)),
    [listed],
  );
  const codes = useMemo(() => sets.map((set) => set.code), [sets]);
  const inForce = ruleSetInForce(listed ?? [], dayjs().format('YYYY-MM-DD'));
  const selected = sets.find((set) => set.code === selectedCode) ?? inForce ?? sets[0];

  if (query.isPending) return <Skeleton active />;
  if (query.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(query.error, i18n.language, t('errors.generic'))}
      />
    );

  return (
    <Flex vertical gap={16}>
      <Table<ListedRuleSet>
        rowKey="code"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={sets}
        locale={{ emptyText: t('caseRules.sets.empty') }}
        data-testid="rule-set-list"
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selected ? [selected.code] : [],
          onChange: (keys) => {
            if (keys[0] !== undefined) onSelect(String(keys[0]));
          },
        }}
        onRow={(set) => ({ onClick: () => onSelect(set.code), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'code',
            title: t('caseRules.sets.code'),
            render: (_, set) => (
              <Flex gap={4} wrap="nowrap" align="center">
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {set.code}
                </Typography.Text>
                {set === inForce && <Tag color="gold">{t('caseRules.sets.inForce')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'effectiveFrom',
            title: t('caseRules.sets.effectiveFrom'),
            render: (_, set) => (
              <span style={{ whiteSpace: 'nowrap' }}>{formatDate(set.effectiveFrom)}</span>
            ),
          },
          {
            key: 'source',
            title: t('caseRules.sets.source'),
            render: (_, set) => (
              <Tag color={SOURCE_COLOR[set.source]} data-source={set.source}>
                {t(`caseRules.sets.sources.${set.source}`)}
              </Tag>
            ),
          },
          {
            key: 'name',
            title: t('caseRules.sets.name'),
            width: 260,
            render: (_, set) => set.name[labels.lang],
          },
          {
            key: 'citation',
            title: t('caseRules.sets.citation'),
            width: 420,
            render: (_, set) => (
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, margin: 0 }}
                ellipsis={{ rows: 2, tooltip: set.citation }}
              >
                {set.citation}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
      {selected && (
        <Card
          size="small"
          data-testid="rule-set-detail"
          data-code={selected.code}
          title={t('caseRules.sets.detailTitle', { code: selected.code })}
        >
          <Flex justify="space-between" align="flex-start" gap={8} wrap style={{ marginBottom: 4 }}>
            <Typography.Paragraph style={{ margin: 0, flex: '1 1 280px' }}>
              <Typography.Text strong>{selected.name[labels.lang]}</Typography.Text>.{' '}
              {t('caseRules.sets.appliesFrom', { date: formatDate(selected.effectiveFrom) })}
            </Typography.Paragraph>
            {canCopy && (
              <Button
                icon={<CopyOutlined />}
                onClick={() => setCopyOpen(true)}
                data-testid="rule-set-copy-button"
              >
                {t('caseRules.sets.copy')}
              </Button>
            )}
          </Flex>
          <Typography.Paragraph
            type="secondary"
            style={{ fontSize: 12 }}
            ellipsis={{ rows: 3, expandable: true, symbol: '…' }}
          >
            {selected.citation}
          </Typography.Paragraph>
          <RuleSetRules set={selected} />
        </Card>
      )}
      {/* Mounted only while open: the form holds every number of the set. */}
      {canCopy && selected && isCopyOpen && (
        <RuleSetCopyModal
          source={selected}
          takenCodes={codes}
          open
          onClose={() => setCopyOpen(false)}
          onCreated={onSelect}
        />
      )}
    </Flex>
  );
}
