import type { Dayjs } from 'dayjs';
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { dissolveUnit } from '../../../api/units-api';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { toIsoDate } from '../../../lib/format';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Values {
  reason?: string;
  effectiveDate?: Dayjs;
}

/** POST /api/units/:id/dissolve. */
export function DissolveUnitModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();

  return (
    <FormModal<Values>
      open={open}
      form={form}
      isDanger
      title={`${t('units.actions.dissolve')}: ${unit.name}`}
      okText={t('units.actions.dissolve')}
      fieldForCode={{ UNIT_DATE_INVALID: 'effectiveDate' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await dissolveUnit(unit.id, {
          reason: values.reason?.trim() || undefined,
          effectiveDate: toIsoDate(values.effectiveDate),
        });
        await afterChange(t('units.actions.dissolved'));
      }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('units.dissolve.warning', { name: unit.name })}
      />
      <Form.Item
        name="reason"
        label={`${t('units.field.reason')} (${t('app.optional')})`}
        rules={[{ max: 1000 }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
