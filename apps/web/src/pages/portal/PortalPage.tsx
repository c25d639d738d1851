import { Button, Card, Col, Result, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchPortalMe } from '../../api/portal-api';
import { isApiError } from '../../api/client';
import { FullPageSpin } from '../../components/FullPageSpin';
import { errorText } from '../../lib/server-errors';
import { submitPortalCase } from '../../api/cases-api';
import { OnlineCaseForm } from '../cases/OnlineCaseForm';
import { ConsentsCard } from './ConsentsCard';
import { CorrectionCard } from './CorrectionCard';
import { MyDataRequestsCard } from './MyDataRequestsCard';
import { PortalDues } from './PortalDues';
import { PortalHistory } from './PortalHistory';
import { PortalProfileCard } from './PortalProfileCard';

/**
 * /portal: the member's own page inside the normal shell (members hold only self.read, so the
 * menu shows them little else). One column on phones, two from large screens up.
 */
export function PortalPage() {
  const { t, i18n } = useTranslation();
  const me = useQuery({ queryKey: ['portal', 'me'], queryFn: fetchPortalMe });

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error, 'NOT_A_MEMBER'))
      return <Result status="info" title={t('portal.title')} subTitle={t('portal.notAMember')} />;
    return (
      <Result
        status="warning"
        title={errorText(me.error, i18n.language, t('errors.generic'))}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }

  return (
    <Row gutter={[16, 16]} data-testid="portal-page">
      <Col xs={24} lg={12}>
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <PortalProfileCard me={me.data} />
          </Col>
          <Col span={24}>
            <PortalDues dues={me.data.dues} />
          </Col>
          <Col span={24}>
            <PortalHistory events={me.data.history} />
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={12}>
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <CorrectionCard me={me.data} />
          </Col>
          <Col span={24}>
            <ConsentsCard me={me.data} />
          </Col>
          <Col span={24}>
            <Card title={t('cases.online.portalTitle')} size="small">
              <OnlineCaseForm
                askSender={false}
                testId="portal-case"
                submit={(body) => submitPortalCase(body)}
              />
            </Card>
          </Col>
          <Col span={24}>
            <MyDataRequestsCard />
          </Col>
        </Row>
      </Col>
    </Row>
  );
}
