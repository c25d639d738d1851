import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Completeness } from '../../api/reports-api';
import { formatNumber } from '../../lib/format';
import { completenessRates } from './report-slots';

const KEYS = ['expected', 'submitted', 'approved', 'onTime', 'late', 'missing'] as const;
const COLOR: Partial<Record<(typeof KEYS)[number], string>> = {
  onTime: '#389e0d',
  late: '#d46b08',
  missing: '#cf1322',
};

/**
 * Expected, submitted, approved, on-time, late and missing reports as statistics; with `rates`
 * also the reporting and on-time rates (of the expected reports).
 */
export function CompletenessStats({
  completeness,
  rates = false,
  extra,
}: {
  completeness: Completeness;
  rates?: boolean;
  extra?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const percent = completenessRates(completeness);
  const formatter = (value: number | string | undefined) =>
    typeof value === 'number' ? formatNumber(value, i18n.language) : (value ?? '');
  const rate = (value: number | null) =>
    value === null ? '—' : `${formatNumber(value, i18n.language)} %`;
  return (
    <Card
      size="small"
      title={t('reports.completeness.title')}
      extra={extra}
      data-testid="completeness"
    >
      <Row gutter={[16, 16]}>
        {KEYS.map((key) => (
          <Col key={key} xs={12} sm={8} md={4}>
            <Statistic
              title={t(`reports.completeness.${key}`)}
              value={completeness[key]}
              formatter={formatter}
              styles={{ content: { color: completeness[key] > 0 ? COLOR[key] : undefined } }}
              data-testid={`completeness-${key}`}
            />
          </Col>
        ))}
        {rates && (
          <>
            <Col xs={12} sm={8} md={4}>
              <Statistic
                title={t('reports.completeness.reportingRate')}
                value={rate(percent.reporting)}
                data-testid="completeness-reportingRate"
              />
            </Col>
            <Col xs={12} sm={8} md={4}>
              <Statistic
                title={t('reports.completeness.onTimeRate')}
                value={rate(percent.onTime)}
                data-testid="completeness-onTimeRate"
              />
            </Col>
          </>
        )}
      </Row>
    </Card>
  );
}
