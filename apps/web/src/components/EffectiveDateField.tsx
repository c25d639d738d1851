import { DatePicker, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, isFutureDate } from '../lib/format';

/** Optional effective date (server default: today; the future is refused). */
export function EffectiveDateField({ name = 'effectiveDate' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={t('units.field.effectiveDate')}
      extra={t('units.field.effectiveDateHelp')}
    >
      <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
    </Form.Item>
  );
}
