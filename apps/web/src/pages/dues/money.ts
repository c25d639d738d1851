import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';

/** Amounts in VND, whole dong, grouped the UI language's way: `1.234.567 đ` / `1,234,567 VND`. */
export function useFormatVnd(): (amount: number) => string {
  const { t, i18n } = useTranslation();
  return (amount) => `${formatNumber(amount, i18n.language)} ${t('dues.currency')}`;
}

/** InputNumber props for a VND amount: whole numbers, grouped with dots (vi) or commas (en). */
export function useVndInputProps() {
  const { t, i18n } = useTranslation();
  const separator = i18n.language.startsWith('en') ? ',' : '.';
  return {
    min: 0,
    max: 1_000_000_000,
    step: 1000,
    precision: 0,
    suffix: t('dues.currency'),
    inputMode: 'numeric' as const,
    formatter: (value: number | string | undefined) =>
      value === undefined || value === ''
        ? ''
        : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator),
    parser: (text: string | undefined) => (text ?? '').replace(/\D/g, ''),
  };
}
