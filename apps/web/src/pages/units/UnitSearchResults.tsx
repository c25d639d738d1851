import { Alert, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitQueries } from '../../api/unit-queries';
import { ItemList } from '../../components/ItemList';
import { errorText } from '../../lib/server-errors';
import { UnitTitle } from './UnitTitle';

/** Units matching the search box (the server ignores diacritics: "ha noi" finds "Hà Nội"). */
export function UnitSearchResults({
  q,
  selectedId,
  onSelect,
}: {
  q: string;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const results = useQuery(unitQueries.search(q));
  if (results.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (results.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(results.error, i18n.language, t('errors.generic'))}
      />
    );
  }
  return (
    <ItemList
      data-testid="unit-search-results"
      header={<Typography.Text strong>{t('units.searchResults')}</Typography.Text>}
      emptyText={t('units.noResults')}
      items={results.data}
      itemKey={(unit) => unit.id}
      title={(unit) => <UnitTitle unit={unit} />}
      description={(unit) => unit.levelName}
      onItemClick={(unit) => onSelect(unit.id)}
      isItemActive={(unit) => unit.id === selectedId}
    />
  );
}
