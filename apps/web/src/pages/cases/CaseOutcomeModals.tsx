import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseDocumentKindCode } from '@hoi/contracts';
import { issueCaseDocument, uploadCaseAttachment } from '../../api/cases-api';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';
import { documentKindsFor, useCaseLabels } from './case-labels';
import type { CaseDialogProps } from './CaseActionModal';
import { CaseActionModal } from './CaseActionModal';
import { CaseDateField } from './CaseDateField';
import { useCaseWrite } from './use-case-write';

const today = () => dayjs().format('YYYY-MM-DD');
const requiredText = (message: string) => ({ required: true, whitespace: true, message });
/** Publication lasts at least 15 consecutive days, both ends included. */
const PUBLICATION_MIN_DAYS = 15;

/** Kết luận: the findings and the conclusion or decision (no sealed value may appear). */
export function ConcludeModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ concludedOn: Dayjs; findings: string; conclusion: string }>();
  const hint = kase.sealed.count > 0 ? t('cases.actions.sealedTextHint') : undefined;
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="conclude"
      form={form}
      title={t('cases.actions.conclude')}
      width={720}
      initialValues={{ concludedOn: dayjs() }}
      fieldForCode={{ CASE_DATE_INVALID: 'concludedOn' }}
      toBody={(values) => ({
        concludedOn: toIsoDate(values.concludedOn) ?? today(),
        findings: values.findings.trim(),
        conclusion: values.conclusion.trim(),
      })}
    >
      <CaseDateField
        name="concludedOn"
        label={t('cases.actions.concludedOn')}
        receivedOn={kase.receivedOn}
        notBefore={kase.acceptedOn}
      />
      <Form.Item
        name="findings"
        label={t('cases.actions.findings')}
        extra={hint}
        rules={[requiredText(t('app.required'))]}
      >
        <Input.TextArea
          maxLength={20_000}
          autoSize={{ minRows: 3, maxRows: 10 }}
          data-testid="case-findings"
        />
      </Form.Item>
      <Form.Item
        name="conclusion"
        label={t('cases.actions.conclusion')}
        extra={hint}
        rules={[requiredText(t('app.required'))]}
      >
        <Input.TextArea
          maxLength={20_000}
          autoSize={{ minRows: 3, maxRows: 10 }}
          data-testid="case-conclusion"
        />
      </Form.Item>
    </CaseActionModal>
  );
}

interface PublishValues {
  from: Dayjs;
  until: Dayjs;
  place: string;
  text: string;
}

function publicationDays(from: Dayjs | undefined, until: Dayjs | undefined): number | null {
  if (!from || !until) return null;
  return until.startOf('day').diff(from.startOf('day'), 'day') + 1;
}

/**
 * Công khai: the conclusion posted for at least 15 consecutive days (default: from today for 15
 * days), where, and the text — which must not carry any sealed value (the server refuses it).
 */
export function PublishModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PublishValues>();
  const from = Form.useWatch('from', form);
  const until = Form.useWatch('until', form);
  const days = publicationDays(from, until);
  const start = dayjs();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="publish"
      form={form}
      title={t('cases.actions.publish')}
      width={720}
      initialValues={{
        from: start,
        until: start.add(PUBLICATION_MIN_DAYS - 1, 'day'),
        text: kase.concluded?.conclusion ?? '',
      }}
      fieldForCode={{ CASE_PUBLICATION_TOO_SHORT: 'until', CASE_DATE_INVALID: 'from' }}
      toBody={(values) => ({
        from: toIsoDate(values.from) ?? today(),
        until: toIsoDate(values.until) ?? today(),
        place: values.place.trim(),
        text: values.text.trim(),
      })}
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <CaseDateField
            name="from"
            label={t('cases.actions.publishFrom')}
            receivedOn={kase.receivedOn}
            notBefore={kase.concluded?.on}
            allowFuture
          />
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="until"
            label={t('cases.actions.publishUntil')}
            dependencies={['from']}
            rules={[
              { required: true, message: t('app.required') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: Dayjs | undefined) => {
                  const n = publicationDays(getFieldValue('from') as Dayjs | undefined, value);
                  if (n !== null && n < PUBLICATION_MIN_DAYS)
                    throw new Error(t('cases.actions.publishTooShort'));
                },
              }),
            ]}
          >
            <DatePicker
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              data-testid="case-date-until"
            />
          </Form.Item>
        </Col>
      </Row>
      {days !== null && (
        <Typography.Paragraph type={days < PUBLICATION_MIN_DAYS ? 'danger' : 'secondary'}>
          {t('cases.actions.publishDays', { days })}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="place"
        label={t('cases.actions.publishPlace')}
        rules={[requiredText(t('app.required'))]}
      >
        <Input maxLength={300} data-testid="case-publish-place" />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('cases.actions.publishText')}
        extra={kase.sealed.count > 0 ? t('cases.actions.sealedTextHint') : undefined}
        rules={[requiredText(t('app.required'))]}
      >
        <Input.TextArea
          maxLength={20_000}
          autoSize={{ minRows: 4, maxRows: 12 }}
          data-testid="case-publish-text"
        />
      </Form.Item>
    </CaseActionModal>
  );
}

