import { useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';
import { unitQueries } from '../api/unit-queries';
import { useDebounced } from '../lib/use-debounced';

interface UnitPickerBaseProps {
  /** Units to offer before the user types (and to label preset values). */
  initialUnits?: Unit[];
  excludeIds?: string[];
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

type UnitPickerProps = UnitPickerBaseProps &
  (
    | { multiple?: false; value?: string; onChange?: (value: string | undefined) => void }
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  );

/**
 * Pick one or several units by typing part of a name or code; the server searches within the
 * caller's scope and ignores diacritics. Works as a controlled antd Form field.
 */
export function UnitPicker(props: UnitPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim());
  const [known, setKnown] = useState<Map<string, Unit>>(
    () => new Map((props.initialUnits ?? []).map((unit) => [unit.id, unit])),
  );
  const roots = useQuery(unitQueries.children(undefined));
  const results = useQuery({ ...unitQueries.search(query), enabled: query.length > 0 });

  const offered =
    query.length > 0
      ? (results.data ?? [])
      : [...(props.initialUnits ?? []), ...(roots.data ?? [])];
  const selectedIds = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];

  const options = useMemo(() => {
    const excluded = new Set(props.excludeIds ?? []);
    const byId = new Map<string, Unit>();
    for (const id of selectedIds) {
      const unit = known.get(id);
      if (unit) byId.set(id, unit);
    }
    for (const unit of offered) if (!excluded.has(unit.id)) byId.set(unit.id, unit);
    return [...byId.values()].map((unit) => ({
      value: unit.id,
      label: `${unit.name} (${unit.code})`,
      unit,
    }));
  }, [offered, known, selectedIds, props.excludeIds]);

  const remember = (ids: string[]) => {
    const next = new Map(known);
    for (const option of options)
      if (ids.includes(option.value)) next.set(option.value, option.unit);
    setKnown(next);
  };

  const common = {
    id: props.id,
    'data-testid': props['data-testid'],
    disabled: props.disabled,
    placeholder: props.placeholder ?? t('picker.placeholder'),
    options,
    allowClear: true,
    style: { width: '100%' },
    loading: results.isFetching,
    notFoundContent: results.isFetching ? t('picker.searching') : t('units.noResults'),
    showSearch: { filterOption: false, onSearch: setSearch },
    optionRender: (option: { data: { unit: Unit } }) => (
      <span>
        {option.data.unit.name}{' '}
        <Typography.Text type="secondary">
          · {option.data.unit.code} · {option.data.unit.levelName}
        </Typography.Text>
      </span>
    ),
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<string[], (typeof options)[number]>
        {...common}
        mode="multiple"
        value={props.value}
        onChange={(ids) => {
          remember(ids);
          onChange?.(ids);
        }}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string | undefined, (typeof options)[number]>
      {...common}
      value={props.value}
      onChange={(id) => {
        if (id) remember([id]);
        setSearch('');
        onChange?.(id);
      }}
    />
  );
}
