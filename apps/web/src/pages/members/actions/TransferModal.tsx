import type { Dayjs } from 'dayjs';
import { DatePicker, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { createTransfer } from '../../../api/members-api';
import { FormModal } from '../../../components/FormModal';
import { UnitPicker } from '../../../components/UnitPicker';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../../lib/format';
import type { MemberDialogProps } from '../use-member-write';
import { useMemberWrite } from '../use-member-write';

interface Values {
  toUnitId: string;
  releasedOn?: Dayjs;
  reason?: string;
}

/**
 * Releases the member to another unit (POST /api/transfers). The member stays counted here, "in
 * transit", until the receiving unit accepts.
 */
export function TransferModal({ member, open, onClose }: MemberDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const write = useMemberWrite(member.id);

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={t('members.actions.transferTitle', { name: member.fullName })}
      okText={t('members.actions.transfer')}
      onCancel={onClose}
      onSubmit={async (values) => {
        await createTransfer({
          memberId: member.id,
          toUnitId: values.toUnitId,
          releasedOn: toIsoDate(values.releasedOn),
          reason: values.reason?.trim() || undefined,
        });
        await write.afterWrite(t('members.actions.transferCreated'));
      }}
      fieldForCode={{ TRANSFER_SAME_UNIT: 'toUnitId', TRANSFER_TARGET_INVALID: 'toUnitId' }}
    >
      <Form.Item
        name="toUnitId"
        label={t('members.actions.toUnit')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <UnitPicker excludeIds={[member.unitId]} />
      </Form.Item>
      <Form.Item
        name="releasedOn"
        label={t('members.actions.releasedOn')}
        extra={t('members.actions.releasedOnHelp')}
      >
        <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('members.actions.reason')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
