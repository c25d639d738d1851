import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AcceptCaseBodySchema,
  OnlineCaseBodySchema,
  OnlineCaseReceiptSchema,
  PublicCaseBodySchema,
  Case,
  CaseDocumentBodySchema,
  CaseHandlerListSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseRecordBodySchema,
  CaseStatsQuerySchema,
  CaseStatsSchema,
  ClassifyCaseBodySchema,
  CloseCaseBodySchema,
  ConcludeCaseBodySchema,
  CreateCaseBodySchema,
  ExtendCaseBodySchema,
  ForwardCaseBodySchema,
  PublishCaseBodySchema,
  RejectCaseBodySchema,
  ResumeCaseBodySchema,
  SealedIdentitySchema,
  SuspendCaseBodySchema,
  WithdrawCaseBodySchema,
} from '@hoi/contracts';
import { apiRequest, uploadFile } from './client';

export type CaseList = z.infer<typeof CaseListSchema>;
export type CaseBox = z.infer<typeof CaseListQuerySchema>['box'];
/** The list query as the page sends it (the server fills in the defaults). */
export type CaseListQuery = Partial<z.infer<typeof CaseListQuerySchema>>;
export type CaseStats = z.infer<typeof CaseStatsSchema>;
export type CaseStatsQuery = z.infer<typeof CaseStatsQuerySchema>;
export type SealedIdentity = z.infer<typeof SealedIdentitySchema>;
export type CreateCaseBody = z.input<typeof CreateCaseBodySchema>;
export type CaseDocumentBody = z.input<typeof CaseDocumentBodySchema>;

/** The workflow actions (POST /api/cases/:id/<path> with If-Match) and their bodies. */
export interface CaseActionBodies {
  classify: z.input<typeof ClassifyCaseBodySchema>;
  accept: z.input<typeof AcceptCaseBodySchema>;
  reject: z.input<typeof RejectCaseBodySchema>;
  forward: z.input<typeof ForwardCaseBodySchema>;
  records: z.input<typeof CaseRecordBodySchema>;
  extensions: z.input<typeof ExtendCaseBodySchema>;
  suspend: z.input<typeof SuspendCaseBodySchema>;
  resume: z.input<typeof ResumeCaseBodySchema>;
  withdraw: z.input<typeof WithdrawCaseBodySchema>;
  conclude: z.input<typeof ConcludeCaseBodySchema>;
  publish: z.input<typeof PublishCaseBodySchema>;
  close: z.input<typeof CloseCaseBodySchema>;
  verifiers: { userId: string };
}
export type CaseActionPath = keyof CaseActionBodies;

/** One page of a box (open, overdue, closed or all): open boxes by nearest deadline. */
export function listCases(query: CaseListQuery): Promise<CaseList> {
  return apiRequest<CaseList>('/api/cases', { query: { limit: 50, ...query } });
}

/** A case as its handlers see it: never a sealed value, only counts and roles. */
export function fetchCase(id: string): Promise<Case> {
  return apiRequest<Case>(`/api/cases/${id}`);
}

export function createCase(body: CreateCaseBody): Promise<Case> {
  return apiRequest<Case>('/api/cases', { method: 'POST', body });
}

/** Runs one workflow action on the version the officer saw; answers the updated case. */
export function postCaseAction<P extends CaseActionPath>(
  id: string,
  path: P,
  version: number,
  body: CaseActionBodies[P],
): Promise<Case> {
  return apiRequest<Case>(`/api/cases/${id}/${path}`, { method: 'POST', body, ifMatch: version });
}

/**
 * The sealed identity (clearance needed; every read is audited). Called on an explicit click
 * only and never kept in the query cache.
 */
export function fetchSealedIdentity(id: string): Promise<SealedIdentity> {
  return apiRequest<SealedIdentity>(`/api/cases/${id}/sealed`);
}

export type CaseHandlers = z.infer<typeof CaseHandlerListSchema>;

/** Who may handle the case: for the verifier picker and clearance grants. */
export function listCaseHandlers(id: string): Promise<CaseHandlers> {
  return apiRequest<CaseHandlers>(`/api/cases/${id}/handlers`);
}

/** Grants clearance on the case (a cleared handler to another; or the first handler to themselves). */
export function grantCaseClearance(id: string, userId: string): Promise<{ ok: true }> {
  return apiRequest(`/api/cases/${id}/clearances`, { method: 'POST', body: { userId } });
}

/** Break-glass access with a written reason; the association's administrators are notified. */
export function emergencySealedAccess(id: string, reason: string): Promise<SealedIdentity> {
  return apiRequest<SealedIdentity>(`/api/cases/${id}/sealed/emergency`, {
    method: 'POST',
    body: { reason },
  });
}

/** Issues a numbered notice or decision (.docx); download it with {@link caseDocumentUrl}. */
export function issueCaseDocument(
  id: string,
  body: CaseDocumentBody,
): Promise<{ id: string; number: string }> {
  return apiRequest(`/api/cases/${id}/documents`, { method: 'POST', body });
}

export function caseDocumentUrl(caseId: string, documentId: string): string {
  return `/api/cases/${caseId}/documents/${documentId}`;
}

export function caseAttachmentUrl(caseId: string, attachmentId: string): string {
  return `/api/cases/${caseId}/attachments/${attachmentId}`;
}

/** Attaches a scan as the raw body; identity-bearing scans are sealed like the identity. */
export function uploadCaseAttachment(
  caseId: string,
  file: File,
  identityBearing: boolean,
): Promise<{ id: string; name: string; size: number; identityBearing: boolean }> {
  return uploadFile(
    `/api/cases/${caseId}/attachments`,
    { name: file.name, identityBearing: String(identityBearing) },
    file,
  );
}

export function fetchCaseStats(query: Partial<CaseStatsQuery>): Promise<CaseStats> {
  return apiRequest<CaseStats>('/api/cases/stats', { query });
}

/**
 * Query keys and options for cases. Every case write invalidates `['cases']`; the sealed
 * identity has no query at all (each read is audited and follows an explicit click).
 */
export const caseQueries = {
  all: ['cases'] as const,
  list: (query: CaseListQuery) =>
    infiniteQueryOptions({
      queryKey: ['cases', 'list', query],
      queryFn: ({ pageParam }) => listCases({ ...query, cursor: pageParam }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  detail: (id: string) =>
    queryOptions({ queryKey: ['cases', 'detail', id], queryFn: () => fetchCase(id) }),
  stats: (query: Partial<CaseStatsQuery>) =>
    queryOptions({ queryKey: ['cases', 'stats', query], queryFn: () => fetchCaseStats(query) }),
};

export type OnlineCaseBody = z.input<typeof OnlineCaseBodySchema>;
export type PublicCaseBody = z.input<typeof PublicCaseBodySchema>;
export type OnlineCaseReceipt = z.infer<typeof OnlineCaseReceiptSchema>;

/** The public form: no account needed (rate-limited on the server). */
export function submitPublicCase(body: PublicCaseBody): Promise<OnlineCaseReceipt> {
  return apiRequest<OnlineCaseReceipt>('/api/public/cases', { method: 'POST', body });
}

/** A signed-in member sends a case to their own unit. */
export function submitPortalCase(body: OnlineCaseBody): Promise<OnlineCaseReceipt> {
  return apiRequest<OnlineCaseReceipt>('/api/portal/cases', { method: 'POST', body });
}
