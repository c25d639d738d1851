import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CompletenessSchema,
  CreateIndicatorBodySchema,
  Dashboard,
  DashboardQuerySchema,
  Indicator,
  OpenReportBodySchema,
  OversightComparison,
  OversightQuerySchema,
  Period,
  Report,
  ReportAction,
  ReportActionBodySchema,
  ReportListQuerySchema,
  ReportListSchema,
  SaveReportBodySchema,
  SignerQuery,
  Template,
  TemplateBody,
} from '@hoi/contracts';
import { apiRequest, buildUrl } from './client';

export type ReportList = z.infer<typeof ReportListSchema>;
export type ReportListQuery = z.input<typeof ReportListQuerySchema>;
export type Completeness = z.infer<typeof CompletenessSchema>;
export type OpenReportBody = z.input<typeof OpenReportBodySchema>;
export type SaveReportBody = z.input<typeof SaveReportBodySchema>;
export type ReportActionBody = z.input<typeof ReportActionBodySchema>;
/** The dashboard query as the page sends it (view and trend default on the server). */
export interface DashboardQuery {
  templateId: string;
  period: string;
  unitId?: string;
  view?: z.infer<typeof DashboardQuerySchema>['view'];
  trend?: number;
}
export type OversightQuery = z.infer<typeof OversightQuerySchema>;
export type DocumentFormat = 'docx' | 'xlsx';
export type CreateIndicatorBody = z.input<typeof CreateIndicatorBodySchema>;

/** The indicator catalogue (automatic ones computed from the registry, manual ones typed in). */
export async function listIndicators(): Promise<Indicator[]> {
  const answer = await apiRequest<{ items: Indicator[] }>('/api/reports/indicators');
  return answer.items;
}

export async function listTemplates(): Promise<Template[]> {
  const answer = await apiRequest<{ items: Template[] }>('/api/reports/templates');
  return answer.items;
}

export function fetchTemplate(id: string): Promise<Template> {
  return apiRequest<Template>(`/api/reports/templates/${id}`);
}

/** Creates a template; the server checks it against the catalogue (TEMPLATE_INVALID). */
export function createTemplate(body: TemplateBody): Promise<Template> {
  return apiRequest<Template>('/api/reports/templates', { method: 'POST', body });
}

/** Replaces a template's body on the version the administrator edited. */
export function updateTemplate(id: string, version: number, body: TemplateBody): Promise<Template> {
  return apiRequest<Template>(`/api/reports/templates/${id}`, {
    method: 'PUT',
    body,
    ifMatch: version,
  });
}

/** Defines a manual indicator of the association (typed in by officers). */
export function createIndicator(body: CreateIndicatorBody): Promise<Indicator> {
  return apiRequest<Indicator>('/api/reports/indicators', { method: 'POST', body });
}

/** The periods a template reports on in a year, in calendar order of their last day. */
export async function listPeriods(templateId: string, year?: number): Promise<Period[]> {
  const answer = await apiRequest<{ items: Period[] }>('/api/reports/periods', {
    query: { templateId, year },
  });
  return answer.items;
}

/** A unit's own report and its children's for one period, with completeness figures. */
export function listReports(query: ReportListQuery): Promise<ReportList> {
  return apiRequest<ReportList>('/api/reports', { query: { ...query } });
}

/** Opens the unit's report: creates the draft (automatic values filled) or returns the existing one. */
export function openReport(body: OpenReportBody): Promise<Report> {
  return apiRequest<Report>('/api/reports', { method: 'POST', body });
}

export function fetchReport(id: string): Promise<Report> {
  return apiRequest<Report>(`/api/reports/${id}`);
}

/** Saves manual slot values and texts on the version the officer saw. */
export function saveReportValues(
  id: string,
  version: number,
  body: SaveReportBody,
): Promise<Report> {
  return apiRequest<Report>(`/api/reports/${id}/values`, {
    method: 'PUT',
    body,
    ifMatch: version,
  });
}

/** Recomputes the automatic values from the registry. */
export function refreshReport(id: string, version: number): Promise<Report> {
  return apiRequest<Report>(`/api/reports/${id}/refresh`, { method: 'POST', ifMatch: version });
}

/** One workflow step (submit, return, approve, …); `return` needs a comment. */
export function postReportAction(
  id: string,
  action: ReportAction,
  version: number,
  body: ReportActionBody = {},
): Promise<Report> {
  return apiRequest<Report>(`/api/reports/${id}/${action}`, {
    method: 'POST',
    body,
    ifMatch: version,
  });
}

export function reportDocumentUrl(
  id: string,
  format: DocumentFormat,
  signer: SignerQuery = {},
): string {
  return buildUrl(`/api/reports/${id}/document`, { format, ...signer });
}

export function fetchDashboard(query: DashboardQuery): Promise<Dashboard> {
  return apiRequest<Dashboard>('/api/reports/dashboard', { query: { ...query } });
}

export function dashboardDocumentUrl(
  query: DashboardQuery,
  format: DocumentFormat,
  signer: SignerQuery = {},
): string {
  return buildUrl('/api/reports/dashboard/document', { ...query, format, ...signer });
}

/** The oversight body's comparison of associations (approved root reports only). */
export function fetchOversight(query: OversightQuery): Promise<OversightComparison> {
  return apiRequest<OversightComparison>('/api/oversight/briefing', { query: { ...query } });
}

export function oversightDocumentUrl(query: OversightQuery, format: DocumentFormat): string {
  return buildUrl('/api/oversight/briefing/document', { ...query, format });
}

/**
 * Query keys and options for reports. Every report write invalidates `['reports']` (lists,
 * dashboards and the report itself); the catalogue (indicators, templates) changes rarely.
 */
export const reportQueries = {
  all: ['reports'] as const,
  indicators: () =>
    queryOptions({
      queryKey: ['reports', 'indicators'],
      queryFn: listIndicators,
      staleTime: 5 * 60_000,
    }),
  templates: () =>
    queryOptions({
      queryKey: ['reports', 'templates'],
      queryFn: listTemplates,
      staleTime: 5 * 60_000,
    }),
  template: (id: string) =>
    queryOptions({ queryKey: ['reports', 'templates', id], queryFn: () => fetchTemplate(id) }),
  periods: (templateId: string, year: number) =>
    queryOptions({
      queryKey: ['reports', 'periods', templateId, year],
      queryFn: () => listPeriods(templateId, year),
      staleTime: 5 * 60_000,
    }),
  list: (query: ReportListQuery) =>
    queryOptions({ queryKey: ['reports', 'list', query], queryFn: () => listReports(query) }),
  detail: (id: string) =>
    queryOptions({ queryKey: ['reports', 'detail', id], queryFn: () => fetchReport(id) }),
  dashboard: (query: DashboardQuery) =>
    queryOptions({
      queryKey: ['reports', 'dashboard', query],
      queryFn: () => fetchDashboard(query),
    }),
  oversight: (query: OversightQuery) =>
    queryOptions({
      queryKey: ['reports', 'oversight', query],
      queryFn: () => fetchOversight(query),
    }),
};
