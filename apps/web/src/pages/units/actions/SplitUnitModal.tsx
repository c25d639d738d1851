import type { Dayjs } from 'dayjs';
import { Button, Card, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { splitUnit } from '../../../api/units-api';
import { unitQueries } from '../../../api/unit-queries';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { toIsoDate } from '../../../lib/format';
import { useFormRules } from '../../../lib/form-rules';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Part {
  code: string;
  name: string;
  childIds?: string[];
}

interface Values {
  parts: Part[];
  effectiveDate?: Dayjs;
}

/** POST /api/units/:id/split into two or more new units sharing out the children. */
export function SplitUnitModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();
  const children = useQuery({
    ...unitQueries.children(unit.id),
    enabled: open && unit.childCount > 0,
  });
  const childOptions = (children.data ?? []).map((child) => ({
    value: child.id,
    label: `${child.name} (${child.code})`,
  }));

  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={680}
      title={`${t('units.actions.split')}: ${unit.name}`}
      initialValues={{
        parts: [
          { code: '', name: '', childIds: [] },
          { code: '', name: '', childIds: [] },
        ],
      }}
      fieldForCode={{ SPLIT_INVALID: 'parts', UNIT_DATE_INVALID: 'effectiveDate' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await splitUnit(unit.id, {
          parts: values.parts.map((part) => ({
            code: part.code.trim(),
            name: part.name.trim(),
            childIds: part.childIds ?? [],
          })),
          effectiveDate: toIsoDate(values.effectiveDate),
        });
        await afterChange(t('units.actions.splitDone'));
      }}
    >
      <Form.List
        name="parts"
        rules={[
          {
            validator: async (_rule, parts: unknown) => {
              if (!Array.isArray(parts) || parts.length < 2)
                throw new Error(t('units.split.partsMin'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('units.split.part', { n: index + 1 })}
                extra={
                  fields.length > 2 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  ) : null
                }
              >
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('units.field.name')}
                  rules={rules.unitName}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'code']}
                  label={t('units.field.code')}
                  rules={rules.unitCode}
                >
                  <Input maxLength={50} />
                </Form.Item>
                {unit.childCount > 0 && (
                  <Form.Item name={[field.name, 'childIds']} label={t('units.split.childIds')}>
                    <Select
                      mode="multiple"
                      options={childOptions}
                      loading={children.isFetching}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                )}
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              disabled={fields.length >= 50}
              onClick={() => add({ code: '', name: '', childIds: [] })}
              style={{ marginBottom: 16 }}
            >
              {t('units.split.addPart')}
            </Button>
          </>
        )}
      </Form.List>
      <EffectiveDateField />
    </FormModal>
  );
}
