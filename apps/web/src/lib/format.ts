import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';

/** The display format for dates in both languages (Vietnamese convention). */
export const DATE_FORMAT = 'DD/MM/YYYY';

/** `2025-07-01` → `01/07/2025`; null/undefined → empty string. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant shown in Vietnam time as `dd/mm/yyyy HH:mm:ss`. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = Object.fromEntries(
    dateTimeFormat.formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** An instant shown in Vietnam time as `dd/mm/yyyy HH:mm`. */
export function formatDateTimeMinutes(instant: string | null | undefined): string {
  const full = formatDateTime(instant);
  return /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/.test(full) ? full.slice(0, 16) : full;
}

/** Numbers grouped the language's way: vi `1.234.567`, en `1,234,567`. */
export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN').format(value);
}

/** A DatePicker value → `YYYY-MM-DD`, or undefined when empty. */
export function toIsoDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

/** `YYYY-MM-DD` → a Dayjs for a DatePicker. */
export function fromIsoDate(iso: string | null | undefined): Dayjs | undefined {
  return iso ? dayjs(iso, 'YYYY-MM-DD') : undefined;
}

/** DatePicker `disabledDate` for effective dates, which the server refuses in the future. */
export function isFutureDate(value: Dayjs): boolean {
  return value.isAfter(dayjs(), 'day');
}
