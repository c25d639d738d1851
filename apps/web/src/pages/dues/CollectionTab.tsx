import { useEffect, useMemo, useState } from 'react';
import type { Key, ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Grid,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EXEMPTION_REASON_NAMES } from '@hoi/contracts';
import type { DuesLine } from '../../api/dues-api';
import { createBulkPayment, fetchDuesCollection } from '../../api/dues-api';
import { isApiError } from '../../api/client';
import { useCan } from '../../auth/me-context';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { toLanguage } from '../../i18n/i18n';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';
import { ExemptionModal, PaymentModal } from './DuesLineModals';
import { useFormatVnd, useVndInputProps } from './money';
import { RateMissingAlert } from './RateMissingAlert';
import { UrlUnitPicker } from '../transfers/UrlUnitPicker';

interface SheetColumn {
  key: string;
  title: string;
  align?: 'right';
  render: (line: DuesLine) => ReactNode;
  total?: ReactNode;
}

/**
 * The collection sheet of a branch for a year: every member's due, paid, exemption and
 * outstanding with totals; officers tick who paid (amounts default to the outstanding sum) and
 * record them as one batch, or record a single payment or an exemption from a row.
 */
export function CollectionTab({
  unitId,
  year,
  onUnitChange,
  onYearChange,
  onGoToRates,
}: {
  unitId: string | undefined;
  year: number;
  onUnitChange: (unitId: string | undefined) => void;
  onYearChange: (year: number) => void;
  onGoToRates: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const can = useCan();
  const canManage = can('dues.manage');
  const formatVnd = useFormatVnd();
  const vnd = useVndInputProps();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [selected, setSelected] = useState<Key[]>([]);
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const [paidOn, setPaidOn] = useState<Dayjs | null>(() => dayjs());
  const [receiptNumber, setReceiptNumber] = useState('');
  const [isRecording, setRecording] = useState(false);
  const [recordError, setRecordError] = useState<unknown>(null);
  const [paying, setPaying] = useState<DuesLine | null>(null);
  const [exempting, setExempting] = useState<DuesLine | null>(null);

  const sheet = useQuery({
    queryKey: ['dues', 'collection', unitId ?? null, year],
    queryFn: () => fetchDuesCollection(unitId ?? '', year),
    enabled: Boolean(unitId),
  });
  const lines = useMemo(() => sheet.data?.lines ?? [], [sheet.data]);

  // A new sheet (another unit or year) starts with nothing ticked.
  useEffect(() => {
    setSelected([]);
    setAmounts({});
    setRecordError(null);
  }, [unitId, year]);

  const amountOf = (line: DuesLine) =>
    line.memberId in amounts ? amounts[line.memberId] : line.outstanding;
  const selectedLines = lines.filter((line) => selected.includes(line.memberId));
  const selectedTotal = selectedLines.reduce((sum, line) => sum + (amountOf(line) ?? 0), 0);
  const hasInvalidAmount = selectedLines.some((line) => !((amountOf(line) ?? 0) > 0));

  const reload = () => queryClient.invalidateQueries({ queryKey: ['dues'] });

  const recordSelected = async () => {
    if (!unitId || selectedLines.length === 0) return;
    setRecording(true);
    setRecordError(null);
    try {
      const result = await createBulkPayment({
        unitId,
        year,
        paidOn: toIsoDate(paidOn) ?? dayjs().format('YYYY-MM-DD'),
        receiptNumber: receiptNumber.trim() || undefined,
        entries: selectedLines.map((line) => ({
          memberId: line.memberId,
          amount: amountOf(line) ?? 0,
        })),
      });
      void message.success(
        t('dues.collection.recorded', { count: result.count, total: formatVnd(result.total) }),
      );
      setSelected([]);
      setAmounts({});
      setReceiptNumber('');
      await reload();
    } catch (error) {
      setRecordError(error);
    } finally {
      setRecording(false);
    }
  };

  // No rate at all for the year (the server refuses the sheet), or none for some members.
  const isRateMissing =
    isApiError(sheet.error, 'DUES_RATE_MISSING') || isApiError(recordError, 'DUES_RATE_MISSING');
  const isRatePartial = !isRateMissing && sheet.data?.rateFound === false;

  // Columns are chosen by screen width here (not antd's `responsive`) so the totals row under
  // them stays aligned on phones.
  const totals = sheet.data?.totals;
  const isPhone = !screens.sm;
  const amountInput = (line: DuesLine) => (
    <InputNumber
      {...vnd}
      size="small"
      value={amountOf(line) ?? undefined}
      status={(amountOf(line) ?? 0) > 0 ? undefined : ('error' as const)}
      aria-label={`${t('dues.amount')}: ${line.fullName}`}
      onChange={(value) =>
        setAmounts((current) => ({
          ...current,
          [line.memberId]: value === null || value === '' ? null : Number(value),
        }))
      }
      style={{ width: isPhone ? 140 : 130 }}
    />
  );
  const columns: SheetColumn[] = [
    {
      key: 'member',
      title: t('dues.member'),
      render: (line) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/members/${line.memberId}`}>{line.fullName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {line.memberNumber}
          </Typography.Text>
          {isPhone && (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('dues.paid')}: {formatVnd(line.paid)}
              <br />
              {line.exempt ? (
                <Tag color="blue">{EXEMPTION_REASON_NAMES[line.exempt][lang]}</Tag>
              ) : (
                <Typography.Text type={line.outstanding > 0 ? 'danger' : undefined}>
                  {t('dues.outstanding')}: {formatVnd(line.outstanding)}
                </Typography.Text>
              )}
            </Typography.Text>
          )}
          {isPhone && canManage && selected.includes(line.memberId) && amountInput(line)}
        </Space>
      ),
      total: (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t('dues.total')}</Typography.Text>
          {isPhone && totals && (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('dues.paid')}: {formatVnd(totals.paid)}
              <br />
              {t('dues.outstanding')}: {formatVnd(totals.outstanding)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(screens.xxl
      ? [{ key: 'unit', title: t('dues.unit'), render: (line: DuesLine) => line.unitName }]
      : []),
    ...(screens.md
      ? [
          {
            key: 'due',
            title: t('dues.due'),
            align: 'right' as const,
            render: (line: DuesLine) => formatVnd(line.due),
            total: totals ? formatVnd(totals.due) : null,
          },
        ]
      : []),
    ...(isPhone
      ? []
      : [
          {
            key: 'paid',
            title: t('dues.paid'),
            align: 'right' as const,
            render: (line: DuesLine) => formatVnd(line.paid),
            total: totals ? formatVnd(totals.paid) : null,
          },
        ]),
    ...(isPhone
      ? []
      : [
          {
            key: 'outstanding',
            title: t('dues.outstanding'),
            align: 'right' as const,
            // An exempt member owes nothing: the reason stands in for the amount.
            render: (line: DuesLine) =>
              line.exempt ? (
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {t('dues.exempt')}: {EXEMPTION_REASON_NAMES[line.exempt][lang]}
                </Tag>
              ) : (
                <Typography.Text type={line.outstanding > 0 ? 'danger' : undefined}>
                  {formatVnd(line.outstanding)}
                </Typography.Text>
              ),
            total: totals ? (
              <Space orientation="vertical" size={0} align="end">
                <Typography.Text strong>{formatVnd(totals.outstanding)}</Typography.Text>
                {totals.exempt > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dues.exemptCount', { count: totals.exempt })}
                  </Typography.Text>
                )}
              </Space>
            ) : null,
          },
        ]),
    ...(canManage
      ? [
          ...(isPhone
            ? []
            : [
                {
                  key: 'amount',
                  title: t('dues.amount'),
                  render: (line: DuesLine) =>
                    selected.includes(line.memberId) ? amountInput(line) : null,
                  total: selectedLines.length > 0 ? formatVnd(selectedTotal) : null,
                },
              ]),
          {
            key: 'actions',
            title: isPhone ? '' : t('dues.actions'),
            render: (line: DuesLine) => (
              <Space size={4} orientation={isPhone ? 'vertical' : 'horizontal'}>
                {line.outstanding > 0 && (
                  <Button size="small" onClick={() => setPaying(line)}>
                    {t('dues.collection.pay')}
                  </Button>
                )}
                {line.exempt === null && (
                  <Button size="small" onClick={() => setExempting(line)}>
                    {t('dues.collection.exempt')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 260px', maxWidth: 460 }}>
          <UrlUnitPicker
            value={unitId}
            placeholder={t('dues.collection.unitPlaceholder')}
            onChange={onUnitChange}
            data-testid="dues-unit"
          />
        </div>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          aria-label={t('dues.year')}
          onChange={(value: Dayjs | null) => {
            if (value) onYearChange(value.year());
          }}
          style={{ flex: '0 1 120px' }}
          data-testid="dues-year"
        />
      </Flex>
      {!unitId && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dues.collection.pickUnit')} />
      )}
      {unitId && (isRateMissing || isRatePartial) && (
        <RateMissingAlert year={year} isPartial={isRatePartial} onGoToRates={onGoToRates} />
      )}
      {unitId && sheet.isError && !isApiError(sheet.error, 'DUES_RATE_MISSING') && (
        <ServerErrorAlert error={sheet.error} />
      )}
      {unitId && !sheet.isError && (
        <>
          {canManage && lines.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('dues.collection.selectHint')}
            </Typography.Paragraph>
          )}
          <Table<DuesLine>
            rowKey="memberId"
            size="small"
            loading={sheet.isPending}
            dataSource={lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('dues.collection.empty') }}
            data-testid="dues-collection"
            rowSelection={
              canManage
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys),
                    getCheckboxProps: (line) => ({
                      disabled: line.outstanding <= 0,
                      'aria-label': line.fullName,
                    }),
                  }
                : undefined
            }
            columns={columns.map((column) => ({
              key: column.key,
              title: column.title,
              align: column.align,
              render: (_: unknown, line: DuesLine) => column.render(line),
            }))}
            summary={() =>
              lines.length > 0 ? (
                <Table.Summary.Row data-testid="dues-totals">
                  {canManage && <Table.Summary.Cell index={0} />}
                  {columns.map((column, index) => (
                    <Table.Summary.Cell
                      key={column.key}
                      index={index + (canManage ? 1 : 0)}
                      align={column.align}
                    >
                      {column.total}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
          {canManage && selectedLines.length > 0 && (
            <Card
              size="small"
              data-testid="dues-bulk"
              style={{
                marginTop: 16,
                position: 'sticky',
                bottom: 0,
                zIndex: 3,
                boxShadow: '0 -4px 12px rgba(0, 0, 0, 0.08)',
              }}
            >
              <ServerErrorAlert
                error={isApiError(recordError, 'DUES_RATE_MISSING') ? null : recordError}
              />
              <Typography.Paragraph strong>
                {t('dues.collection.selected', {
                  count: selectedLines.length,
                  total: formatVnd(selectedTotal),
                })}
              </Typography.Paragraph>
              <Flex gap={8} wrap align="center">
                <DatePicker
                  format={DATE_FORMAT}
                  disabledDate={isFutureDate}
                  value={paidOn}
                  allowClear={false}
                  onChange={setPaidOn}
                  aria-label={t('dues.paidOn')}
                  style={{ flex: '0 1 160px' }}
                />
                <Input
                  value={receiptNumber}
                  maxLength={50}
                  placeholder={t('dues.receiptNumber')}
                  title={t('dues.collection.receiptHelp')}
                  aria-label={t('dues.receiptNumber')}
                  onChange={(event) => setReceiptNumber(event.target.value)}
                  style={{ flex: '1 1 180px', maxWidth: 260 }}
                />
                <Button
                  type="primary"
                  loading={isRecording}
                  disabled={hasInvalidAmount || !paidOn}
                  onClick={() => void recordSelected()}
                  data-testid="dues-record"
                >
                  {t('dues.collection.record')}
                </Button>
              </Flex>
              {hasInvalidAmount && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginTop: 8 }}
                  title={t('dues.amountPositive')}
                />
              )}
            </Card>
          )}
        </>
      )}
      <PaymentModal
        line={paying}
        onClose={() => setPaying(null)}
        onDone={async (line) => {
          void message.success(t('dues.collection.paymentRecorded', { name: line.fullName }));
          setSelected((keys) => keys.filter((key) => key !== line.memberId));
          await reload();
        }}
      />
      <ExemptionModal
        line={exempting}
        onClose={() => setExempting(null)}
        onDone={async (line) => {
          void message.success(t('dues.collection.exemptionRecorded', { name: line.fullName }));
          setSelected((keys) => keys.filter((key) => key !== line.memberId));
          await reload();
        }}
      />
    </>
  );
}
