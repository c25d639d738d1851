import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Col, DatePicker, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberAction } from '@hoi/contracts';
import { MEMBER_ACTIONS } from '@hoi/contracts';
import { transitionMember } from '../../../api/members-api';
import { FormModal } from '../../../components/FormModal';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../../lib/format';
import { useMemberLabels } from '../member-labels';
import type { MemberDialogProps } from '../use-member-write';
import { useMemberWrite } from '../use-member-write';

interface Values {
  effectiveDate: Dayjs;
  decision?: { number: string; date: Dayjs; signer: string };
  reason?: string;
}

/**
 * One status change (admit, suspend, remove…): the effective date always, a decision where the
 * charter needs one, a reason where the registry must say why (MEMBER_ACTIONS).
 */
export function TransitionModal({
  member,
  action,
  open,
  onClose,
}: MemberDialogProps & { action: MemberAction | null }) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const [form] = Form.useForm<Values>();
  const write = useMemberWrite(member.id);
  const rule = action ? MEMBER_ACTIONS[action] : null;
  const required = { required: true, whitespace: true, message: t('app.required') };
  const requiredDate = { required: true, message: t('app.required') };
  const isDanger = action === 'remove' || action === 'reject' || action === 'suspend';

  return (
    <FormModal<Values>
      open={open && action !== null}
      form={form}
      title={action ? `${labels.actionName(action)}: ${member.fullName}` : ''}
      okText={action ? labels.actionName(action) : undefined}
      isDanger={isDanger}
      initialValues={{ effectiveDate: dayjs() }}
      onCancel={onClose}
      onError={write.onStale}
      onSubmit={async (values) => {
        if (!action) return;
        const updated = await transitionMember(member.id, write.currentVersion(member), {
          action,
          effectiveDate: toIsoDate(values.effectiveDate) ?? dayjs().format('YYYY-MM-DD'),
          decision:
            rule?.decision && values.decision
              ? {
                  number: values.decision.number.trim(),
                  date: toIsoDate(values.decision.date) ?? '',
                  signer: values.decision.signer.trim(),
                }
              : undefined,
          reason: rule?.reason ? values.reason?.trim() : undefined,
        });
        await write.afterWrite(
          t('members.actions.done', { action: labels.actionName(action) }),
          updated,
        );
      }}
    >
      <Form.Item
        name="effectiveDate"
        label={t('members.actions.effectiveDate')}
        rules={[requiredDate]}
      >
        <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
      </Form.Item>
      {rule?.decision && (
        <>
          <Typography.Text strong>{t('members.actions.decision')}</Typography.Text>
          <Row gutter={12} style={{ marginTop: 8 }}>
            <Col xs={24} sm={12}>
              <Form.Item
                name={['decision', 'number']}
                label={t('members.form.decisionNumber')}
                rules={[required, { max: 50, message: t('units.rules.codeMax', { max: 50 }) }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={['decision', 'date']}
                label={t('members.form.decisionDate')}
                rules={[requiredDate]}
              >
                <DatePicker
                  format={DATE_FORMAT}
                  disabledDate={isFutureDate}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name={['decision', 'signer']}
                label={t('members.form.decisionSigner')}
                rules={[required, { max: 100, message: t('units.rules.nameMax', { max: 100 }) }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      {rule?.reason && (
        <Form.Item
          name="reason"
          label={t('members.actions.reason')}
          rules={[required, { max: 500, message: t('units.rules.nameMax', { max: 500 }) }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
