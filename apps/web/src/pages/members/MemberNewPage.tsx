import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MemberCategory } from '@hoi/contracts';
import { NOTES_MAX } from '@hoi/contracts';
import { memberQueries } from '../../api/member-queries';
import { createMember } from '../../api/members-api';
import { unitQueries } from '../../api/unit-queries';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { UnitPicker } from '../../components/UnitPicker';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';
import { IdWarningsConfirm } from './IdWarningsConfirm';
import { useMemberLabels } from './member-labels';
import { PersonFields } from './PersonFields';
import type { PersonFormValues } from './person-form';
import { applyMemberError, checkTypedId, idWarningsOf, toPersonBody } from './person-form';

interface AdmissionValues {
  person: PersonFormValues;
  unitId: string;
  category: MemberCategory;
  memberNumber?: string;
  appliedOn?: Dayjs;
  isAdmittedNow: boolean;
  admission?: { number: string; date: Dayjs; signer: string };
  notes?: string;
}

const MEMBER_NUMBER_PATTERN = /^[A-Za-z0-9./-]+$/;

/**
 * /members/new: the admission form. Without a decision the person is recorded as an applicant;
 * with one (number, date, signer) they are admitted at once. Saving opens the profile.
 */
export function MemberNewPage() {
  const { t, i18n } = useTranslation();
  const labels = useMemberLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const presetUnitId = params.get('unitId') ?? undefined;
  const presetUnit = useQuery({
    ...unitQueries.detail(presetUnitId ?? ''),
    enabled: Boolean(presetUnitId),
  });
  const [form] = Form.useForm<AdmissionValues>();
  const isAdmittedNow = Form.useWatch('isAdmittedNow', form) ?? false;
  const person = Form.useWatch('person', form) as Partial<PersonFormValues> | undefined;
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [isConfirmed, setConfirmed] = useState(false);
  const required = { required: true, whitespace: true, message: t('app.required') };

  const submit = async (values: AdmissionValues) => {
    setPending(true);
    setError(null);
    try {
      const member = await createMember({
        person: toPersonBody(values.person),
        unitId: values.unitId,
        category: values.category,
        memberNumber: values.memberNumber?.trim() || undefined,
        appliedOn: toIsoDate(values.appliedOn),
        admission:
          values.isAdmittedNow && values.admission
            ? {
                number: values.admission.number.trim(),
                date: toIsoDate(values.admission.date) ?? '',
                signer: values.admission.signer.trim(),
              }
            : undefined,
        notes: values.notes?.trim() || undefined,
        acknowledgeWarnings: warnings !== null && isConfirmed,
      });
      await queryClient.invalidateQueries({ queryKey: memberQueries.all });
      queryClient.setQueryData(memberQueries.detail(member.id).queryKey, member);
      void message.success(t('members.form.created', { name: member.fullName }));
      void navigate(`/members/${member.id}`);
    } catch (caught) {
      const idWarnings = idWarningsOf(caught);
      if (idWarnings) {
        if (warnings !== null && !isConfirmed)
          void message.warning(t('members.form.confirmWarningsRequired'));
        setWarnings(idWarnings);
        setConfirmed(false);
      } else {
        setError(caught);
        applyMemberError(form, caught, i18n.language);
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Card
      title={t('members.form.title')}
      extra={<Link to="/members">{t('members.backToList')}</Link>}
      data-testid="member-new"
    >
      <Form<AdmissionValues>
        form={form}
        name="member-new"
        layout="vertical"
        initialValues={{
          category: 'official',
          isAdmittedNow: false,
          unitId: presetUnitId,
        }}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('members.form.person')}
        </Typography.Title>
        <PersonFields />
        <Divider />
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('members.form.membership')}
        </Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitId"
              label={t('members.field.unit')}
              rules={[{ required: true, message: t('app.required') }]}
            >
              <UnitPicker initialUnits={presetUnit.data ? [presetUnit.data] : []} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('members.field.category')}>
              <Select options={labels.categoryOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="memberNumber"
              label={t('members.field.memberNumber')}
              extra={t('members.form.memberNumberHelp')}
              rules={[
                { max: 30, message: t('units.rules.codeMax', { max: 30 }) },
                { pattern: MEMBER_NUMBER_PATTERN, message: t('members.form.memberNumberPattern') },
              ]}
            >
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="appliedOn"
              label={t('members.field.appliedOn')}
              extra={t('members.form.appliedOnHelp')}
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
              name="isAdmittedNow"
              label={t('members.form.admitNow')}
              valuePropName="checked"
              extra={isAdmittedNow ? undefined : t('members.form.admitNowHelp')}
            >
              <Switch />
            </Form.Item>
          </Col>
          {isAdmittedNow && (
            <>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['admission', 'number']}
                  label={t('members.form.decisionNumber')}
                  rules={[required, { max: 50, message: t('units.rules.codeMax', { max: 50 }) }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['admission', 'date']}
                  label={t('members.form.decisionDate')}
                  dependencies={['appliedOn']}
                  rules={[
                    { required: true, message: t('app.required') },
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: Dayjs | undefined) => {
                        const appliedOn = getFieldValue('appliedOn') as Dayjs | undefined;
                        if (value && appliedOn && value.isBefore(appliedOn, 'day'))
                          throw new Error(t('members.form.decisionBeforeApplication'));
                      },
                    }),
                  ]}
                >
                  <DatePicker
                    format={DATE_FORMAT}
                    disabledDate={isFutureDate}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['admission', 'signer']}
                  label={t('members.form.decisionSigner')}
                  rules={[required, { max: 100, message: t('units.rules.nameMax', { max: 100 }) }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t('members.field.notes')}>
              <Input.TextArea maxLength={NOTES_MAX} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        {warnings !== null && (
          <IdWarningsConfirm
            warnings={warnings}
            idCheck={checkTypedId(person)}
            isConfirmed={isConfirmed}
            onConfirmChange={setConfirmed}
          />
        )}
        <ServerErrorAlert error={error} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={isPending}>
            {t('members.form.submit')}
          </Button>
          <Button onClick={() => void navigate('/members')}>{t('app.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
