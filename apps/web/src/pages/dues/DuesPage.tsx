import { Card, Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/me-context';
import { ArrearsTab } from './ArrearsTab';
import { CollectionTab } from './CollectionTab';
import { RatesTab } from './RatesTab';
import { useUrlParams } from '../../lib/use-url-params';

const TABS = ['collection', 'arrears', 'rates'] as const;
type DuesTab = (typeof TABS)[number];

function toTab(value: string | null): DuesTab {
  return TABS.find((tab) => tab === value) ?? 'collection';
}

/** /dues: collection sheet, arrears and rates; tab, unit and year are kept in the URL. */
export function DuesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { searchParams, setParams } = useUrlParams();
  const tab = toTab(searchParams.get('tab'));
  const unitId = searchParams.get('unitId') ?? undefined;
  const currentYear = new Date().getFullYear();
  const yearParam = Number(searchParams.get('year'));
  const year =
    Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : currentYear;


  if (!can('member.read')) return <Result status="403" title={t('errors.forbidden')} />;

  return (
    <Card title={t('dues.title')} data-testid="dues-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          {
            key: 'collection',
            label: t('dues.tabs.collection'),
            children: (
              <CollectionTab
                unitId={unitId}
                year={year}
                onUnitChange={(value) => setParams({ unitId: value })}
                onYearChange={(value) => setParams({ year: String(value) })}
                onGoToRates={() => setParams({ tab: 'rates' })}
              />
            ),
          },
          {
            key: 'arrears',
            label: t('dues.tabs.arrears'),
            children: (
              <ArrearsTab unitId={unitId} onUnitChange={(value) => setParams({ unitId: value })} />
            ),
          },
          {
            key: 'rates',
            label: t('dues.tabs.rates'),
            children: <RatesTab initialYear={year} />,
          },
        ]}
        destroyOnHidden
      />
    </Card>
  );
}
