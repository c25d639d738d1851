import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportCounts } from '@hoi/contracts';
import { formatNumber } from '../../lib/format';

const CARDS = [
  { key: 'new', color: '#389e0d' },
  { key: 'update', color: '#1677ff' },
  { key: 'duplicate', color: '#d46b08' },
  { key: 'error', color: '#cf1322' },
  { key: 'warning', color: '#d48806' },
  { key: 'skipped', color: undefined },
] as const;

/** The counts of a preview or commit, one card per outcome. */
export function ImportCountsCards({ counts }: { counts: ImportCounts }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="import-counts">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('imports.counts.rows', { count: formatNumber(counts.rows, i18n.language) })}
      </Typography.Paragraph>
      <Row gutter={[8, 8]}>
        {CARDS.map(({ key, color }) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small" styles={{ body: { padding: 12 } }}>
              <Statistic
                data-testid={`count-${key}`}
                title={t(`imports.counts.${key}`)}
                value={counts[key]}
                formatter={(value) => formatNumber(Number(value), i18n.language)}
                styles={color ? { content: { color } } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
