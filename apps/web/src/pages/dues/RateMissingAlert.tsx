import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/me-context';

/**
 * Explains DUES_RATE_MISSING (or a sheet where some members have no rate): dues cannot be collected before a
 * rate for the year is set; officers who may set one get a shortcut to the rates tab.
 */
export function RateMissingAlert({
  year,
  isPartial = false,
  onGoToRates,
}: {
  year: number;
  /** Only some members of the sheet lack an applicable rate (e.g. one category). */
  isPartial?: boolean;
  onGoToRates: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const canSetRate = can('dues.manage');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="dues-rate-missing"
      title={t(isPartial ? 'dues.rateMissing.partialTitle' : 'dues.rateMissing.title', { year })}
      description={
        canSetRate ? t('dues.rateMissing.description') : t('dues.rateMissing.descriptionNoRight')
      }
      action={
        canSetRate ? (
          <Button size="small" onClick={onGoToRates}>
            {t('dues.rateMissing.goToRates')}
          </Button>
        ) : undefined
      }
    />
  );
}
