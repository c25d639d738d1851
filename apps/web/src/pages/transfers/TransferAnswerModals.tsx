import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '@hoi/contracts';
import type { AcceptTransferBody, RefuseTransferBody } from '../../api/transfers-api';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';

interface AnswerModalProps<Body> {
  transfer: Transfer | null;
  onClose: () => void;
  /** Sends the answer; throw to keep the dialog open with the error. */
  onSubmit: (transfer: Transfer, body: Body) => Promise<unknown>;
  /** Handles an error outside the dialog (e.g. someone answered first); true when handled. */
  onError: (error: unknown) => boolean;
}

/** Accepting a transfer: the acceptance date (default today, never in the future). */
export function AcceptTransferModal({
  transfer,
  onClose,
  onSubmit,
  onError,
}: AnswerModalProps<AcceptTransferBody>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ acceptedOn?: Dayjs }>();
  return (
    <FormModal
      open={transfer !== null}
      title={t('transfers.acceptTitle', { name: transfer?.fullName ?? '' })}
      okText={t('transfers.accept')}
      form={form}
      onCancel={onClose}
      onError={onError}
      onSubmit={(values) =>
        transfer
          ? onSubmit(transfer, { acceptedOn: toIsoDate(values.acceptedOn) })
          : Promise.resolve()
      }
    >
      <Typography.Paragraph type="secondary">
        {t('transfers.acceptHint', { unit: transfer?.toUnit.name ?? '' })}
      </Typography.Paragraph>
      <Form.Item
        name="acceptedOn"
        label={t('transfers.acceptedOn')}
        extra={t('transfers.acceptedOnHelp')}
      >
        <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Refusing a transfer: a reason is required (the member stays at the sending unit). */
export function RefuseTransferModal({
  transfer,
  onClose,
  onSubmit,
  onError,
}: AnswerModalProps<RefuseTransferBody>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal
      open={transfer !== null}
      title={t('transfers.refuseTitle', { name: transfer?.fullName ?? '' })}
      okText={t('transfers.refuse')}
      isDanger
      form={form}
      onCancel={onClose}
      onError={onError}
      onSubmit={(values) =>
        transfer ? onSubmit(transfer, { reason: values.reason.trim() }) : Promise.resolve()
      }
    >
      <Typography.Paragraph type="secondary">
        {t('transfers.refuseHint', { unit: transfer?.fromUnit.name ?? '' })}
      </Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('transfers.refusalReason')}
        rules={[
          { required: true, whitespace: true, message: t('transfers.refusalReasonRequired') },
          { max: 500, message: t('transfers.reasonMax') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
