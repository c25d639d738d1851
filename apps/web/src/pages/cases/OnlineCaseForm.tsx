import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Result, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CASE_TYPE_NAMES, ONLINE_CASE_TYPES } from '@hoi/contracts';
import type { OnlineCaseBody, OnlineCaseReceipt } from '../../api/cases-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { formatDate } from '../../lib/format';

export interface OnlineCaseValues {
  type: (typeof ONLINE_CASE_TYPES)[number];
  subject: string;
  content: string;
  accused?: string;
  anonymous?: boolean;
  fullName?: string;
  phone?: string;
  address?: string;
  email?: string;
}

/**
 * The letter a person sends online (public form or member portal). With `askSender` the form asks
 * who is sending (or "anonymous"); the portal sends as the signed-in member. A denunciation's
 * sender is sealed on receipt: the page says so before sending.
 */
export function OnlineCaseForm({
  askSender,
  submit,
  testId,
}: {
  askSender: boolean;
  submit: (body: OnlineCaseBody, sender: OnlineCaseValues) => Promise<OnlineCaseReceipt>;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<OnlineCaseValues>();
  const [receipt, setReceipt] = useState<OnlineCaseReceipt | null>(null);
  const type = Form.useWatch('type', form);
  const anonymous = Form.useWatch('anonymous', form);
  const send = useMutation({
    mutationFn: (v: OnlineCaseValues) =>
      submit(
        {
          type: v.type,
          subject: v.subject.trim(),
          content: v.content.trim(),
          accused: v.accused?.trim() || null,
          anonymous: askSender ? Boolean(v.anonymous) : false,
        },
        v,
      ),
    onSuccess: (r) => {
      setReceipt(r);
      form.resetFields();
    },
  });
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  if (receipt)
    return (
      <Result
        status="success"
        title={t('cases.online.sent', { number: receipt.number })}
        subTitle={t('cases.online.sentHint', {
          unit: receipt.unitName,
          date: formatDate(receipt.receivedOn),
        })}
        data-testid={`${testId}-receipt`}
        extra={<Button onClick={() => setReceipt(null)}>{t('cases.online.another')}</Button>}
      />
    );
  return (
    <Form<OnlineCaseValues>
      form={form}
      layout="vertical"
      initialValues={{ type: 'petition', anonymous: false }}
      onFinish={(v) => send.mutate(v)}
      data-testid={testId}
    >
      <ServerErrorAlert error={send.error} />
      <Form.Item name="type" label={t('cases.online.type')} rules={[{ required: true }]}>
        <Select
          options={ONLINE_CASE_TYPES.map((k) => ({ value: k, label: CASE_TYPE_NAMES[k][lang] }))}
        />
      </Form.Item>
      {type === 'denunciation' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('cases.online.sealedNote')}
        />
      )}
      <Form.Item
        name="subject"
        label={t('cases.online.subject')}
        rules={[{ required: true, whitespace: true, max: 300 }]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('cases.online.content')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="accused" label={t('cases.online.accused')}>
        <Input maxLength={300} />
      </Form.Item>
      {askSender && (
        <>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>{t('cases.online.anonymous')}</Checkbox>
          </Form.Item>
          {anonymous ? (
            <Typography.Paragraph type="secondary">
              {t('cases.online.anonymousHint')}
            </Typography.Paragraph>
          ) : (
            <>
              <Form.Item
                name="fullName"
                label={t('cases.party.fullName')}
                rules={[{ required: true, whitespace: true, max: 200 }]}
              >
                <Input maxLength={200} autoComplete="name" />
              </Form.Item>
              <Form.Item name="phone" label={t('cases.party.phone')}>
                <Input maxLength={15} autoComplete="tel" />
              </Form.Item>
              <Form.Item name="address" label={t('cases.party.address')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="email" label={t('cases.party.email')}>
                <Input maxLength={200} autoComplete="email" />
              </Form.Item>
            </>
          )}
        </>
      )}
      <Button type="primary" htmlType="submit" loading={send.isPending} block>
        {t('cases.online.send')}
      </Button>
    </Form>
  );
}
