import type { ReactNode } from 'react';
import { Flex, Form, InputNumber, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MilestoneRule, RuleSet } from '@hoi/contracts';
import { CASE_TYPE_ROUNDS } from '@hoi/contracts';
import type { MilestoneKey, TypeRound, VariantKey } from './rule-set-form';
import {
  EXTENSION_COUNT_KEYS,
  fieldName,
  milestonesOf,
  typeRoundsOf,
  VARIANT_KEYS,
} from './rule-set-form';
import { useCaseLabels } from './case-labels';

const ARTICLE_WIDTH = 320;

interface NumberCellProps {
  /** The form path of the number; the cell shows a read-only value without it. */
  name?: string[];
  value: number;
  min: number;
  max: number;
  label: string;
}

/** A day count or a number of extensions: text, or an InputNumber inside the copy form. */
function NumberCell({ name, value, min, max, label }: NumberCellProps) {
  const { t } = useTranslation();
  if (!name) return <span>{value}</span>;
  return (
    <Form.Item
      name={name}
      style={{ margin: 0 }}
      rules={[{ required: true, message: t('app.required') }]}
    >
      <InputNumber
        min={min}
        max={max}
        precision={0}
        style={{ width: 84 }}
        aria-label={label}
        data-testid={`rule-input-${name.slice(1).join('-')}`}
      />
    </Form.Item>
  );
}

function ArticleText({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {children}
    </Typography.Text>
  );
}

interface Row {
  key: MilestoneKey;
  milestone: MilestoneRule;
}

/**
 * The rules of one case type and round: a table of its deadlines (days, kind of days, start,
 * the variants it has, the article), its extensions, suspension and withdrawal. With `isEditable`
 * the numbers are InputNumbers of the surrounding form, named by {@link fieldName}.
 */
