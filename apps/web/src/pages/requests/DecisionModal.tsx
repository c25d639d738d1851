import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';

/** Approving or rejecting a correction request, with an optional note for the member. */
export function DecisionModal({
  open,
  title,
  hint,
  okText,
  isDanger,
  onClose,
  onSubmit,
  onError,
}: {
  open: boolean;
  title: string;
  hint: string;
  okText: string;
  isDanger?: boolean;
  onClose: () => void;
  onSubmit: (note: string | undefined) => Promise<unknown>;
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <FormModal
      open={open}
      title={title}
      okText={okText}
      isDanger={isDanger}
      form={form}
      onCancel={onClose}
      onError={onError}
      onSubmit={(values) => onSubmit(values.note?.trim() || undefined)}
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form.Item name="note" label={t('portal.requests.decisionNote')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
