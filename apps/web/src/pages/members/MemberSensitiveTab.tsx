import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ETHNICITIES, NOTES_MAX, RELIGIONS, foldVietnamese } from '@hoi/contracts';
import { memberQueries } from '../../api/member-queries';
import { saveSensitiveData } from '../../api/members-api';
import { useCan } from '../../auth/me-context';
import { FormModal } from '../../components/FormModal';
import {
  DATE_FORMAT,
  formatDate,
  formatDateTime,
  fromIsoDate,
  isFutureDate,
  toIsoDate,
} from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useMemberWrite } from './use-member-write';

interface Values {
  ethnicityCode?: string;
  religionCode?: string;
  partyMember?: 'yes' | 'no';
  partyJoinedOn?: Dayjs;
  healthNotes?: string;
}

const toOptions = (catalogue: Readonly<Record<string, string>>) =>
  Object.entries(catalogue)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, label]) => ({ value, label }));
const ETHNICITY_OPTIONS = toOptions(ETHNICITIES);
const RELIGION_OPTIONS = toOptions(RELIGIONS);
const foldedFilter = (input: string, option?: { label: string }) =>
  foldVietnamese(option?.label ?? '').includes(foldVietnamese(input));

/**
 * The "Dữ liệu nhạy cảm" tab (member.sensitive.read). Every read is audited, so nothing loads
 * until the officer asks; saving shows the answer without reading again.
 */
export function MemberSensitiveTab({ memberId }: { memberId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const write = useMemberWrite(memberId);
  const [isRevealed, setRevealed] = useState(false);
  const [isEditOpen, setEditOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const sensitiveQuery = memberQueries.sensitive(memberId);
  const sensitive = useQuery({ ...sensitiveQuery, enabled: isRevealed });
  const isPartyMember = Form.useWatch('partyMember', form) === 'yes';
  const notRecorded = t('members.sensitive.notRecorded');

  if (!isRevealed)
    return (
      <Space orientation="vertical" size={12}>
        <Typography.Text type="secondary">{t('members.sensitive.intro')}</Typography.Text>
        <Button icon={<EyeOutlined />} onClick={() => setRevealed(true)}>
          {t('members.sensitive.reveal')}
        </Button>
      </Space>
    );
  if (sensitive.isPending) return <Skeleton active />;
  if (sensitive.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(sensitive.error, i18n.language, t('errors.generic'))}
      />
    );
  const data = sensitive.data;

  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid="member-sensitive"
    >
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('members.sensitive.intro')}</Typography.Text>
        {can('member.manage') && (
          <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
            {t('members.sensitive.edit')}
          </Button>
        )}
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'ethnicity',
            label: t('members.sensitive.ethnicity'),
            children: (data.ethnicityCode && ETHNICITIES[data.ethnicityCode]) || notRecorded,
          },
          {
            key: 'religion',
            label: t('members.sensitive.religion'),
            children: (data.religionCode && RELIGIONS[data.religionCode]) || notRecorded,
          },
          {
            key: 'partyMember',
            label: t('members.sensitive.partyMember'),
            children:
              data.partyMember === null
                ? notRecorded
                : data.partyMember
                  ? [t('app.yes'), formatDate(data.partyJoinedOn)].filter(Boolean).join(' · ')
                  : t('app.no'),
          },
          {
            key: 'healthNotes',
            label: t('members.sensitive.healthNotes'),
            children: (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                {data.healthNotes || notRecorded}
              </Typography.Text>
            ),
          },
          {
            key: 'updatedAt',
            label: t('members.sensitive.updatedAt'),
            children: formatDateTime(data.updatedAt) || '—',
          },
        ]}
      />
      <FormModal<Values>
        open={isEditOpen}
        form={form}
        title={t('members.sensitive.edit')}
        initialValues={{
          ethnicityCode: data.ethnicityCode ?? undefined,
          religionCode: data.religionCode ?? undefined,
          partyMember: data.partyMember === null ? undefined : data.partyMember ? 'yes' : 'no',
          partyJoinedOn: fromIsoDate(data.partyJoinedOn),
          healthNotes: data.healthNotes ?? '',
        }}
        onCancel={() => setEditOpen(false)}
        onSubmit={async (values) => {
          const party = values.partyMember === undefined ? null : values.partyMember === 'yes';
          const saved = await saveSensitiveData(memberId, {
            ethnicityCode: values.ethnicityCode ?? null,
            religionCode: values.religionCode ?? null,
            partyMember: party,
            partyJoinedOn: party ? (toIsoDate(values.partyJoinedOn) ?? null) : null,
            healthNotes: values.healthNotes?.trim() || null,
          });
          queryClient.setQueryData(sensitiveQuery.queryKey, saved);
          await write.afterWrite(t('members.sensitive.saved'));
        }}
      >
        <Form.Item name="ethnicityCode" label={t('members.sensitive.ethnicity')}>
          <Select
            allowClear
            options={ETHNICITY_OPTIONS}
            showSearch={{ filterOption: foldedFilter }}
          />
        </Form.Item>
        <Form.Item name="religionCode" label={t('members.sensitive.religion')}>
          <Select
            allowClear
            options={RELIGION_OPTIONS}
            showSearch={{ filterOption: foldedFilter }}
          />
        </Form.Item>
        <Form.Item name="partyMember" label={t('members.sensitive.partyMember')}>
          <Select
            allowClear
            placeholder={notRecorded}
            options={[
              { value: 'yes', label: t('app.yes') },
              { value: 'no', label: t('app.no') },
            ]}
          />
        </Form.Item>
        {isPartyMember && (
          <Form.Item name="partyJoinedOn" label={t('members.sensitive.partyJoinedOn')}>
            <DatePicker
              format={DATE_FORMAT}
              disabledDate={isFutureDate}
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
        <Form.Item name="healthNotes" label={t('members.sensitive.healthNotes')}>
          <Input.TextArea maxLength={NOTES_MAX} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
