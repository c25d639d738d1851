import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { Alert, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseRecordKind } from '@hoi/contracts';
import { CASE_RECORD_KINDS } from '@hoi/contracts';
import { listCaseHandlers } from '../../api/cases-api';
import { toIsoDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useCaseLabels } from './case-labels';
import type { CaseDialogProps } from './CaseActionModal';
import { CaseActionModal } from './CaseActionModal';
import { CaseDateField } from './CaseDateField';

const today = () => dayjs().format('YYYY-MM-DD');
const requiredText = (message: string) => ({ required: true, whitespace: true, message });

/**
 * The handlers of the case's unit (GET /api/cases/:id/handlers). Whoever has seen the sealed
 * identity — cleared, by emergency access, even revoked — cannot verify (Art. 56): shown disabled.
 */
function VerifierPicker({
  value,
  onChange,
  id,
  caseId,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  caseId: string;
}) {
  const { t, i18n } = useTranslation();
  const handlers = useQuery({
    queryKey: ['cases', 'handlers', caseId],
    queryFn: () => listCaseHandlers(caseId),
  });
  const options = (handlers.data?.items ?? [])
    .filter((h) => !h.verifier)
    .map((h) => ({
      value: h.id,
      label: h.name,
      disabled: h.seenIdentity,
      handler: h,
    }));
  if (handlers.isError)
    return (
      <Alert
        type="warning"
        showIcon
        title={errorText(handlers.error, i18n.language, t('errors.generic'))}
      />
    );
  return (
    <Select<string | undefined, (typeof options)[number]>
      id={id}
      value={value}
      allowClear
      placeholder={t('cases.actions.verifierSearch')}
      options={options}
      loading={handlers.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      onChange={(next) => onChange?.(next)}
      optionRender={(option) => (
        <span>
          {option.data.handler.name}{' '}
          <Typography.Text type="secondary">
            · {option.data.handler.unitName}
            {option.data.handler.seenIdentity ? ` · ${t('cases.actions.verifierSeen')}` : ''}
          </Typography.Text>
        </span>
      )}
      data-testid="case-verifier-picker"
    />
  );
}

/** Giao người xác minh: a handler of the unit who works on the redacted file. */
export function AssignVerifierModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ userId: string }>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="verifiers"
      form={form}
      title={t('cases.actions.assignVerifier')}
      fieldForCode={{ CASE_SEALED_VERIFIER: 'userId', FORBIDDEN: 'userId' }}
      toBody={(values) => ({ userId: values.userId })}
    >
      <Typography.Paragraph type="secondary">
        {t('cases.actions.verifierHint')}
      </Typography.Paragraph>
      <Form.Item
        name="userId"
        label={t('cases.actions.verifier')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <VerifierPicker caseId={kase.id} />
      </Form.Item>
    </CaseActionModal>
  );
}

/** Thêm biên bản: a plan, minutes, dialogue minutes, a verification report or a note. */
export function RecordModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [form] = Form.useForm<{ kind: CaseRecordKind; on: Dayjs; text: string }>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="records"
      form={form}
      title={t('cases.actions.record')}
      width={640}
      initialValues={{ kind: 'dialogue', on: dayjs() }}
      toBody={(values) => ({
        kind: values.kind,
        on: toIsoDate(values.on) ?? today(),
        text: values.text.trim(),
      })}
    >
      <Form.Item name="kind" label={t('cases.actions.recordKind')}>
        <Select
          options={CASE_RECORD_KINDS.map((value) => ({ value, label: labels.recordName(value) }))}
        />
      </Form.Item>
      <CaseDateField name="on" label={t('cases.actions.date')} receivedOn={kase.receivedOn} />
      <Form.Item
        name="text"
        label={t('cases.actions.recordText')}
        extra={kase.sealed.count > 0 ? t('cases.actions.sealedTextHint') : undefined}
        rules={[requiredText(t('app.required'))]}
      >
        <Input.TextArea maxLength={20_000} autoSize={{ minRows: 4, maxRows: 12 }} />
      </Form.Item>
    </CaseActionModal>
  );
}

interface ExtendValues {
  days: number;
  decisionNumber: string;
  decidedOn: Dayjs;
  reason: string;
}

