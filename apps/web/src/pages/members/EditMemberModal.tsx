import { useState } from 'react';
import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberCategory } from '@hoi/contracts';
import { NOTES_MAX } from '@hoi/contracts';
import { updateMember } from '../../api/members-api';
import { FormModal } from '../../components/FormModal';
import { IdWarningsConfirm } from './IdWarningsConfirm';
import { useMemberLabels } from './member-labels';
import { PersonFields } from './PersonFields';
import type { PersonFormValues } from './person-form';
import { checkTypedId, idWarningsOf, toPersonBody, toPersonFormValues } from './person-form';
import type { MemberDialogProps } from './use-member-write';
import { useMemberWrite } from './use-member-write';

interface Values {
  person: PersonFormValues;
  category: MemberCategory;
  notes?: string;
}

/** PATCH /api/members/:id with If-Match; ID warnings need the officer's confirmation. */
export function EditMemberModal({ member, open, onClose }: MemberDialogProps) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const [form] = Form.useForm<Values>();
  const write = useMemberWrite(member.id);
  const person = Form.useWatch('person', form) as Partial<PersonFormValues> | undefined;
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [isConfirmed, setConfirmed] = useState(false);
  const { address } = member.person;

  const close = () => {
    setWarnings(null);
    setConfirmed(false);
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={820}
      title={t('members.profile.editTitle', { name: member.fullName })}
      initialValues={{
        person: toPersonFormValues(member),
        category: member.category,
        notes: member.notes ?? '',
      }}
      onCancel={close}
      onError={(error) => {
        const idWarnings = idWarningsOf(error);
        if (idWarnings) {
          setWarnings(idWarnings);
          setConfirmed(false);
          return true;
        }
        return write.onStale(error);
      }}
      onSubmit={async (values) => {
        const updated = await updateMember(member.id, write.currentVersion(member), {
          person: toPersonBody(values.person),
          category: values.category,
          notes: values.notes?.trim() || null,
          acknowledgeWarnings: warnings !== null && isConfirmed,
        });
        setWarnings(null);
        setConfirmed(false);
        await write.afterWrite(t('members.profile.updated'), updated);
      }}
    >
      <PersonFields
        knownPlaces={{
          province:
            address.provinceCode && address.provinceName
              ? { code: address.provinceCode, name: address.provinceName }
              : undefined,
          commune:
            address.communeCode && address.communeName
              ? { code: address.communeCode, name: address.communeName }
              : undefined,
        }}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('members.field.category')}>
            <Select options={labels.categoryOptions} />
          </Form.Item>
        </Col>
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
    </FormModal>
  );
}
