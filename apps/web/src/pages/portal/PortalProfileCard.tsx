import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MEMBER_CATEGORY_NAMES, MEMBER_STATUS_NAMES, formatPartialDate } from '@hoi/contracts';
import type { CardFormat, PortalMe } from '../../api/portal-api';
import { downloadPortalCard, saveFile } from '../../api/portal-api';
import { toLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';

/** Who the member is in the registry, and their card as PDF or PNG. */
export function PortalProfileCard({ me }: { me: PortalMe }) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<CardFormat | null>(null);
  const { member } = me;
  const address = [
    member.person.address.detail,
    member.person.address.communeName,
    member.person.address.provinceName,
  ]
    .filter(Boolean)
    .join(', ');

  const download = async (format: CardFormat) => {
    setDownloading(format);
    try {
      saveFile(await downloadPortalCard(format));
      void message.success(t('portal.card.downloaded'));
    } catch (error) {
      void message.error(errorText(error, i18n.language, t('errors.generic')));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Card title={t('portal.profile.title')} data-testid="portal-profile">
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="portal-name">
        {member.fullName}
      </Typography.Title>
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        <Tag color={member.status === 'active' ? 'green' : 'default'}>
          {MEMBER_STATUS_NAMES[member.status][lang]}
        </Tag>
        {member.inTransit && <Tag color="gold">{t('portal.profile.inTransit')}</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'memberNumber',
            label: t('portal.profile.memberNumber'),
            children: <Typography.Text strong>{member.memberNumber}</Typography.Text>,
          },
          {
            key: 'association',
            label: t('portal.profile.association'),
            children: me.associationName,
          },
          { key: 'unit', label: t('portal.profile.unit'), children: member.unitName },
          {
            key: 'category',
            label: t('portal.profile.category'),
            children: MEMBER_CATEGORY_NAMES[member.category][lang],
          },
          {
            key: 'joinedOn',
            label: t('portal.profile.joinedOn'),
            children: formatDate(member.joinedOn) || '—',
          },
          {
            key: 'birthDate',
            label: t('portal.profile.birthDate'),
            children: formatPartialDate(member.birthDate) || '—',
          },
          { key: 'phone', label: t('portal.profile.phone'), children: member.person.phone ?? '—' },
          { key: 'email', label: t('portal.profile.email'), children: member.person.email ?? '—' },
          { key: 'address', label: t('portal.profile.address'), children: address || '—' },
          {
            key: 'duesPaidThrough',
            label: t('portal.profile.duesPaidThrough'),
            children: member.duesPaidThrough ?? '—',
          },
        ]}
      />
      <Typography.Title level={5}>{t('portal.card.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.card.hint')}</Typography.Paragraph>
      <Space wrap>
        <Button
          type="primary"
          icon={<FilePdfOutlined />}
          loading={downloading === 'pdf'}
          onClick={() => void download('pdf')}
          data-testid="card-pdf"
        >
          {t('portal.card.pdf')}
        </Button>
        <Button
          icon={<FileImageOutlined />}
          loading={downloading === 'png'}
          onClick={() => void download('png')}
          data-testid="card-png"
        >
          {t('portal.card.png')}
        </Button>
      </Space>
    </Card>
  );
}
