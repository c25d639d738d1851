import dayjs from 'dayjs';
import { Alert, DatePicker, Flex, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WorkingCalendar } from '../../api/case-rules-api';
import { caseRuleQueries } from '../../api/case-rules-api';
import { formatDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';

type CalendarDay = WorkingCalendar['days'][number];

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const KIND_COLOR: Record<CalendarDay['kind'], string> = { holiday: 'red', workday: 'blue' };

/** Years the server answers (CalendarQuerySchema). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The weekday of a `YYYY-MM-DD` date, whatever the browser's time zone. */
function weekdayOf(iso: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? 'sun';
}

/**
 * The "Lịch làm việc" tab: a year's days off and make-up working days as the clocks count them.
 * Read-only: the calendar is national data the operator edits with `hoi calendar set|remove`.
 */
export function WorkingCalendarTab({
  year,
  onYearChange,
}: {
  year: number;
  onYearChange: (year: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const calendar = useQuery(caseRuleQueries.calendar(year));
  const days = calendar.data?.days ?? [];
  const count = (kind: CalendarDay['kind']) => days.filter((day) => day.kind === kind).length;

  return (
    <Flex vertical gap={16} data-testid="working-calendar">
      <Alert
        type="info"
        showIcon
        title={t('caseRules.calendar.note', {
          set: 'hoi calendar set',
          remove: 'hoi calendar remove',
        })}
      />
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('caseRules.calendar.year')}:</Typography.Text>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          disabledDate={(value) => value.year() < FIRST_YEAR || value.year() > LAST_YEAR}
          onChange={(value) => {
            if (value) onYearChange(value.year());
          }}
          aria-label={t('caseRules.calendar.year')}
          data-testid="calendar-year"
        />
        {calendar.data && (
          <Typography.Text type="secondary" data-testid="calendar-summary">
            {t('caseRules.calendar.summary', {
              holidays: count('holiday'),
              workdays: count('workday'),
            })}
          </Typography.Text>
        )}
      </Flex>
      {calendar.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(calendar.error, i18n.language, t('errors.generic'))}
        />
      )}
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={calendar.isPending}
        dataSource={days}
        locale={{ emptyText: t('caseRules.calendar.empty') }}
        data-testid="calendar-days"
        columns={[
          {
            key: 'day',
            title: t('caseRules.calendar.day'),
            render: (_, day) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(day.day)}</span>,
          },
          {
            key: 'weekday',
            title: t('caseRules.calendar.weekday'),
            render: (_, day) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {t(`caseRules.calendar.weekdays.${weekdayOf(day.day)}`)}
              </span>
            ),
          },
          {
            key: 'kind',
            title: t('caseRules.calendar.kind'),
            render: (_, day) => (
              <Tag color={KIND_COLOR[day.kind]}>{t(`caseRules.calendar.kinds.${day.kind}`)}</Tag>
            ),
          },
          {
            key: 'name',
            title: t('caseRules.calendar.name'),
            render: (_, day) => day.name,
          },
          {
            key: 'source',
            title: t('caseRules.calendar.source'),
            render: (_, day) => (
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t(`caseRules.calendar.sources.${day.source}`)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
