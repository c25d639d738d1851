import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { MeContext, useMeQuery } from './me-context';
import { FullPageSpin } from '../components/FullPageSpin';
import { errorText } from '../lib/server-errors';

/** Renders its children for a signed-in user; otherwise sends the browser to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const meQuery = useMeQuery();

  if (meQuery.isPending) return <FullPageSpin />;
  if (meQuery.isError) {
    return (
      <Result
        status="warning"
        title={errorText(meQuery.error, i18n.language, t('errors.generic'))}
        extra={
          <Button type="primary" onClick={() => void meQuery.refetch()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  if (!meQuery.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <MeContext.Provider value={meQuery.data}>{children}</MeContext.Provider>;
}
