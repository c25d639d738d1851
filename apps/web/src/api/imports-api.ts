import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type {
  ImportMappingTemplateSchema,
  ImportOutcome,
  ImportRowSchema,
  ImportRowsSchema,
  ImportRunBody,
  ImportUpload,
  Job,
} from '@hoi/contracts';
import { ImportCountsSchema, SplitCommuneSchema } from '@hoi/contracts';
import { apiRequest, buildUrl, uploadFile } from './client';

export type ImportColumn = ImportUpload['columns'][number];
export type ImportRow = z.infer<typeof ImportRowSchema>;
export type ImportRows = z.infer<typeof ImportRowsSchema>;
export type ImportMappingTemplate = z.infer<typeof ImportMappingTemplateSchema>;
export type SplitCommune = z.infer<typeof SplitCommuneSchema>;
/** The outcomes the rows list filters by; `warning` = imported rows that carry a warning. */
export type ImportRowFilter = ImportOutcome | 'warning';

/** `job.result` of a finished import job (preview or commit). */
const ImportResultSchema = z.object({
  mode: z.enum(['preview', 'commit']),
  counts: ImportCountsSchema,
  splitCommunes: z.array(SplitCommuneSchema).default([]),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** The import summary of a job, or null while it runs or when the result has another shape. */
export function importResultOf(job: Job | undefined): ImportResult | null {
  if (!job?.result) return null;
  const parsed = ImportResultSchema.safeParse(job.result);
  return parsed.success ? parsed.data : null;
}

/** Whether the job is still to finish (the screens keep polling it). */
export function isJobActive(job: Job | undefined): boolean {
  return job?.status === 'queued' || job?.status === 'running';
}

/** Sends the file as the raw body; the server finds the header row and proposes a mapping. */
export function uploadImportFile(unitId: string, file: File): Promise<ImportUpload> {
  return uploadFile<ImportUpload>('/api/imports/members', { unitId, fileName: file.name }, file);
}

export function fetchImportUpload(uploadId: string): Promise<ImportUpload> {
  return apiRequest<ImportUpload>(`/api/imports/members/${uploadId}`);
}

/** Starts a preview (dry run) or the commit as a background job; follow it with `fetchJob`. */
export function startImportRun(uploadId: string, body: ImportRunBody): Promise<Job> {
  return apiRequest<Job>(`/api/imports/members/${uploadId}/runs`, { method: 'POST', body });
}

export function fetchJob(jobId: string): Promise<Job> {
  return apiRequest<Job>(`/api/jobs/${jobId}`);
}

export function cancelJob(jobId: string): Promise<Job> {
  return apiRequest<Job>(`/api/jobs/${jobId}/cancel`, { method: 'POST' });
}

/** One page of a run's listed rows, after the given row number (keyset paging). */
export function listImportRows(
  jobId: string,
  outcome: ImportRowFilter | undefined,
  after: number,
  limit = 100,
): Promise<ImportRows> {
  return apiRequest<ImportRows>(`/api/imports/runs/${jobId}/rows`, {
    query: { outcome, after, limit },
  });
}

export function listImportMappings(): Promise<ImportMappingTemplate[]> {
  return apiRequest<ImportMappingTemplate[]>('/api/imports/mappings');
}

/** Address of the error report: the rows that did not go in, with an error column. */
export function importReportUrl(jobId: string, format: 'xlsx' | 'csv'): string {
  return buildUrl(`/api/imports/runs/${jobId}/report`, { format });
}

/** Address of the import template (.xlsx with dropdowns) for a unit. */
export function importTemplateUrl(unitId: string): string {
  return buildUrl('/api/imports/template', { unitId });
}

const JOB_POLL_MS = 700;

/** Query keys and options of the import screens. */
export const importQueries = {
  all: ['imports'] as const,
  upload: (uploadId: string) =>
    queryOptions({
      queryKey: ['imports', 'upload', uploadId],
      queryFn: () => fetchImportUpload(uploadId),
      staleTime: Infinity,
    }),
  /** A job, polled every 700 ms while it is queued or running. */
  job: (jobId: string) =>
    queryOptions({
      queryKey: ['jobs', jobId],
      queryFn: () => fetchJob(jobId),
      refetchInterval: (query) => (isJobActive(query.state.data) ? JOB_POLL_MS : false),
      refetchIntervalInBackground: true,
    }),
  rows: (jobId: string, outcome: ImportRowFilter | undefined) =>
    infiniteQueryOptions({
      queryKey: ['imports', 'rows', jobId, outcome ?? 'all'],
      queryFn: ({ pageParam }) => listImportRows(jobId, outcome, pageParam),
      initialPageParam: 0,
      getNextPageParam: (last) => last.next ?? undefined,
      staleTime: Infinity,
    }),
  mappings: () => queryOptions({ queryKey: ['imports', 'mappings'], queryFn: listImportMappings }),
};
