import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { reportQueries } from '../../api/reports-api';
import { defaultPeriodKey, defaultTemplateId, yearOfPeriodKey } from './report-slots';

/** Today in `YYYY-MM-DD` (the browser's day; officers work in Vietnam time). */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/**
 * The template, year, period and unit a report screen shows, kept in the address
 * (?templateId=&year=&period=&unitId=) so a link or a reload shows the same thing. Missing
 * values take their defaults: the first active template, the year of the period (else this
 * year), the latest period ended by today (else the first), and the actor's top unit (left to
 * the server).
 */
export function useReportSelection() {
  const [searchParams, setSearchParams] = useSearchParams();
  const templates = useQuery(reportQueries.templates());
  const periodParam = searchParams.get('period') ?? undefined;
  const templateId =
    searchParams.get('templateId') ?? defaultTemplateId(templates.data ?? []) ?? undefined;
  const template = templates.data?.find((candidate) => candidate.id === templateId);
  const year = Number(searchParams.get('year')) || yearOfPeriodKey(periodParam) || dayjs().year();
  const periods = useQuery({
    ...reportQueries.periods(templateId ?? '', year),
    enabled: Boolean(templateId),
  });
  const period = periodParam ?? defaultPeriodKey(periods.data ?? [], todayIso());
  const periodInfo = periods.data?.find((candidate) => candidate.key === period);
  const unitId = searchParams.get('unitId') ?? undefined;

  /** Changes some parameters; `push` keeps the previous view in the history (drill-down). */
  const setParams = (changes: Record<string, string | undefined>, push = false) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearchParams(next, { replace: !push });
  };

  return {
    searchParams,
    setParams,
    templates,
    templateId,
    template,
    year,
    periods,
    period,
    periodInfo,
    unitId,
  };
}

export type ReportSelection = ReturnType<typeof useReportSelection>;
