import { useTranslation } from 'react-i18next';
import type { Indicator, PeriodType, ReportStatus, TaskArea, Timeliness } from '@hoi/contracts';
import {
  PERIOD_TYPE_NAMES,
  REPORT_STATUS_NAMES,
  TASK_AREA_NAMES,
  TASK_AREAS,
} from '@hoi/contracts';
import { useMe } from '../../auth/me-context';
import { reportsVi } from '../../i18n/reports.vi';
import { toLanguage } from '../../i18n/i18n';
import { formatIndicatorValue } from './report-slots';
import type { SlotCategory } from './report-slots';

export const REPORT_STATUS_COLOR: Record<ReportStatus, string> = {
  missing: 'default',
  draft: 'blue',
  submitted: 'cyan',
  returned: 'volcano',
  approved: 'green',
  accepted: 'geekblue',
  locked: 'purple',
};

export const TIMELINESS_COLOR: Record<Timeliness, string> = {
  on_time: 'green',
  late: 'orange',
  pending: 'default',
  overdue: 'red',
};

/** Heat-map cell backgrounds (antd's palette, step 2) and borders (step 6) by timeliness. */
export const TIMELINESS_CELL: Record<Timeliness, { background: string; border: string }> = {
  on_time: { background: '#d9f7be', border: '#52c41a' },
  late: { background: '#ffe7ba', border: '#fa8c16' },
  pending: { background: '#f5f5f5', border: '#d9d9d9' },
  overdue: { background: '#ffccc7', border: '#f5222d' },
};

function isTaskArea(value: number | null | undefined): value is TaskArea {
  return TASK_AREAS.some((area) => area === value);
}

/** Names of the report vocabularies in the UI language (contracts' tables and `reports.*`). */
export function useReportLabels() {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const text = (value: { vi: string; en: string }) => value[lang];
  return {
    lang,
    text,
    statusName: (status: ReportStatus) => REPORT_STATUS_NAMES[status][lang],
    timelinessName: (timeliness: Timeliness) => t(`reports.timeliness.${timeliness}`),
    periodTypeName: (type: PeriodType) => PERIOD_TYPE_NAMES[type][lang],
    taskAreaName: (area: number | null | undefined) =>
      isTaskArea(area)
        ? `${area}. ${TASK_AREA_NAMES[area][lang]}`
        : t('reports.briefing.otherArea'),
    indicatorName: (indicator: Pick<Indicator, 'name'> | undefined, code: string) =>
      indicator ? indicator.name[lang] : code,
    categoryName: (category: SlotCategory) =>
      category.kind === 'sex'
        ? t(`reports.report.sex.${category.value}`)
        : t(`reports.report.age.${category.value}`),
    eventName: (action: string) =>
      action in reportsVi.events
        ? t(`reports.events.${action as keyof typeof reportsVi.events}`)
        : action,
    /** A slot value in the UI language (`1.234.567`, `1.234.567 đ`, `12,5 %`, `—`). */
    value: (value: number | null | undefined, type: Indicator['type'] | undefined) =>
      formatIndicatorValue(value, type, i18n.language, t('reports.currency')),
  };
}

/** A unit level's name in the association (`Chi hội`), or `Cấp 3` when it names none. */
export function useLevelName(): (level: number) => string {
  const { t } = useTranslation();
  const levelNames = useMe().association.levelNames;
  return (level) => levelNames[level] ?? t('reports.templates.levelN', { level });
}