/** Kết thúc: closes the file (a published conclusion only after its publication period). */
export function CloseModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ closedOn: Dayjs; note?: string }>();
  return (
    <CaseActionModal
      kase={kase}
      open={open}
      onClose={onClose}
      path="close"
      form={form}
      title={t('cases.actions.close')}
      initialValues={{ closedOn: dayjs() }}
      fieldForCode={{ CASE_PUBLICATION_TOO_SHORT: 'closedOn' }}
      toBody={(values) => ({
        closedOn: toIsoDate(values.closedOn) ?? today(),
        note: values.note?.trim() || undefined,
      })}
    >
      <CaseDateField
        name="closedOn"
        label={t('cases.actions.closedOn')}
        receivedOn={kase.receivedOn}
      />
      <Form.Item name="note" label={t('cases.actions.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </CaseActionModal>
  );
}

interface DocumentValues {
  kind: CaseDocumentKindCode;
  date?: Dayjs;
  signer?: { authority?: string; title?: string; name?: string };
}

/**
 * Ban hành văn bản: a numbered notice or decision (.docx, Decree 30/2020) of a kind that fits the
 * case now; the page then offers its download.
 */
export function DocumentModal({
  kase,
  open,
  onClose,
  onIssued,
}: CaseDialogProps & { onIssued: (document: { id: string; number: string }) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const write = useCaseWrite(kase.id);
  const [form] = Form.useForm<DocumentValues>();
  const kinds = documentKindsFor(kase);
  const signerTitle = Form.useWatch(['signer', 'title'], form);
  const signerName = Form.useWatch(['signer', 'name'], form);
  const hasSigner = Boolean(signerTitle?.trim() || signerName?.trim());
  return (
    <FormModal<DocumentValues>
      open={open}
      form={form}
      title={t('cases.actions.document')}
      okText={t('cases.actions.document')}
      initialValues={{ kind: kinds.at(-1) }}
      onCancel={onClose}
      onError={write.onError(form)}
      onSubmit={async (values) => {
        const signer = values.signer;
        const issued = await issueCaseDocument(kase.id, {
          kind: values.kind,
          date: toIsoDate(values.date),
          signer:
            signer?.title?.trim() && signer.name?.trim()
              ? {
                  authority: signer.authority?.trim() || undefined,
                  title: signer.title.trim(),
                  name: signer.name.trim(),
                }
              : undefined,
        });
        onIssued(issued);
        await write.afterWrite(t('cases.detail.issued', { number: issued.number }));
      }}
    >
      {kinds.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cases.actions.noDocumentKinds')}
        />
      )}
      <Form.Item
        name="kind"
        label={t('cases.actions.documentKind')}
        rules={[{ required: true, message: t('app.required') }]}
      >
        <Select
          options={kinds.map((value) => ({ value, label: labels.documentName(value) }))}
          data-testid="case-document-kind"
        />
      </Form.Item>
      <Form.Item
        name="date"
        label={t('cases.actions.documentDate')}
        extra={t('cases.actions.documentDateHelp')}
      >
        <DatePicker format={DATE_FORMAT} disabledDate={isFutureDate} style={{ width: '100%' }} />
      </Form.Item>
      <Typography.Text strong>{t('cases.actions.signer')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('cases.actions.signerHelp')}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name={['signer', 'authority']} label={t('cases.actions.signerAuthority')}>
            <Input maxLength={100} placeholder={t('cases.actions.signerAuthorityDefault')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name={['signer', 'title']}
            label={t('cases.actions.signerTitle')}
            rules={[{ required: hasSigner, whitespace: true, message: t('app.required') }]}
          >
            <Input maxLength={100} placeholder={t('cases.actions.signerTitleDefault')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name={['signer', 'name']}
            label={t('cases.actions.signerName')}
            rules={[{ required: hasSigner, whitespace: true, message: t('app.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

interface AttachValues {
  file: UploadFile[];
  identityBearing: boolean;
}

/** Đính kèm tệp: a scan sent as it is; identity-bearing scans are sealed like the identity. */
export function AttachModal({ kase, open, onClose }: CaseDialogProps) {
  const { t } = useTranslation();
  const write = useCaseWrite(kase.id);
  const [form] = Form.useForm<AttachValues>();
  return (
    <FormModal<AttachValues>
      open={open}
      form={form}
      title={t('cases.actions.attach')}
      okText={t('cases.actions.attach')}
      initialValues={{ file: [], identityBearing: kase.type === 'denunciation' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const file = values.file[0]?.originFileObj;
        if (!file) return;
        const attached = await uploadCaseAttachment(kase.id, file, values.identityBearing);
        await write.afterWrite(t('cases.actions.attached', { name: attached.name }));
      }}
    >
      <Form.Item
        name="file"
        label={t('cases.actions.attachFile')}
        valuePropName="fileList"
        getValueFromEvent={(event: { fileList?: UploadFile[] }) => event.fileList?.slice(-1) ?? []}
        rules={[
          { required: true, type: 'array', min: 1, message: t('cases.actions.attachRequired') },
        ]}
      >
        <Upload maxCount={1} accept=".pdf,.jpg,.jpeg,.png" beforeUpload={() => false}>
          <Button icon={<UploadOutlined />}>{t('cases.actions.attachChoose')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item name="identityBearing" valuePropName="checked">
        <Checkbox>{t('cases.actions.attachIdentity')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
