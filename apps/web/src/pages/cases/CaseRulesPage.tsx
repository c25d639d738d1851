import { Card, Result, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/me-context';
import { RuleSetsTab } from './RuleSetsTab';
import { WorkingCalendarTab } from './WorkingCalendarTab';
import { useUrlParams } from '../../lib/use-url-params';

type RulesTab = 'sets' | 'calendar';

/** The year in ?year= when the server would answer it (2000–2100), else the current year. */
function yearOf(value: string | null): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear();
}

/**
 * /cases/rules: the deadline rule sets (national and the association's, effective-dated) and
 * the working-day calendar the clocks count with. The tab, the selected set and the year live
 * in the address (?tab=calendar&year=2026, ?set=VN-2019), so a link shows the same view.
 */
export function CaseRulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { searchParams, setParams } = useUrlParams();
  const tab: RulesTab = searchParams.get('tab') === 'calendar' ? 'calendar' : 'sets';


  if (!can('case.manage')) return <Result status="403" title={t('cases.forbidden')} />;

  return (
    <Card
      title={t('caseRules.title')}
      data-testid="case-rules-page"
      extra={<Link to="/cases">← {t('caseRules.back')}</Link>}
    >
      <Typography.Paragraph type="secondary">{t('caseRules.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key === 'sets' ? undefined : key })}
        items={[
          {
            key: 'sets',
            label: t('caseRules.tabs.sets'),
            children: (
              <RuleSetsTab
                selectedCode={searchParams.get('set') ?? undefined}
                onSelect={(code) => setParams({ set: code })}
              />
            ),
          },
          {
            key: 'calendar',
            label: t('caseRules.tabs.calendar'),
            children: (
              <WorkingCalendarTab
                year={yearOf(searchParams.get('year'))}
                onYearChange={(year) => setParams({ year: String(year) })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