/** Gia hạn: by a written decision; the rule set limits how many times and how long. */
export function ExtendModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ExtendValues>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="extensions"
      form={form}
      title={t('cases.actions.extend')}
      initialValues={{ days: 30, decidedOn: dayjs() }}
      fieldForCode={{ CASE_EXTENSION_LIMIT: 'days', CASE_DATE_INVALID: 'decidedOn' }}
      toBody={(values) => ({
        days: values.days,
        decisionNumber: values.decisionNumber.trim(),
        decidedOn: toIsoDate(values.decidedOn) ?? today(),
        reason: values.reason.trim(),
      })}
    >
      <Form.Item
        name="days"
        label={t('cases.actions.extendDays')}
        extra={t('cases.actions.extendHint')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <InputNumber
          min={1}
          max={365}
          precision={0}
          style={{ width: '100%' }}
          data-testid="case-extend-days"
        />
      </Form.Item>
      <Form.Item
        name="decisionNumber"
        label={t('cases.actions.decisionNumber')}
        rules={[requiredText(t('app.required'))]}
      >
        <Input maxLength={50} data-testid="case-extend-decision" />
      </Form.Item>
      <CaseDateField
        name="decidedOn"
        label={t('cases.actions.decidedOn')}
        receivedOn={kase.receivedOn}
        notBefore={kase.acceptedOn}
      />
      <Form.Item
        name="reason"
        label={t('cases.actions.reason')}
        extra={kase.sealed.count > 0 ? t('cases.actions.sealedTextHint') : undefined}
        rules={[requiredText(t('app.required'))]}
      >
        <Input.TextArea
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 5 }}
          data-testid="case-extend-reason"
        />
      </Form.Item>
    </CaseActionModal>
  );
}

/** Tạm đình chỉ: the clock stops from the given day until the case resumes. */
export function SuspendModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ from: Dayjs; decisionNumber: string; reason: string }>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="suspend"
      form={form}
      title={t('cases.actions.suspend')}
      initialValues={{ from: dayjs() }}
      toBody={(values) => ({
        from: toIsoDate(values.from) ?? today(),
        decisionNumber: values.decisionNumber.trim(),
        reason: values.reason.trim(),
      })}
    >
      <CaseDateField
        name="from"
        label={t('cases.actions.suspendFrom')}
        receivedOn={kase.receivedOn}
      />
      <Form.Item
        name="decisionNumber"
        label={t('cases.actions.decisionNumber')}
        rules={[requiredText(t('app.required'))]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('cases.actions.reason')}
        rules={[requiredText(t('app.required'))]}
      >
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </CaseActionModal>
  );
}

/** Tiếp tục giải quyết: the last suspended day; the clock runs again after it. */
export function ResumeModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ to: Dayjs }>();
  const ongoing = kase.suspensions.find((suspension) => suspension.to === null);
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="resume"
      form={form}
      title={t('cases.actions.resume')}
      initialValues={{ to: dayjs() }}
      toBody={(values) => ({ to: toIsoDate(values.to) ?? today() })}
    >
      <CaseDateField
        name="to"
        label={t('cases.actions.resumeOn')}
        receivedOn={kase.receivedOn}
        notBefore={ongoing?.from}
      />
    </CaseActionModal>
  );
}

/** Rút đơn: a denunciation may still be handled when there are signs of a violation (Art. 33). */
export function WithdrawModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ withdrawnOn: Dayjs; continueHandling: boolean; reason?: string }>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="withdraw"
      form={form}
      title={t('cases.actions.withdraw')}
      isDanger
      initialValues={{ withdrawnOn: dayjs(), continueHandling: false }}
      toBody={(values) => ({
        withdrawnOn: toIsoDate(values.withdrawnOn) ?? today(),
        continueHandling: kase.type === 'denunciation' && values.continueHandling,
        reason: values.reason?.trim() || undefined,
      })}
    >
      <CaseDateField
        name="withdrawnOn"
        label={t('cases.actions.withdrawnOn')}
        receivedOn={kase.receivedOn}
      />
      {kase.type === 'denunciation' && (
        <Form.Item name="continueHandling" valuePropName="checked">
          <Checkbox>{t('cases.actions.continueHandling')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('cases.actions.reason')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </CaseActionModal>
  );
}
