import { useState } from 'react';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
  theme,
} from 'antd';
import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseChannel, CaseType, SealedRole } from '@hoi/contracts';
import { CASE_CHANNELS, CASE_TYPE_ROUNDS, CASE_TYPES, ROLES } from '@hoi/contracts';
import { caseQueries, createCase } from '../../api/cases-api';
import { unitQueries } from '../../api/unit-queries';
import { useCan, useMe } from '../../auth/me-context';
import { UnitPicker } from '../../components/UnitPicker';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';
import { applyServerError } from '../../lib/server-errors';
import { isComplaintType, useCaseLabels } from './case-labels';
import { CaseErrorAlert } from './CaseErrorAlert';
import type { PartyValues } from './CasePartyFields';
import { CasePartyFields, toParty } from './CasePartyFields';
import { ParentCasePicker } from './ParentCasePicker';
import { applySealedHits } from './use-case-write';

interface SealedValues extends PartyValues {
  role: SealedRole;
}

interface IntakeValues {
  unitId: string;
  type: CaseType;
  round: 1 | 2;
  parentCaseId?: string;
  channel: CaseChannel;
  receivedOn: Dayjs;
  subject: string;
  content?: string;
  accused?: string;
  remote: boolean;
  complainant?: PartyValues;
  anonymous: boolean;
  /** [0] is the denouncer, then protected relatives (same shape as the request). */
  sealedParties?: SealedValues[];
}

const RELATIVE_ROLES: SealedRole[] = ['spouse', 'parent', 'child'];

/** The unit to preset: ?unitId=, else the officer's only unit where they handle cases. */
function useDefaultUnitId(): string | undefined {
  const me = useMe();
  const [params] = useSearchParams();
  const fromUrl = params.get('unitId');
  if (fromUrl) return fromUrl;
  const units = [
    ...new Set(
      me.assignments
        .filter((assignment) => ROLES[assignment.role].permissions.includes('case.manage'))
        .map((assignment) => assignment.unitId),
    ),
  ];
  return units.length === 1 ? units[0] : undefined;
}

/**
 * /cases/new: recording a case. Complaints, petitions and disputes name their sender; a
 * denunciation puts the denouncer (and protected relatives) in a sealed section that is
 * encrypted on the server and never shown again in the file, unless the letter is anonymous
 * (then it is recorded as information, Art. 25).
 */
