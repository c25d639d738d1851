import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, InputNumber, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MemberCategory } from '@hoi/contracts';
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_NAMES } from '@hoi/contracts';
import type { DuesRate } from '../../api/dues-api';
import { createDuesRate, listDuesRates } from '../../api/dues-api';
import { useCan } from '../../auth/me-context';
import { FormModal } from '../../components/FormModal';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { UnitPicker } from '../../components/UnitPicker';
import { toLanguage } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format';
import { useFormRules } from '../../lib/form-rules';
import { useFormatVnd, useVndInputProps } from './money';

interface RateValues {
  unitId: string;
  year: number;
  category?: MemberCategory | null;
  amount: number | string;
}

/** Dues rates (newest year first) and, with dues.manage, a dialog to set one. */
export function RatesTab({ initialYear }: { initialYear: number }) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const can = useCan();
  const rules = useFormRules();
  const vnd = useVndInputProps();
  const formatVnd = useFormatVnd();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<RateValues>();
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();

  const rates = useQuery({
    queryKey: ['dues', 'rates', unitId ?? null, year ?? null],
    queryFn: () => listDuesRates({ unitId, year }),
  });
  const items = [...(rates.data?.items ?? [])].sort(
    (a, b) => b.year - a.year || a.unitName.localeCompare(b.unitName, 'vi'),
  );
  const categoryName = (category: MemberCategory | null) =>
    category ? MEMBER_CATEGORY_NAMES[category][lang] : t('dues.anyCategory');

  return (
    <>
      <Typography.Paragraph type="secondary">{t('dues.rates.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 240px', maxWidth: 420 }}>
          <UnitPicker value={unitId} placeholder={t('dues.unit')} onChange={setUnitId} />
        </div>
        <DatePicker
          picker="year"
          value={year ? dayjs(`${year}-01-01`) : null}
          placeholder={t('dues.rates.anyYear')}
          aria-label={t('dues.year')}
          onChange={(value: Dayjs | null) => setYear(value ? value.year() : undefined)}
          style={{ flex: '0 1 140px' }}
        />
        {can('dues.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreateOpen(true)}
            style={{ marginInlineStart: 'auto' }}
          >
            {t('dues.rates.create')}
          </Button>
        )}
      </Flex>
      <ServerErrorAlert error={rates.error} />
      <Table<DuesRate>
        rowKey="id"
        size="small"
        loading={rates.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dues.rates.empty') }}
        data-testid="rates-table"
        columns={[
          { key: 'year', title: t('dues.year'), dataIndex: 'year' },
          { key: 'unit', title: t('dues.unit'), render: (_, rate) => rate.unitName },
          {
            key: 'category',
            title: t('dues.category'),
            responsive: ['sm'],
            render: (_, rate) => categoryName(rate.category),
          },
          {
            key: 'amount',
            title: t('dues.amount'),
            align: 'right',
            render: (_, rate) => formatVnd(rate.amount),
          },
          {
            key: 'createdAt',
            title: t('dues.rates.createdAt'),
            responsive: ['md'],
            render: (_, rate) => formatDateTime(rate.createdAt),
          },
        ]}
      />
      <FormModal<RateValues>
        open={isCreateOpen}
        title={t('dues.rates.create')}
        form={form}
        initialValues={{ year: initialYear, unitId }}
        onCancel={() => setCreateOpen(false)}
        onSubmit={async (values) => {
          await createDuesRate({
            unitId: values.unitId,
            year: values.year,
            category: values.category ?? null,
            amount: Number(values.amount),
          });
          void message.success(t('dues.rates.created'));
          await queryClient.invalidateQueries({ queryKey: ['dues'] });
        }}
      >
        <Form.Item
          name="unitId"
          label={t('dues.unit')}
          extra={t('dues.rates.unitHelp')}
          rules={[rules.requiredValue]}
        >
          <UnitPicker />
        </Form.Item>
        <Form.Item name="year" label={t('dues.year')} rules={[rules.requiredValue]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="category" label={t('dues.category')} extra={t('dues.rates.categoryHelp')}>
          <Select
            allowClear
            placeholder={t('dues.anyCategory')}
            options={MEMBER_CATEGORIES.map((category) => ({
              value: category,
              label: MEMBER_CATEGORY_NAMES[category][lang],
            }))}
          />
        </Form.Item>
        <Form.Item name="amount" label={t('dues.amount')} rules={[rules.requiredValue]}>
          <InputNumber {...vnd} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
