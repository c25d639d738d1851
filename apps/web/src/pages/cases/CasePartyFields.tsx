import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PartySchema } from '@hoi/contracts';
import { zodRule } from '../../lib/form-rules';

/** A person as the intake form holds them (empty strings are left out of the request). */
export interface PartyValues {
  fullName?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  email?: string;
}

/** `{ fullName, … }` with empty values dropped, or null without a name. */
export function toParty(values: PartyValues | undefined) {
  const clean = (value: string | undefined) => value?.trim() || undefined;
  const fullName = clean(values?.fullName);
  if (!values || !fullName) return null;
  return {
    fullName,
    idNumber: clean(values.idNumber),
    phone: clean(values.phone),
    address: clean(values.address),
    email: clean(values.email),
  };
}

/**
 * Name, ID number, phone, address and e-mail of a person at `prefix` in the form (the same
 * shape as the request, so the server's field errors land on these inputs).
 */
export function CasePartyFields({
  prefix,
  isNameRequired,
  testId,
}: {
  prefix: (string | number)[];
  isNameRequired: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...prefix, 'fullName']}
          label={t('cases.party.fullName')}
          rules={[
            { required: isNameRequired, whitespace: true, message: t('app.required') },
            { max: 200, message: t('cases.form.max', { max: 200 }) },
          ]}
        >
          <Input maxLength={200} autoComplete="off" data-testid={`${testId}-name`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...prefix, 'idNumber']}
          label={t('cases.party.idNumber')}
          rules={[zodRule(PartySchema.shape.idNumber, t('cases.party.idNumberPattern'))]}
        >
          <Input maxLength={12} inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...prefix, 'phone']}
          label={t('cases.party.phone')}
          rules={[zodRule(PartySchema.shape.phone, t('cases.party.phonePattern'))]}
        >
          <Input
            maxLength={20}
            inputMode="tel"
            autoComplete="off"
            data-testid={`${testId}-phone`}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...prefix, 'email']}
          label={t('cases.party.email')}
          rules={[zodRule(PartySchema.shape.email, t('cases.party.emailInvalid'))]}
        >
          <Input maxLength={200} inputMode="email" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name={[...prefix, 'address']}
          label={t('cases.party.address')}
          rules={[{ max: 500, message: t('cases.form.max', { max: 500 }) }]}
        >
          <Input maxLength={500} autoComplete="off" data-testid={`${testId}-address`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
