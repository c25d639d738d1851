import type { Dayjs } from 'dayjs';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { moveUnit } from '../../../api/units-api';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { UnitPicker } from '../../../components/UnitPicker';
import { toIsoDate } from '../../../lib/format';
import { useFormRules } from '../../../lib/form-rules';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Values {
  newParentId: string;
  effectiveDate?: Dayjs;
}

/** POST /api/units/:id/move under a parent picked by search. */
export function MoveUnitModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={`${t('units.actions.move')}: ${unit.name}`}
      fieldForCode={{
        UNIT_MOVE_CYCLE: 'newParentId',
        UNIT_LEVEL_INVALID: 'newParentId',
        UNIT_DATE_INVALID: 'effectiveDate',
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await moveUnit(unit.id, {
          newParentId: values.newParentId,
          effectiveDate: toIsoDate(values.effectiveDate),
        });
        await afterChange(t('units.actions.moved'));
      }}
    >
      <Form.Item
        name="newParentId"
        label={t('units.move.newParent')}
        rules={[
          rules.requiredValue,
          {
            validator: async (_rule, value: unknown) => {
              if (value === unit.parentId) throw new Error(t('units.move.sameParent'));
            },
          },
        ]}
      >
        <UnitPicker excludeIds={[unit.id]} />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
