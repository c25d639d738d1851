import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';

/** A tree/list label: name, code, and a status tag when the unit is no longer active. */
export function UnitTitle({
  unit,
}: {
  unit: Pick<Unit, 'name' | 'code'> & { status?: Unit['status'] };
}) {
  const { t } = useTranslation();
  return (
    <span data-unit-code={unit.code}>
      <span>{unit.name}</span>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {unit.code}
      </Typography.Text>
      {unit.status && unit.status !== 'active' && (
        <Tag style={{ marginInlineStart: 6 }}>{t(`units.status.${unit.status}`)}</Tag>
      )}
    </span>
  );
}
