import { useQuery } from '@tanstack/react-query';
import { unitQueries } from '../../api/unit-queries';
import { UnitPicker } from '../../components/UnitPicker';

/**
 * A single-unit filter whose value may come from the address bar (?unitId=): it loads that
 * unit so the box shows its name rather than its id.
 */
export function UrlUnitPicker({
  value,
  onChange,
  placeholder,
  'data-testid': testId,
}: {
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
  placeholder?: string;
  'data-testid'?: string;
}) {
  const preset = useQuery({ ...unitQueries.detail(value ?? ''), enabled: Boolean(value) });
  return (
    <UnitPicker
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      initialUnits={preset.data ? [preset.data] : undefined}
      data-testid={testId}
    />
  );
}
