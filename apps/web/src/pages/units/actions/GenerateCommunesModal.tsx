import type { Dayjs } from 'dayjs';
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { generateCommunes } from '../../../api/units-api';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { toIsoDate } from '../../../lib/format';
import { useFormRules } from '../../../lib/form-rules';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Values {
  provinceCode: string;
  codePrefix?: string;
  effectiveDate?: Dayjs;
}

/** POST /api/units/:id/generate-communes from the national administrative catalogue. */
export function GenerateCommunesModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();
  const provinceCode = /^\d{2}$/.test(unit.adminUnitCode ?? '') ? (unit.adminUnitCode ?? '') : '';

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={t('units.actions.generateCommunes')}
      initialValues={{ provinceCode, codePrefix: `${unit.code}-` }}
      fieldForCode={{ ADMIN_UNIT_UNKNOWN: 'provinceCode', DUPLICATE_CODE: 'codePrefix' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await generateCommunes(unit.id, {
          provinceCode: values.provinceCode.trim(),
          codePrefix: values.codePrefix?.trim() ?? '',
          effectiveDate: toIsoDate(values.effectiveDate),
        });
        await afterChange(t('units.actions.generated', result));
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('units.generate.help')} />
      <Form.Item
        name="provinceCode"
        label={t('units.generate.provinceCode')}
        rules={rules.provinceCode}
      >
        <Input maxLength={2} inputMode="numeric" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item
        name="codePrefix"
        label={t('units.generate.codePrefix')}
        rules={[
          { max: 20 },
          { pattern: /^[A-Za-z0-9._-]*$/, message: t('units.rules.codePattern') },
        ]}
      >
        <Input maxLength={20} />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
