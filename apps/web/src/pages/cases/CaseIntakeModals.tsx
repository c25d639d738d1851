import { useState } from 'react';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { Alert, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseComplexity, CaseType, NotAcceptedGround } from '@hoi/contracts';
import { CASE_COMPLEXITIES, CASE_TYPES } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import { formatDate, toIsoDate } from '../../lib/format';
import { groundsFor, isComplaintType, useCaseLabels } from './case-labels';
import type { CaseDialogProps } from './CaseActionModal';
import { CaseActionModal } from './CaseActionModal';
import { CaseDateField } from './CaseDateField';

const today = () => dayjs().format('YYYY-MM-DD');

function useComplexityOptions() {
  const labels = useCaseLabels();
  return CASE_COMPLEXITIES.map((value) => ({ value, label: labels.complexityName(value) }));
}

/** Phân loại: the type (a denunciation stays one), the complexity and the remote-area flag. */
export function ClassifyModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const complexityOptions = useComplexityOptions();
  const [form] = Form.useForm<{ type: CaseType; complexity: CaseComplexity; remote: boolean }>();
  // Sealed identities exist only for denunciations: the server refuses to change to or from one.
  const types = CASE_TYPES.filter(
    (type) =>
      (type === 'denunciation') === (kase.type === 'denunciation') &&
      (kase.round === 1 || isComplaintType(type)),
  );
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="classify"
      form={form}
      title={t('cases.actions.classify')}
      initialValues={{ type: kase.type, complexity: kase.complexity, remote: kase.remote }}
      toBody={(values) => ({
        type: values.type,
        complexity: values.complexity,
        remote: values.remote,
      })}
    >
      <Form.Item name="type" label={t('cases.actions.type')}>
        <Select options={types.map((value) => ({ value, label: labels.typeName(value) }))} />
      </Form.Item>
      <Form.Item name="complexity" label={t('cases.actions.complexity')}>
        <Select options={complexityOptions} />
      </Form.Item>
      <Form.Item name="remote" valuePropName="checked">
        <Checkbox>{t('cases.actions.remote')}</Checkbox>
      </Form.Item>
    </CaseActionModal>
  );
}

interface AcceptValues {
  acceptedOn: Dayjs;
  complexity: CaseComplexity;
  lateReason?: string;
}

/**
 * Thụ lý: the date, the complexity (it sets the resolution period and how many extensions are
 * allowed) and, when accepted after the acceptance deadline, the mandatory reason.
 */
export function AcceptModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const complexityOptions = useComplexityOptions();
  const [form] = Form.useForm<AcceptValues>();
  const acceptedOn = Form.useWatch('acceptedOn', form);
  const [serverSaysLate, setServerSaysLate] = useState(false);
  const deadline = kase.nextDeadline;
  const isLate =
    serverSaysLate || (deadline !== null && (toIsoDate(acceptedOn) ?? today()) > deadline.date);
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={() => {
        setServerSaysLate(false);
        onClose();
      }}
      path="accept"
      form={form}
      title={t('cases.actions.accept')}
      initialValues={{ acceptedOn: dayjs(), complexity: kase.complexity }}
      fieldForCode={{ CASE_ACCEPTANCE_LATE: 'lateReason', CASE_DATE_INVALID: 'acceptedOn' }}
      // The server's calendar is the judge of lateness: show the reason field if it says so.
      onServerError={(error) => {
        if (isApiError(error, 'CASE_ACCEPTANCE_LATE')) setServerSaysLate(true);
      }}
      toBody={(values) => ({
        acceptedOn: toIsoDate(values.acceptedOn) ?? today(),
        complexity: values.complexity,
        lateReason: isLate ? values.lateReason?.trim() || undefined : undefined,
      })}
    >
      <CaseDateField
        name="acceptedOn"
        label={t('cases.actions.acceptedOn')}
        receivedOn={kase.receivedOn}
      />
      <Form.Item name="complexity" label={t('cases.actions.complexity')}>
        <Select options={complexityOptions} data-testid="case-accept-complexity" />
      </Form.Item>
      {isLate && deadline && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('cases.actions.lateHint', {
              milestone: labels.milestoneName(deadline.key),
              date: formatDate(deadline.date),
            })}
          />
          <Form.Item
            name="lateReason"
            label={t('cases.actions.lateReason')}
            rules={[{ required: true, whitespace: true, message: t('app.required') }]}
          >
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </>
      )}
    </CaseActionModal>
  );
}

interface RejectValues {
  decidedOn: Dayjs;
  ground: NotAcceptedGround;
  note?: string;
}

/** Không thụ lý: the statutory ground for the case's type family (or "other", stated). */
export function RejectModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [form] = Form.useForm<RejectValues>();
  const ground = Form.useWatch('ground', form);
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="reject"
      form={form}
      title={t('cases.actions.reject')}
      isDanger
      width={640}
      initialValues={{ decidedOn: dayjs() }}
      fieldForCode={{ REASON_REQUIRED: 'note' }}
      toBody={(values) => ({
        decidedOn: toIsoDate(values.decidedOn) ?? today(),
        ground: values.ground,
        note: values.note?.trim() || undefined,
      })}
    >
      <CaseDateField
        name="decidedOn"
        label={t('cases.actions.decidedOn')}
        receivedOn={kase.receivedOn}
      />
      <Form.Item
        name="ground"
        label={t('cases.actions.ground')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <Select
          options={groundsFor(kase.type).map((value) => ({
            value,
            label: labels.groundName(value),
          }))}
          optionRender={(option) => <span style={{ whiteSpace: 'normal' }}>{option.label}</span>}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('cases.actions.groundNote')}
        rules={[
          {
            required: ground === 'other',
            whitespace: true,
            message: t('cases.actions.groundNoteRequired'),
          },
        ]}
      >
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </CaseActionModal>
  );
}

/** Chuyển đơn: to the competent body, when the unit is not competent. */
export function ForwardModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ forwardedOn: Dayjs; forwardedTo: string }>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="forward"
      form={form}
      title={t('cases.actions.forward')}
      initialValues={{ forwardedOn: dayjs() }}
      toBody={(values) => ({
        forwardedOn: toIsoDate(values.forwardedOn) ?? today(),
        forwardedTo: values.forwardedTo.trim(),
      })}
    >
      <CaseDateField
        name="forwardedOn"
        label={t('cases.actions.date')}
        receivedOn={kase.receivedOn}
      />
      <Form.Item
        name="forwardedTo"
        label={t('cases.actions.forwardedTo')}
        rules={[{ required: true, whitespace: true, message: t('app.required') }]}
      >
        <Input maxLength={300} />
      </Form.Item>
    </CaseActionModal>
  );
}
