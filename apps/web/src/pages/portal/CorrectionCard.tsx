import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MemberPhoneSchema, PersonInputSchema } from '@hoi/contracts';
import type { CreateChangeRequestBody, PortalMe } from '../../api/portal-api';
import { createCorrectionRequest } from '../../api/portal-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/form-rules';
import { applyServerError } from '../../lib/server-errors';
import { describeValue, listFieldChanges } from '../requests/change-fields';

interface CorrectionValues {
  phone?: string;
  email?: string;
  addressDetail?: string;
  note?: string;
}

/** Builds the request body from what was filled in; null when nothing was. */
function toBody(values: CorrectionValues): CreateChangeRequestBody | null {
  const fields: CreateChangeRequestBody['fields'] = {};
  const phone = values.phone?.trim();
  const email = values.email?.trim();
  const detail = values.addressDetail?.trim();
  if (phone) fields.phone = phone;
  if (email) fields.email = email;
  if (detail) fields.address = { detail };
  if (Object.keys(fields).length === 0) return null;
  return { fields, note: values.note?.trim() || undefined };
}

/**
 * Asks for a correction of the member's contact details (applied once an officer approves),
 * with the requests still awaiting review listed below.
 */
export function CorrectionCard({ me }: { me: PortalMe }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectionValues>();
  const { person } = me.member;

  const send = useMutation({
    mutationFn: createCorrectionRequest,
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('portal.correction.sent'));
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
    onError: (error) => applyServerError(form, error, i18n.language),
  });

  const current = (value: string | null) =>
    t('portal.correction.current', { value: value ?? t('portal.correction.none') });
  const fieldLabel = (path: string[]) => {
    const leaf = path[path.length - 1];
    if (leaf === 'phone') return t('portal.profile.phone');
    if (leaf === 'email') return t('portal.profile.email');
    return t('portal.profile.address');
  };

  return (
    <Card title={t('portal.correction.title')} data-testid="portal-correction">
      <Typography.Paragraph type="secondary">{t('portal.correction.hint')}</Typography.Paragraph>
      <ServerErrorAlert error={send.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          const body = toBody(values);
          if (!body) {
            form.setFields([{ name: 'phone', errors: [t('portal.correction.atLeastOne')] }]);
            return;
          }
          send.mutate(body);
        }}
      >
        <Form.Item
          name="phone"
          label={t('portal.correction.phone')}
          extra={current(person.phone)}
          rules={[zodRule(MemberPhoneSchema, t('portal.correction.phoneInvalid'))]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('portal.correction.email')}
          extra={current(person.email)}
          rules={[zodRule(PersonInputSchema.shape.email, t('portal.correction.emailInvalid'))]}
        >
          <Input type="email" autoComplete="email" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="addressDetail"
          label={t('portal.correction.addressDetail')}
          extra={current(person.address.detail)}
          rules={[{ max: 300 }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="note" label={t('portal.correction.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('portal.correction.submit')}
        </Button>
      </Form>
      {me.pendingCorrections.length > 0 && (
        <div style={{ marginTop: 16 }} data-testid="pending-corrections">
          <Typography.Title level={5}>{t('portal.correction.pending')}</Typography.Title>
          {me.pendingCorrections.map((request) => (
            <Typography.Paragraph key={request.id} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('portal.correction.sentOn', { date: formatDateTime(request.createdAt) })}
              </Typography.Text>
              <br />
              {listFieldChanges(request.fields, request.current).map((change) => (
                <span key={change.path.join('.')}>
                  {fieldLabel(change.path)}:{' '}
                  <Typography.Text strong>
                    {describeValue(change.requested, t('portal.requests.cleared'))}
                  </Typography.Text>
                  <br />
                </span>
              ))}
            </Typography.Paragraph>
          ))}
        </div>
      )}
    </Card>
  );
}
