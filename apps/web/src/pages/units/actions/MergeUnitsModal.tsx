import type { Dayjs } from 'dayjs';
import { Form, Input, Radio } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';
import { mergeUnits } from '../../../api/units-api';
import { unitQueries } from '../../../api/unit-queries';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { UnitPicker } from '../../../components/UnitPicker';
import { toIsoDate } from '../../../lib/format';
import { useFormRules } from '../../../lib/form-rules';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Values {
  sourceIds: string[];
  targetKind: 'existing' | 'new';
  existingId?: string;
  code?: string;
  name?: string;
  parentId?: string;
  effectiveDate?: Dayjs;
}

/** POST /api/units/merge: several units into an existing one or into a new one. */
export function MergeUnitsModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();
  const navigate = useNavigate();
  const targetKind = Form.useWatch('targetKind', form) ?? 'existing';
  const parent = useQuery({
    ...unitQueries.detail(unit.parentId ?? ''),
    enabled: Boolean(unit.parentId),
  });
  const initialUnits: Unit[] = parent.data ? [unit, parent.data] : [unit];

  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={640}
      title={`${t('units.actions.merge')}: ${unit.name}`}
      initialValues={{
        sourceIds: [unit.id],
        targetKind: 'existing',
        parentId: unit.parentId ?? undefined,
      }}
      fieldForCode={{
        DUPLICATE_CODE: 'code',
        MERGE_INVALID: 'sourceIds',
        UNIT_DATE_INVALID: 'effectiveDate',
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const target =
          values.targetKind === 'existing'
            ? { existingId: values.existingId ?? '' }
            : {
                code: (values.code ?? '').trim(),
                name: (values.name ?? '').trim(),
                parentId: values.parentId ?? '',
              };
        const merged = await mergeUnits({
          sourceIds: values.sourceIds,
          target,
          effectiveDate: toIsoDate(values.effectiveDate),
        });
        await afterChange(t('units.actions.merged'));
        if (merged.id !== unit.id) void navigate(`/units/${merged.id}`);
      }}
    >
      <Form.Item
        name="sourceIds"
        label={t('units.merge.sources')}
        extra={t('units.merge.sourcesHelp')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              if (!Array.isArray(value) || value.length < 2)
                throw new Error(t('units.merge.sourcesMin'));
            },
          },
        ]}
      >
        <UnitPicker multiple initialUnits={[unit]} />
      </Form.Item>
      <Form.Item name="targetKind" label={t('units.merge.targetKind')}>
        <Radio.Group
          options={[
            { value: 'existing', label: t('units.merge.intoExisting') },
            { value: 'new', label: t('units.merge.intoNew') },
          ]}
        />
      </Form.Item>
      {targetKind === 'existing' ? (
        <Form.Item name="existingId" label={t('units.merge.target')} rules={[rules.requiredValue]}>
          <UnitPicker initialUnits={[unit]} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="name" label={t('units.field.name')} rules={rules.unitName}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="code" label={t('units.field.code')} rules={rules.unitCode}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="parentId"
            label={t('units.merge.newParent')}
            rules={[rules.requiredValue]}
          >
            <UnitPicker initialUnits={initialUnits} />
          </Form.Item>
        </>
      )}
      <EffectiveDateField />
    </FormModal>
  );
}
