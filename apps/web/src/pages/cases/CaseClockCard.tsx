import { Alert, Card, Flex, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Case } from '@hoi/contracts';
import { casesVi } from '../../i18n/cases.vi';
import { formatDate } from '../../lib/format';
import { bilingualPart, useCaseLabels } from './case-labels';

type Milestone = Case['clock']['milestones'][number];

/**
 * "Đồng hồ thời hạn": every milestone of the case's clock — its date, what it counts from, how
 * many (working) days, the legal article, and whether it rests on an assumed date — and the
 * rule set it was computed under. The milestone the case works against now is highlighted.
 */
export function CaseClockCard({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const labels = useCaseLabels();
  const { clock } = kase;
  const triggerName = (from: string) =>
    from in casesVi.clock.triggers
      ? t(`cases.clock.triggers.${from as keyof typeof casesVi.clock.triggers}`)
      : from;
  const isNext = (m: Milestone) => kase.nextDeadline?.key === m.key;

  return (
    <Card
      size="small"
      title={
        <span>
          <ClockCircleOutlined /> {t('cases.clock.title')}
        </span>
      }
      data-testid="case-clock"
    >
      <Flex vertical gap={0}>
        {clock.milestones.map((m, index) => (
          <div
            key={m.key}
            data-testid={`milestone-${m.key}`}
            style={{
              padding: '8px 8px',
              borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
              background: isNext(m) ? token.colorWarningBg : undefined,
              borderRadius: isNext(m) ? token.borderRadius : undefined,
            }}
          >
            <Flex justify="space-between" align="baseline" gap={8} wrap>
              <Space size={4} wrap>
                <Typography.Text strong>{labels.lang === 'en' ? m.en : m.vi}</Typography.Text>
                {m.assumed && (
                  <Tooltip title={t('cases.clock.assumedHint')}>
                    <Tag color="default" variant="filled" data-testid="milestone-assumed">
                      {t('cases.clock.assumed')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="milestone-date">
                {m.date ? formatDate(m.date) : t('cases.clock.noDate')}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {labels.lang === 'en' ? m.vi : m.en}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 13, display: 'block' }}>
              {t('cases.clock.period', {
                days: m.days,
                unit: t(`cases.clock.units.${m.unit}`),
              })}{' '}
              ·{' '}
              {t('cases.clock.from', {
                trigger: triggerName(m.from),
                date: formatDate(m.fromDate),
              })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('cases.clock.article')}: {m.article}
            </Typography.Text>
          </div>
        ))}
      </Flex>
      {clock.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('cases.clock.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {clock.warnings.map((warning) => (
                <li key={warning}>{bilingualPart(warning, labels.lang)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Paragraph
        type="secondary"
        style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}
        ellipsis={{ rows: 3, expandable: true, symbol: '…' }}
        data-testid="case-rule-set"
      >
        {t('cases.clock.ruleSet', {
          code: clock.ruleSet.code,
          from: formatDate(clock.ruleSet.effectiveFrom),
        })}
        . {clock.ruleSet.citation}
      </Typography.Paragraph>
    </Card>
  );
}