export function TypeRoundRules({
  typeRound,
  isEditable = false,
}: {
  typeRound: TypeRound;
  isEditable?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { type, round, rule } = typeRound;
  // A type with one round needs no round number.
  const title =
    CASE_TYPE_ROUNDS[type].length > 1
      ? t('caseRules.rules.typeRound', { type: labels.typeName(type), round })
      : labels.typeName(type);
  const rows: Row[] = milestonesOf(rule);
  const variants = VARIANT_KEYS.filter((variant) =>
    rows.some((row) => row.milestone[variant] !== undefined),
  );
  const nameOf = (...field: string[]) =>
    isEditable ? fieldName(type, round, ...field) : undefined;
  const labelOf = (milestone: string, field: string) =>
    t('caseRules.rules.fieldLabel', { typeRound: title, milestone, field });
  const milestoneName = (key: MilestoneKey) => t(`caseRules.rules.milestones.${key}`);

  const variantColumn = (variant: VariantKey): TableColumnsType<Row>[number] => ({
    key: variant,
    title: t(`caseRules.rules.variants.${variant}`),
    align: 'right',
    render: (_, row) => {
      const value = row.milestone[variant];
      if (value === undefined) return t('caseRules.rules.none');
      return (
        <NumberCell
          name={nameOf(row.key, variant)}
          value={value}
          min={1}
          max={365}
          label={labelOf(milestoneName(row.key), t(`caseRules.rules.variants.${variant}`))}
        />
      );
    },
  });

  const columns: TableColumnsType<Row> = [
    {
      key: 'milestone',
      title: t('caseRules.rules.milestone'),
      fixed: 'left',
      width: 150,
      render: (_, row) => <Typography.Text strong>{milestoneName(row.key)}</Typography.Text>,
    },
    {
      key: 'days',
      title: t('caseRules.rules.days'),
      align: 'right',
      render: (_, row) => (
        <NumberCell
          name={nameOf(row.key, 'days')}
          value={row.milestone.days}
          min={1}
          max={365}
          label={labelOf(milestoneName(row.key), t('caseRules.rules.days'))}
        />
      ),
    },
    {
      key: 'unit',
      title: t('caseRules.rules.unit'),
      render: (_, row) => t(`caseRules.rules.units.${row.milestone.unit}`),
    },
    {
      key: 'from',
      title: t('caseRules.rules.from'),
      render: (_, row) => t(`cases.clock.triggers.${row.milestone.from}`),
    },
    ...variants.map(variantColumn),
    {
      key: 'article',
      title: t('caseRules.rules.article'),
      width: ARTICLE_WIDTH,
      render: (_, row) => <ArticleText>{row.milestone.article}</ArticleText>,
    },
  ];

  const extensions = rule.extensions;
  return (
    <section data-testid={`rule-type-${type}-${round}`}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={columns}
      />
      <Flex vertical gap={4} style={{ marginTop: 8, fontSize: 13 }}>
        {extensions ? (
          <Table
            rowKey={() => 'extensions'}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[extensions]}
            data-testid={`rule-extensions-${type}-${round}`}
            title={() => (
              <Typography.Text strong>{t('caseRules.rules.extensions')}</Typography.Text>
            )}
            columns={[
              ...EXTENSION_COUNT_KEYS.map((count) => ({
                key: count,
                title: t(`caseRules.rules.extension.${count}`),
                align: 'right' as const,
                render: () => (
                  <NumberCell
                    name={nameOf('extensions', 'maxCount', count)}
                    value={extensions.maxCount[count]}
                    min={0}
                    max={10}
                    label={labelOf(
                      t('caseRules.rules.extensions'),
                      t(`caseRules.rules.extension.${count}`),
                    )}
                  />
                ),
              })),
              {
                key: 'maxDaysEach',
                title: t('caseRules.rules.extension.maxDaysEach'),
                align: 'right' as const,
                render: () => (
                  <NumberCell
                    name={nameOf('extensions', 'maxDaysEach')}
                    value={extensions.maxDaysEach}
                    min={1}
                    max={365}
                    label={labelOf(
                      t('caseRules.rules.extensions'),
                      t('caseRules.rules.extension.maxDaysEach'),
                    )}
                  />
                ),
              },
              {
                key: 'decidedBy',
                title: t('caseRules.rules.extension.decidedBy'),
                width: 260,
                render: () => <ArticleText>{extensions.decidedBy}</ArticleText>,
              },
              {
                key: 'article',
                title: t('caseRules.rules.article'),
                width: ARTICLE_WIDTH,
                render: () => <ArticleText>{extensions.article}</ArticleText>,
              },
            ]}
          />
        ) : (
          <Typography.Text>{t('caseRules.rules.noExtensions')}</Typography.Text>
        )}
        <Typography.Text>
          <Typography.Text strong>{t('caseRules.rules.suspension')}:</Typography.Text>{' '}
          {rule.suspension.allowed
            ? t('caseRules.rules.suspensionAllowed')
            : t('caseRules.rules.suspensionNotAllowed')}
        </Typography.Text>
        <ArticleText>
          {t('caseRules.rules.article')}: {rule.suspension.article}
        </ArticleText>
        {rule.withdrawal && (
          <>
            <Typography.Text strong>{t('caseRules.rules.withdrawal')}</Typography.Text>
            <ArticleText>
              {t('caseRules.rules.article')}: {rule.withdrawal.article}
            </ArticleText>
          </>
        )}
      </Flex>
    </section>
  );
}

/** Every case type and round of a set, one after the other. */
export function RuleSetRules({ set, isEditable = false }: { set: RuleSet; isEditable?: boolean }) {
  return (
    <Flex vertical gap={24}>
      {typeRoundsOf(set).map((typeRound) => (
        <TypeRoundRules
          key={`${typeRound.type}-${typeRound.round}`}
          typeRound={typeRound}
          isEditable={isEditable}
        />
      ))}
    </Flex>
  );
}
