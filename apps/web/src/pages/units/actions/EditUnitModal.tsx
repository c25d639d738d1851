import type { Dayjs } from 'dayjs';
import { Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UpdateUnitBody } from '../../../api/units-api';
import { updateUnit } from '../../../api/units-api';
import { isApiError } from '../../../api/client';
import { unitQueries } from '../../../api/unit-queries';
import { EffectiveDateField } from '../../../components/EffectiveDateField';
import { FormModal } from '../../../components/FormModal';
import { toIsoDate } from '../../../lib/format';
import { useFormRules } from '../../../lib/form-rules';
import type { UnitActionProps } from './use-after-unit-change';
import { useAfterUnitChange } from './use-after-unit-change';

interface Values {
  name: string;
  code: string;
  adminUnitCode?: string;
  effectiveDate?: Dayjs;
}

/**
 * PATCH /api/units/:id with If-Match. On STALE_VERSION the dialog shows the server's message,
 * reloads the unit and puts the fresh values in the form so the user can redo the change.
 */
export function EditUnitModal({ unit, open, onClose }: UnitActionProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const afterChange = useAfterUnitChange();
  const queryClient = useQueryClient();

  const reloadAfterConflict = (error: unknown): boolean => {
    if (!isApiError(error, 'STALE_VERSION')) return false;
    void (async () => {
      await queryClient.invalidateQueries({ queryKey: unitQueries.all });
      const fresh = await queryClient.query({ ...unitQueries.detail(unit.id), staleTime: 0 });
      form.setFieldsValue({
        name: fresh.name,
        code: fresh.code,
        adminUnitCode: fresh.adminUnitCode ?? '',
      });
    })();
    return false;
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={`${t('units.actions.edit')}: ${unit.name}`}
      initialValues={{ name: unit.name, code: unit.code, adminUnitCode: unit.adminUnitCode ?? '' }}
      fieldForCode={{
        DUPLICATE_CODE: 'code',
        ADMIN_UNIT_UNKNOWN: 'adminUnitCode',
        UNIT_DATE_INVALID: 'effectiveDate',
      }}
      onCancel={onClose}
      onError={reloadAfterConflict}
      onSubmit={async (values) => {
        // The latest version from the cache: a reload after a conflict updates it.
        const current = queryClient.getQueryData(unitQueries.detail(unit.id).queryKey) ?? unit;
        const body: UpdateUnitBody = { effectiveDate: toIsoDate(values.effectiveDate) };
        if (values.name.trim() !== current.name) body.name = values.name.trim();
        if (values.code.trim() !== current.code) body.code = values.code.trim();
        const adminUnitCode = values.adminUnitCode?.trim() || null;
        if (adminUnitCode !== current.adminUnitCode) body.adminUnitCode = adminUnitCode;
        if (body.name === undefined && body.code === undefined && body.adminUnitCode === undefined)
          return;
        await updateUnit(unit.id, current.version, body);
        await afterChange(t('units.actions.updated'));
      }}
    >
      <Form.Item name="name" label={t('units.field.name')} rules={rules.unitName}>
        <Input maxLength={200} autoFocus data-testid="unit-name-input" />
      </Form.Item>
      <Form.Item name="code" label={t('units.field.code')} rules={rules.unitCode}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="adminUnitCode"
        label={`${t('units.field.adminUnitCode')} (${t('app.optional')})`}
      >
        <Input maxLength={10} inputMode="numeric" />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
