import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

/** The frame of pages anyone may open without an account (invitation, card verification). */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #8e1212 0%, #b71c1c 35%, #f5f6f8 35%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 460 }} styles={{ body: { padding: 24 } }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Flex align="center" gap={10}>
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
          </Flex>
          <LanguageSwitch size="small" />
        </Flex>
        {children}
      </Card>
    </Flex>
  );
}
