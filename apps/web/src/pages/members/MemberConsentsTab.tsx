import { useState } from 'react';
import {
  Alert,
  Button,
  Flex,
  Form,
  Input,
  Radio,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsentPurpose } from '@hoi/contracts';
import { CONSENT_PURPOSES, CONSENT_PURPOSE_NAMES } from '@hoi/contracts';
import { memberQueries } from '../../api/member-queries';
import type { ConsentList } from '../../api/members-api';
import { saveConsents } from '../../api/members-api';
import { useCan } from '../../auth/me-context';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useMemberLabels } from './member-labels';
import { useMemberWrite } from './use-member-write';

type Consent = ConsentList['items'][number];
type Choice = 'unchanged' | 'granted' | 'withdrawn';

interface Values {
  choices: Partial<Record<ConsentPurpose, Choice>>;
  evidence?: string;
}

/** Each purpose with its answer; a purpose never asked has no row on the server ("chưa hỏi"). */
function withEveryPurpose(items: Consent[]): Consent[] {
  return CONSENT_PURPOSES.map(
    (purpose) =>
      items.find((item) => item.purpose === purpose) ?? {
        purpose,
        granted: null,
        recordedAt: null,
        source: null,
      },
  );
}

/** The purposes whose answer the officer set in the dialog. */
function changesOf(choices: Values['choices']): { purpose: ConsentPurpose; granted: boolean }[] {
  return CONSENT_PURPOSES.flatMap((purpose) => {
    const choice = choices[purpose];
    return choice === 'granted' || choice === 'withdrawn'
      ? [{ purpose, granted: choice === 'granted' }]
      : [];
  });
}

/**
 * The "Đồng ý" tab: one answer per purpose (granted, withdrawn, or not asked: silence is not
 * consent), and for officers a dialog to record answers given on paper, with the evidence.
 */
export function MemberConsentsTab({ memberId }: { memberId: string }) {
  const { t, i18n } = useTranslation();
  const { lang } = useMemberLabels();
  const can = useCan();
  const write = useMemberWrite(memberId);
  const consents = useQuery(memberQueries.consents(memberId));
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  if (consents.isPending) return <Skeleton active />;
  if (consents.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(consents.error, i18n.language, t('errors.generic'))}
      />
    );
  const rows = withEveryPurpose(consents.data.items);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('members.consents.intro')}</Typography.Text>
        {can('member.manage') && (
          <Button icon={<AuditOutlined />} onClick={() => setOpen(true)}>
            {t('members.consents.record')}
          </Button>
        )}
      </Flex>
      <Table<Consent>
        size="small"
        rowKey="purpose"
        pagination={false}
        dataSource={rows}
        data-testid="member-consents"
        columns={[
          {
            key: 'purpose',
            title: t('members.consents.purpose'),
            render: (_, consent) => CONSENT_PURPOSE_NAMES[consent.purpose][lang],
          },
          {
            key: 'state',
            title: t('members.consents.state'),
            width: 220,
            render: (_, consent) => (
              <Space orientation="vertical" size={0}>
                {consent.granted === null ? (
                  <Tag>{t('members.consents.notAsked')}</Tag>
                ) : consent.granted ? (
                  <Tag color="green">{t('members.consents.granted')}</Tag>
                ) : (
                  <Tag color="red">{t('members.consents.withdrawn')}</Tag>
                )}
                {consent.recordedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(consent.recordedAt)}
                    {consent.source ? ` · ${t(`members.consents.source.${consent.source}`)}` : ''}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<Values>
        open={isOpen}
        form={form}
        width={640}
        title={t('members.consents.recordTitle')}
        initialValues={{
          choices: Object.fromEntries(CONSENT_PURPOSES.map((purpose) => [purpose, 'unchanged'])),
        }}
        onCancel={() => setOpen(false)}
        onSubmit={async (values) => {
          const changes = changesOf(values.choices);
          await saveConsents(memberId, {
            consents: changes,
            evidence: values.evidence?.trim() || undefined,
          });
          await write.afterWrite(t('members.consents.saved'));
        }}
      >
        {CONSENT_PURPOSES.map((purpose) => (
          <Form.Item
            key={purpose}
            name={['choices', purpose]}
            label={CONSENT_PURPOSE_NAMES[purpose][lang]}
            style={{ marginBottom: 12 }}
          >
            <Radio.Group
              options={[
                { value: 'unchanged', label: t('members.consents.unchanged') },
                { value: 'granted', label: t('members.consents.granted') },
                { value: 'withdrawn', label: t('members.consents.withdrawn') },
              ]}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="evidence"
          label={t('members.consents.evidence')}
          dependencies={CONSENT_PURPOSES.map((purpose) => ['choices', purpose])}
          rules={[
            ({ getFieldValue }) => ({
              validator: async () => {
                const choices = getFieldValue('choices') as Values['choices'] | undefined;
                if (changesOf(choices ?? {}).length === 0)
                  throw new Error(t('members.consents.atLeastOne'));
              },
            }),
          ]}
        >
          <Input maxLength={300} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
