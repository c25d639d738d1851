import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseListItem, CaseType } from '@hoi/contracts';
import { listCases } from '../../api/cases-api';
import { useDebounced } from '../../lib/use-debounced';
import { formatDate } from '../../lib/format';

/**
 * The first-round case of a second-round complaint: a search on /api/cases?q= (register number
 * or summary) among first-round cases of the same type. Works as a controlled Form field.
 */
export function ParentCasePicker({
  type,
  value,
  onChange,
  id,
}: {
  type: CaseType;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // The chosen case keeps its label when a later search no longer lists it.
  const [chosen, setChosen] = useState<CaseListItem | null>(null);
  const q = useDebounced(search.trim());
  const results = useQuery({
    queryKey: ['cases', 'parent-search', type, q],
    queryFn: () => listCases({ box: 'all', type, round: 1, q: q || undefined, limit: 20 }),
  });
  const found = results.data?.items ?? [];
  const listed = chosen && chosen.id === value && !found.some((item) => item.id === chosen.id);
  const options = (listed ? [chosen, ...found] : found).map((item) => ({
    value: item.id,
    label: `${item.number} — ${item.subject}`,
    item,
  }));
  return (
    <Select<string | undefined, (typeof options)[number]>
      id={id}
      value={value}
      allowClear
      placeholder={t('cases.form.parentCaseHelp')}
      options={options}
      loading={results.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={t('cases.empty')}
      onChange={(next) => {
        setChosen(options.find((option) => option.value === next)?.item ?? null);
        setSearch('');
        onChange?.(next);
      }}
      optionRender={(option) => (
        <span>
          {option.data.item.number}{' '}
          <Typography.Text type="secondary">
            · {option.data.item.subject} · {formatDate(option.data.item.receivedOn)}
          </Typography.Text>
        </span>
      )}
      data-testid="case-parent-picker"
    />
  );
}
