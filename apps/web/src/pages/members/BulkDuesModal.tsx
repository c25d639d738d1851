import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { memberQueries } from '../../api/member-queries';
import { recordBulkPayments } from '../../api/members-api';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT, formatNumber, isFutureDate, toIsoDate } from '../../lib/format';

interface Values {
  year: number;
  amount: number;
  paidOn: Dayjs;
  receiptNumber?: string;
}

/** `1234567` → `1.234.567` while typing an amount. */
export function groupThousands(value: string | number | undefined): string {
  return value === undefined || value === ''
    ? ''
    : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Reads an amount typed with any grouping back into an integer. */
export function parseAmount(text: string | undefined): number {
  return Number((text ?? '').replace(/\D/g, ''));
}

/**
 * Records one year's dues for the selected members at once (POST /api/dues/payments/bulk). The
 * collecting branch is the unit filter; without one the dialog explains what to do.
 */
export function BulkDuesModal({
  open,
  unitId,
  unitLabel,
  memberIds,
  onClose,
  onDone,
}: {
  open: boolean;
  unitId: string | undefined;
  unitLabel: string;
  memberIds: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  if (!unitId || memberIds.length === 0) {
    return (
      <Modal
        open={open}
        title={t('members.bulkDues.button')}
        onCancel={onClose}
        onOk={onClose}
        okText={t('app.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert
          type="info"
          showIcon
          title={unitId ? t('members.bulkDues.needSelection') : t('members.bulkDues.needUnit')}
        />
      </Modal>
    );
  }

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={t('members.bulkDues.title', { count: memberIds.length })}
      initialValues={{ year: dayjs().year(), paidOn: dayjs() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await recordBulkPayments({
          unitId,
          year: values.year,
          paidOn: toIsoDate(values.paidOn) ?? dayjs().format('YYYY-MM-DD'),
          receiptNumber: values.receiptNumber?.trim() || undefined,
          entries: memberIds.map((memberId) => ({ memberId, amount: values.amount })),
        });
        await queryClient.invalidateQueries({ queryKey: memberQueries.all });
        onDone();
        modal.success({
          title: t('members.bulkDues.resultTitle'),
          content: t('members.bulkDues.result', {
            count: formatNumber(result.count, i18n.language),
            total: formatNumber(result.total, i18n.language),
          }),
        });
      }}
    >
      <Form.Item label={t('members.bulkDues.unit')}>
        <Input value={unitLabel} disabled />
      </Form.Item>
      <Form.Item
        name="year"
        label={t('members.bulkDues.year')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('members.bulkDues.amount')}
        rules={[
          { required: true, message: t('app.required') },
          { type: 'number', min: 1, message: t('members.bulkDues.amountPositive') },
        ]}
      >
        <InputNumber<number>
          min={0}
          max={1_000_000_000}
          precision={0}
          inputMode="numeric"
          style={{ width: '100%' }}
          formatter={(value) => groupThousands(value)}
          parser={(text) => parseAmount(text)}
        />
      </Form.Item>
      <Form.Item
        name="paidOn"
        label={t('members.bulkDues.paidOn')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="receiptNumber" label={t('members.bulkDues.receiptNumber')}>
        <Input maxLength={50} />
      </Form.Item>
    </FormModal>
  );
}
