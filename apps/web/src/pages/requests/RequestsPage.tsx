import { Card, Result, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/me-context';
import { ChangeRequestsTab } from './ChangeRequestsTab';
import { DataRequestsTab } from './DataRequestsTab';

/** /requests: the officers' queues of member correction requests and personal-data requests. */
export function RequestsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'data' ? 'data' : 'changes';
  const unitId = searchParams.get('unitId') ?? undefined;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };

  if (!can('member.manage')) return <Result status="403" title={t('errors.forbidden')} />;

  return (
    <Card title={t('portal.requests.title')} data-testid="requests-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key)}
        destroyOnHidden
        items={[
          {
            key: 'changes',
            label: t('portal.requests.tabs.changes'),
            children: (
              <ChangeRequestsTab
                unitId={unitId}
                onUnitChange={(value) => setParam('unitId', value)}
              />
            ),
          },
          {
            key: 'data',
            label: t('portal.requests.tabs.data'),
            children: (
              <DataRequestsTab
                unitId={unitId}
                onUnitChange={(value) => setParam('unitId', value)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