export function CaseNewPage() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const labels = useCaseLabels();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const defaultUnitId = useDefaultUnitId();
  const presetUnit = useQuery({
    ...unitQueries.detail(defaultUnitId ?? ''),
    enabled: Boolean(defaultUnitId),
  });
  const [form] = Form.useForm<IntakeValues>();
  const type = Form.useWatch('type', form) ?? 'complaint';
  const round = Form.useWatch('round', form) ?? 1;
  const isAnonymous = Form.useWatch('anonymous', form) ?? false;
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const isDenunciation = type === 'denunciation';
  const hasRounds = CASE_TYPE_ROUNDS[type].includes(2);
  const isSecondRound = hasRounds && round === 2;
  const required = { required: true, whitespace: true, message: t('app.required') };
  const requiredValue = { required: true, message: t('app.required') };

  if (!can('case.manage')) return <Result status="403" title={t('cases.forbidden')} />;

  const submit = async (values: IntakeValues) => {
    setPending(true);
    setError(null);
    try {
      const sealed =
        isDenunciation && !values.anonymous
          ? (values.sealedParties ?? []).flatMap((party, index) => {
              const person = toParty(party);
              return person ? [{ ...person, role: index === 0 ? 'denouncer' : party.role }] : [];
            })
          : [];
      const created = await createCase({
        unitId: values.unitId,
        type: values.type,
        round: isSecondRound ? 2 : 1,
        parentCaseId: isSecondRound ? values.parentCaseId : undefined,
        channel: values.channel,
        receivedOn: toIsoDate(values.receivedOn) ?? dayjs().format('YYYY-MM-DD'),
        subject: values.subject.trim(),
        content: values.content?.trim() || undefined,
        accused: values.accused?.trim() || undefined,
        remote: values.remote,
        complainant: isDenunciation ? undefined : (toParty(values.complainant) ?? undefined),
        anonymous: isDenunciation && values.anonymous,
        sealedParties: sealed,
      });
      queryClient.setQueryData(caseQueries.detail(created.id).queryKey, created);
      await queryClient.invalidateQueries({ queryKey: caseQueries.all });
      void message.success(t('cases.form.created', { number: created.number }));
      void navigate(`/cases/${created.id}`);
    } catch (caught) {
      setError(caught);
      applyServerError(form, caught, i18n.language, {
        CASE_DATE_IN_FUTURE: 'receivedOn',
        CASE_ROUND_INVALID: 'parentCaseId',
        CASE_SECOND_ROUND_TOO_EARLY: 'parentCaseId',
        UNIT_INACTIVE: 'unitId',
      });
      applySealedHits(form, caught, t);
    } finally {
      setPending(false);
    }
  };

  return (
    <Card
      title={t('cases.form.title')}
      extra={<Link to="/cases">{t('cases.form.backToInbox')}</Link>}
      data-testid="case-new"
    >
      <Typography.Paragraph type="secondary">{t('cases.form.intro')}</Typography.Paragraph>
      <Form<IntakeValues>
        form={form}
        name="case-new"
        layout="vertical"
        initialValues={{
          unitId: defaultUnitId,
          type: 'complaint',
          round: 1,
          channel: 'in_person',
          receivedOn: dayjs(),
          remote: false,
          anonymous: false,
          sealedParties: [{ role: 'denouncer' }],
        }}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('cases.form.general')}
        </Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('cases.form.unit')} rules={[requiredValue]}>
              <UnitPicker
                initialUnits={presetUnit.data ? [presetUnit.data] : []}
                data-testid="case-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('cases.form.type')} rules={[requiredValue]}>
              <Select
                options={CASE_TYPES.map((value) => ({ value, label: labels.typeName(value) }))}
                onChange={(value: CaseType) => {
                  if (!CASE_TYPE_ROUNDS[value].includes(2)) form.setFieldValue('round', 1);
                }}
                data-testid="case-type"
              />
            </Form.Item>
          </Col>
          {hasRounds && (
            <Col xs={24} md={12}>
              <Form.Item name="round" label={t('cases.form.round')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 1, label: t('cases.form.roundFirst') },
                    { value: 2, label: t('cases.form.roundSecond') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
          {isSecondRound && (
            <Col xs={24} md={12}>
              <Form.Item
                name="parentCaseId"
                label={t('cases.form.parentCase')}
                extra={t('cases.form.parentCaseHelp')}
                rules={[{ required: true, message: t('cases.form.parentCaseRequired') }]}
              >
                <ParentCasePicker type={type} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t('cases.form.channel')} rules={[requiredValue]}>
              <Radio.Group
                optionType="button"
                options={CASE_CHANNELS.map((value) => ({
                  value,
                  label: labels.channelName(value),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="receivedOn"
              label={t('cases.form.receivedOn')}
              extra={t('cases.form.receivedOnHelp')}
              rules={[requiredValue]}
            >
              <DatePicker
                format={DATE_FORMAT}
                disabledDate={isFutureDate}
                style={{ width: '100%' }}
                data-testid="case-received-on"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="subject"
              label={t('cases.form.subject')}
              extra={isDenunciation ? t('cases.form.contentSealedHelp') : undefined}
              rules={[required, { max: 300, message: t('cases.form.max', { max: 300 }) }]}
            >
              <Input maxLength={300} data-testid="case-subject" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="content"
              label={t('cases.form.content')}
              extra={isDenunciation ? t('cases.form.contentSealedHelp') : undefined}
              rules={[{ max: 20_000, message: t('cases.form.max', { max: 20_000 }) }]}
            >
              <Input.TextArea
                maxLength={20_000}
                autoSize={{ minRows: 3, maxRows: 12 }}
                data-testid="case-content"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="accused"
              label={t('cases.form.accused')}
              rules={[{ max: 300, message: t('cases.form.max', { max: 300 }) }]}
            >
              <Input maxLength={300} data-testid="case-accused" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="remote"
              valuePropName="checked"
              label=" "
              extra={t('cases.form.remoteHelp')}
            >
              <Checkbox>{t('cases.form.remote')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        {isDenunciation ? (
          <>
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox data-testid="case-anonymous">{t('cases.form.anonymous')}</Checkbox>
            </Form.Item>
            {isAnonymous ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('cases.form.anonymous')}
                description={t('cases.form.anonymousHint')}
                data-testid="case-anonymous-hint"
              />
            ) : (
              <div
                data-testid="case-sealed-section"
                style={{
                  border: `2px dashed ${token.colorError}`,
                  borderRadius: token.borderRadiusLG,
                  padding: 16,
                  marginBottom: 16,
                  background: token.colorErrorBg,
                }}
              >
                <Typography.Title level={5} style={{ marginTop: 0, color: token.colorErrorText }}>
                  <LockOutlined /> {t('cases.form.sealedTitle')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t('cases.form.sealedIntro')}
                </Typography.Paragraph>
                <Form.List name="sealedParties">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, index) =>
                        index === 0 ? (
                          <div key={field.key}>
                            <Typography.Text strong>{t('cases.form.denouncer')}</Typography.Text>
                            <div style={{ marginTop: 8 }}>
                              <CasePartyFields
                                prefix={[field.name]}
                                isNameRequired
                                testId="case-denouncer"
                              />
                            </div>
                          </div>
                        ) : (
                          <div key={field.key}>
                            <Divider style={{ margin: '8px 0 16px' }} />
                            <Flex justify="space-between" align="center" gap={8} wrap>
                              <Form.Item
                                name={[field.name, 'role']}
                                label={t('cases.form.relativeRole')}
                                rules={[requiredValue]}
                                style={{ minWidth: 200 }}
                              >
                                <Select
                                  options={RELATIVE_ROLES.map((role) => ({
                                    value: role,
                                    label: labels.roleName(role),
                                  }))}
                                />
                              </Form.Item>
                              <Button
                                danger
                                type="text"
                                icon={<DeleteOutlined />}
                                onClick={() => remove(field.name)}
                              >
                                {t('cases.form.removeRelative')}
                              </Button>
                            </Flex>
                            <CasePartyFields
                              prefix={[field.name]}
                              isNameRequired
                              testId={`case-relative-${index}`}
                            />
                          </div>
                        ),
                      )}
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                        {t('cases.form.relativesHelp')}
                      </Typography.Paragraph>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => add({ role: 'spouse' })}
                        disabled={fields.length >= 10}
                      >
                        {t('cases.form.addRelative')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </div>
            )}
          </>
        ) : (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('cases.form.complainant')}
            </Typography.Title>
            {!isComplaintType(type) && (
              <Typography.Paragraph type="secondary">
                {t('cases.form.complainantOptional')}
              </Typography.Paragraph>
            )}
            <CasePartyFields
              prefix={['complainant']}
              isNameRequired={isComplaintType(type)}
              testId="case-complainant"
            />
          </>
        )}
        <CaseErrorAlert error={error} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={isPending} data-testid="case-submit">
            {t('cases.form.submit')}
          </Button>
          <Button onClick={() => void navigate('/cases')}>{t('app.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
