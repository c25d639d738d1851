import { useState } from 'react';
import type { FormRule } from 'antd';
import { Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  PERSON_NAME_MAX,
  foldVietnamese,
  formatPartialDate,
  isLegacyCmnd,
  normalizeVnPhone,
  parseVnPartialDate,
} from '@hoi/contracts';
import { memberQueries } from '../../api/member-queries';
import { useDebounced } from '../../lib/use-debounced';
import { useMemberLabels } from './member-labels';
import type { PersonFormValues } from './person-form';
import { checkTypedId } from './person-form';

interface Place {
  code: string;
  name: string;
}

/** Names of the person's current province and commune, so the selects can label preset codes. */
export interface KnownPlaces {
  province?: Place;
  commune?: Place;
}

/** A rule that passes empty values and otherwise runs `isValid`. */
function validRule(isValid: (value: string) => boolean, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      if (!isValid(value)) throw new Error(message);
    },
  };
}

/**
 * The person's fields (name, birth date as known, gender, IDs, contact, address) under the form
 * name `person`, with live feedback: the parsed birth date, the normalized phone, and what the
 * 12-digit ID encodes (birth year, sex) compared with what was typed.
 */
export function PersonFields({ knownPlaces = {} }: { knownPlaces?: KnownPlaces }) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const form = Form.useFormInstance<{ person: PersonFormValues }>();
  const person = Form.useWatch('person', form) as Partial<PersonFormValues> | undefined;
  const idCheck = checkTypedId(person);
  const parsedBirth = person?.birthDate ? parseVnPartialDate(person.birthDate) : null;
  const normalizedPhone = person?.phone ? normalizeVnPhone(person.phone) : null;

  const idExtra = idCheck?.ok ? (
    <div data-testid="id-feedback">
      <Typography.Text type="success" style={{ fontSize: 13 }}>
        {t('members.form.idOk', {
          year: idCheck.birthYear,
          gender: labels.genderName(idCheck.gender),
        })}
      </Typography.Text>
      {idCheck.warnings.map((warning) => (
        <div key={warning}>
          <Typography.Text type="warning" style={{ fontSize: 13 }}>
            {t(`members.form.idWarning.${warning}`, {
              year: idCheck.birthYear,
              gender: labels.genderName(idCheck.gender),
            })}
          </Typography.Text>
        </div>
      ))}
    </div>
  ) : undefined;

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={['person', 'fullName']}
          label={t('members.field.fullName')}
          rules={[
            { required: true, whitespace: true, message: t('app.required') },
            { min: 2, max: PERSON_NAME_MAX, message: t('members.form.nameLength') },
          ]}
        >
          <Input maxLength={PERSON_NAME_MAX} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={14} md={6}>
        <Form.Item
          name={['person', 'birthDate']}
          label={t('members.field.birthDate')}
          tooltip={t('members.form.birthDateHelp')}
          extra={
            parsedBirth
              ? t('members.form.birthDateParsed', { date: formatPartialDate(parsedBirth) })
              : undefined
          }
          rules={[
            validRule(
              (value) => parseVnPartialDate(value) !== null,
              t('members.form.birthDateInvalid'),
            ),
          ]}
        >
          <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} />
        </Form.Item>
      </Col>
      <Col xs={10} md={6}>
        <Form.Item name={['person', 'gender']} label={t('members.field.gender')}>
          <Radio.Group options={labels.genderOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['person', 'idNumber']}
          label={t('members.field.idNumber')}
          extra={idExtra}
          rules={[
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value !== 'string' || value.trim() === '') return;
                const check = checkTypedId({ idNumber: value });
                if (check && !check.ok && check.error)
                  throw new Error(t(`members.form.idError.${check.error}`));
              },
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={12} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['person', 'legacyIdNumber']}
          label={t('members.field.legacyIdNumber')}
          rules={[validRule(isLegacyCmnd, t('members.form.legacyIdInvalid'))]}
        >
          <Input inputMode="numeric" maxLength={9} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['person', 'phone']}
          label={t('members.field.phone')}
          extra={
            normalizedPhone && normalizedPhone !== person?.phone?.trim()
              ? t('members.form.phoneNormalized', { phone: normalizedPhone })
              : undefined
          }
          rules={[
            validRule((value) => normalizeVnPhone(value) !== null, t('members.form.phoneInvalid')),
          ]}
        >
          <Input type="tel" inputMode="tel" maxLength={20} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['person', 'email']}
          label={t('members.field.email')}
          rules={[
            { type: 'email', message: t('members.form.emailInvalid') },
            { max: 200, message: t('members.form.emailInvalid') },
          ]}
        >
          <Input type="email" maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('members.field.address')}
        </Typography.Title>
      </Col>
      <AddressFields knownPlaces={knownPlaces} />
    </Row>
  );
}

/** Province (the 34 of 2025) and commune from the official list, then free-text details. */
function AddressFields({ knownPlaces }: { knownPlaces: KnownPlaces }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<{ person: PersonFormValues }>();
  const provinceCode = Form.useWatch(['person', 'address', 'provinceCode'], form) as
    string | undefined;
  const [communeSearch, setCommuneSearch] = useState('');
  const communeQuery = useDebounced(communeSearch.trim(), 300);
  const provinces = useQuery(memberQueries.provinces());
  const communes = useQuery({
    ...memberQueries.communes(provinceCode, communeQuery),
    enabled: Boolean(provinceCode),
  });

  const communeCode = Form.useWatch(['person', 'address', 'communeCode'], form) as
    string | undefined;
  // The saved place labels the field while it is still selected; search results do the rest.
  const withKnown = (items: Place[], known: Place | undefined, selected: string | undefined) => {
    const byCode = new Map(known && known.code === selected ? [[known.code, known.name]] : []);
    for (const item of items) byCode.set(item.code, item.name);
    return [...byCode].map(([value, label]) => ({ value, label }));
  };

  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'address', 'provinceCode']} label={t('members.field.province')}>
          <Select
            allowClear
            loading={provinces.isPending}
            placeholder={t('members.form.provincePlaceholder')}
            options={withKnown(provinces.data?.items ?? [], knownPlaces.province, provinceCode)}
            showSearch={{
              filterOption: (input, option) =>
                foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)),
            }}
            onChange={() => form.setFieldValue(['person', 'address', 'communeCode'], undefined)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'address', 'communeCode']} label={t('members.field.commune')}>
          <Select
            allowClear
            disabled={!provinceCode}
            loading={communes.isFetching}
            placeholder={
              provinceCode
                ? t('members.form.communePlaceholder')
                : t('members.form.chooseProvinceFirst')
            }
            options={withKnown(communes.data?.items ?? [], knownPlaces.commune, communeCode)}
            showSearch={{ filterOption: false, onSearch: setCommuneSearch }}
            onChange={() => setCommuneSearch('')}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'address', 'detail']} label={t('members.field.addressDetail')}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['person', 'address', 'legacyText']}
          label={t('members.field.legacyAddress')}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Col>
    </>
  );
}
