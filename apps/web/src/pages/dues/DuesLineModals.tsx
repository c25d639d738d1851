import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ExemptionReason } from '@hoi/contracts';
import { EXEMPTION_REASONS, EXEMPTION_REASON_NAMES } from '@hoi/contracts';
import type { DuesLine } from '../../api/dues-api';
import { createExemption, createPayment } from '../../api/dues-api';
import { FormModal } from '../../components/FormModal';
import { toLanguage } from '../../i18n/i18n';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { useVndInputProps } from './money';

interface LineModalProps {
  line: DuesLine | null;
  onClose: () => void;
  /** After a successful write (reload the sheet, say so). */
  onDone: (line: DuesLine) => Promise<void>;
}

interface PaymentValues {
  amount: number | string;
  paidOn: Dayjs;
  receiptNumber?: string;
}

/** One member's payment for the sheet's year; the amount defaults to what is outstanding. */
export function PaymentModal({ line, onClose, onDone }: LineModalProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const vnd = useVndInputProps();
  const [form] = Form.useForm<PaymentValues>();
  return (
    <FormModal<PaymentValues>
      open={line !== null}
      title={t('dues.collection.payTitle', { year: line?.year ?? '', name: line?.fullName ?? '' })}
      okText={t('dues.collection.pay')}
      form={form}
      initialValues={{ amount: line?.outstanding || undefined, paidOn: dayjs() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (!line) return;
        await createPayment({
          memberId: line.memberId,
          year: line.year,
          amount: Number(values.amount),
          paidOn: toIsoDate(values.paidOn) ?? dayjs().format('YYYY-MM-DD'),
          receiptNumber: values.receiptNumber?.trim() || undefined,
        });
        await onDone(line);
      }}
    >
      <Form.Item
        name="amount"
        label={t('dues.amount')}
        rules={[
          rules.requiredValue,
          {
            validator: async (_rule, value: unknown) => {
              if (value !== undefined && value !== null && Number(value) <= 0)
                throw new Error(t('dues.amountPositive'));
            },
          },
        ]}
      >
        <InputNumber {...vnd} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="paidOn" label={t('dues.paidOn')} rules={[rules.requiredValue]}>
        <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="receiptNumber" label={t('dues.receiptNumber')} rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
    </FormModal>
  );
}

interface ExemptionValues {
  reason: ExemptionReason;
  fromYear: number;
  toYear?: number | null;
  note?: string;
}

/** Marks a member exempt from dues from a year (open-ended unless an end year is given). */
export function ExemptionModal({ line, onClose, onDone }: LineModalProps) {
  const { t, i18n } = useTranslation();
  const rules = useFormRules();
  const lang = toLanguage(i18n.language);
  const [form] = Form.useForm<ExemptionValues>();
  return (
    <FormModal<ExemptionValues>
      open={line !== null}
      title={t('dues.collection.exemptTitle', { name: line?.fullName ?? '' })}
      okText={t('app.save')}
      form={form}
      initialValues={{ fromYear: line?.year }}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (!line) return;
        await createExemption({
          memberId: line.memberId,
          reason: values.reason,
          fromYear: values.fromYear,
          toYear: values.toYear ?? null,
          note: values.note?.trim() || undefined,
        });
        await onDone(line);
      }}
    >
      <Form.Item
        name="reason"
        label={t('dues.collection.exemptReason')}
        rules={[rules.requiredValue]}
      >
        <Select
          options={EXEMPTION_REASONS.map((reason) => ({
            value: reason,
            label: EXEMPTION_REASON_NAMES[reason][lang],
          }))}
        />
      </Form.Item>
      <Form.Item
        name="fromYear"
        label={t('dues.collection.fromYear')}
        rules={[rules.requiredValue]}
      >
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="toYear"
        label={t('dues.collection.toYear')}
        extra={t('dues.collection.toYearHelp')}
        dependencies={['fromYear']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              const from = getFieldValue('fromYear') as number | undefined;
              if (typeof value === 'number' && from !== undefined && value < from)
                throw new Error(t('dues.collection.toYearBeforeFrom'));
            },
          }),
        ]}
      >
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('dues.note')} rules={[{ max: 300 }]}>
        <Input.TextArea rows={2} maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}
