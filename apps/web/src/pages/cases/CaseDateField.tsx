import type { Dayjs } from 'dayjs';
import { DatePicker, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT } from '../../lib/format';
import { caseDateDisabled } from './case-labels';

/**
 * A required date of a case event (dd/mm/yyyy): not after today and not before the date the
 * case was received (`notBefore` narrows it further, e.g. the acceptance date).
 */
export function CaseDateField({
  name,
  label,
  receivedOn,
  notBefore,
  isRequired = true,
  extra,
  allowFuture = false,
}: {
  name: string;
  label: string;
  receivedOn: string;
  notBefore?: string | null;
  isRequired?: boolean;
  extra?: string;
  allowFuture?: boolean;
}) {
  const { t } = useTranslation();
  const base = caseDateDisabled(notBefore && notBefore > receivedOn ? notBefore : receivedOn);
  const disabledDate = allowFuture
    ? (value: Dayjs) => base(value) && !value.isAfter(new Date(), 'day')
    : base;
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={isRequired ? [{ required: true, message: t('app.required') }] : []}
    >
      <DatePicker
        format={DATE_FORMAT}
        disabledDate={disabledDate}
        style={{ width: '100%' }}
        data-testid={`case-date-${name}`}
      />
    </Form.Item>
  );
}
