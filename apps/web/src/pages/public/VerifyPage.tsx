import { Alert, Button, Descriptions, Flex, Result, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { fetchCardVerification } from '../../api/portal-api';
import { ApiError } from '../../api/client';
import { errorText } from '../../lib/server-errors';
import { PublicShell } from './PublicShell';

/**
 * /verify/:token (public): what the QR code on a member card leads to. Shows only the name,
 * association, unit and status (in Vietnamese and English), or that no such card exists.
 */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const card = useQuery({
    queryKey: ['verify', token],
    queryFn: () => fetchCardVerification(token),
    retry: false,
  });
  // 404 (unknown token), 400 (malformed) and 410 all mean the same to whoever scanned the card.
  const isNotFound =
    card.error instanceof ApiError && card.error.status >= 400 && card.error.status < 500;

  const body = () => {
    if (card.isPending)
      return (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      );
    if (isNotFound)
      return (
        <Result
          status="error"
          title={t('portal.verify.notFound')}
          subTitle={t('portal.verify.notFoundHint')}
          data-testid="verify-not-found"
        />
      );
    if (card.isError)
      return (
        <Alert
          type="error"
          showIcon
          title={errorText(card.error, i18n.language, t('errors.generic'))}
          action={
            <Button size="small" onClick={() => void card.refetch()}>
              {t('app.retry')}
            </Button>
          }
        />
      );
    const info = card.data;
    const isActive = info.status === 'active';
    return (
      <div data-testid="verify-result">
        <Alert
          type={isActive ? 'success' : 'warning'}
          showIcon
          icon={isActive ? <CheckCircleFilled /> : <WarningFilled />}
          style={{ marginBottom: 16 }}
          title={isActive ? t('portal.verify.valid') : t('portal.verify.notActive')}
        />
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'fullName',
              label: t('portal.verify.fullName'),
              children: <Typography.Text strong>{info.fullName}</Typography.Text>,
            },
            {
              key: 'association',
              label: t('portal.verify.association'),
              children: info.associationName,
            },
            { key: 'unit', label: t('portal.verify.unit'), children: info.unitName },
            {
              key: 'status',
              label: t('portal.verify.status'),
              children: (
                <Tag color={isActive ? 'green' : 'orange'} data-testid="verify-status">
                  {info.statusName.vi} / {info.statusName.en}
                </Tag>
              ),
            },
          ]}
        />
      </div>
    );
  };

  return (
    <PublicShell>
      <Typography.Title level={4} style={{ marginTop: 16, marginBottom: 0 }}>
        {t('portal.verify.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.verify.titleEn')}</Typography.Paragraph>
      {body()}
    </PublicShell>
  );
}
