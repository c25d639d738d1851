import type { Dayjs } from 'dayjs';
import { Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createUnit } from '../../../api/units-api';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { toIsoDate } from '../../../lib/format';
import { useFormRules } from '../../../lib/form-rules';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Values {
  code: string;
  name: string;
  adminUnitCode?: string;
  effectiveDate?: Dayjs;
}

/** POST /api/units under this unit; opens the new unit afterwards. */
export function CreateUnitModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();
  const navigate = useNavigate();

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={`${t('units.actions.createChild')}: ${unit.name}`}
      fieldForCode={{
        DUPLICATE_CODE: 'code',
        ADMIN_UNIT_UNKNOWN: 'adminUnitCode',
        UNIT_DATE_INVALID: 'effectiveDate',
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const created = await createUnit({
          parentId: unit.id,
          code: values.code.trim(),
          name: values.name.trim(),
          adminUnitCode: values.adminUnitCode?.trim() || undefined,
          effectiveDate: toIsoDate(values.effectiveDate),
        });
        await afterChange(t('units.actions.created', { name: created.name }));
        void navigate(`/units/${created.id}`);
      }}
    >
      <Form.Item name="name" label={t('units.field.name')} rules={rules.unitName}>
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Form.Item name="code" label={t('units.field.code')} rules={rules.unitCode}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="adminUnitCode"
        label={`${t('units.field.adminUnitCode')} (${t('app.optional')})`}
        rules={[{ max: 10 }]}
      >
        <Input maxLength={10} inputMode="numeric" />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
