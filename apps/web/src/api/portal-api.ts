import type { z } from 'zod';
import type {
  AcceptInvitationBodySchema,
  CardVerificationSchema,
  ChangeRequestListSchema,
  ChangeRequestQuerySchema,
  ChangeRequestSchema,
  ConsentListSchema,
  ConsentSchema,
  CreateChangeRequestBodySchema,
  CreateDataRequestBodySchema,
  DataRequestListSchema,
  DataRequestQuerySchema,
  DataRequestSchema,
  DecideChangeRequestBodySchema,
  ErrorCode,
  InvitationInfoSchema,
  PortalMeSchema,
  ResolveDataRequestBodySchema,
  SetConsentsBodySchema,
} from '@hoi/contracts';
import { ApiError, apiRequest } from './client';

export type InvitationInfo = z.infer<typeof InvitationInfoSchema>;
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBodySchema>;
export type PortalMe = z.infer<typeof PortalMeSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type ConsentList = z.infer<typeof ConsentListSchema>;
export type SetConsentsBody = z.input<typeof SetConsentsBodySchema>;
export type ChangeRequest = z.infer<typeof ChangeRequestSchema>;
export type ChangeRequestList = z.infer<typeof ChangeRequestListSchema>;
export type ChangeRequestQuery = z.input<typeof ChangeRequestQuerySchema>;
export type CreateChangeRequestBody = z.input<typeof CreateChangeRequestBodySchema>;
export type DecideChangeRequestBody = z.input<typeof DecideChangeRequestBodySchema>;
export type DataRequest = z.infer<typeof DataRequestSchema>;
export type DataRequestList = z.infer<typeof DataRequestListSchema>;
export type DataRequestQuery = z.input<typeof DataRequestQuerySchema>;
export type CreateDataRequestBody = z.input<typeof CreateDataRequestBodySchema>;
export type ResolveDataRequestBody = z.input<typeof ResolveDataRequestBodySchema>;
export type CardVerification = z.infer<typeof CardVerificationSchema>;
export type CardFormat = 'pdf' | 'png';

/* Public: invitation and card verification (no session). */

export function fetchInvitation(token: string): Promise<InvitationInfo> {
  return apiRequest<InvitationInfo>(`/api/invitations/${encodeURIComponent(token)}`, {
    isAuthProbe: true,
  });
}

export function acceptInvitation(body: AcceptInvitationBody): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/invitations/accept', {
    method: 'POST',
    body,
    isAuthProbe: true,
  });
}

export function fetchCardVerification(token: string): Promise<CardVerification> {
  return apiRequest<CardVerification>(`/api/verify/${encodeURIComponent(token)}`, {
    isAuthProbe: true,
  });
}

/* The member's own portal (self.read). */

export function fetchPortalMe(): Promise<PortalMe> {
  return apiRequest<PortalMe>('/api/portal/me');
}

export function createCorrectionRequest(body: CreateChangeRequestBody): Promise<ChangeRequest> {
  return apiRequest<ChangeRequest>('/api/portal/change-requests', { method: 'POST', body });
}

export function setPortalConsents(body: SetConsentsBody): Promise<ConsentList> {
  return apiRequest<ConsentList>('/api/portal/consents', { method: 'PUT', body });
}

export function listMyDataRequests(): Promise<DataRequestList> {
  return apiRequest<DataRequestList>('/api/portal/data-requests');
}

export function createMyDataRequest(body: CreateDataRequestBody): Promise<DataRequest> {
  return apiRequest<DataRequest>('/api/portal/data-requests', { method: 'POST', body });
}

/** A downloaded file and the name the server suggested for it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * Fetches the member's own card (PDF or PNG). Fetched rather than linked so a failure shows as
 * the API's message instead of a JSON file saved to the phone.
 */
export async function downloadPortalCard(format: CardFormat): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(`/api/portal/card?format=${format}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({
      code: 'NETWORK_ERROR',
      status: 0,
      message: 'Không kết nối được máy chủ',
      messageEn: 'Cannot reach the server',
    });
  }
  if (!response.ok) throw await toDownloadError(response);
  const blob = await response.blob();
  const fileName =
    fileNameFromDisposition(response.headers.get('content-disposition')) ??
    `the-hoi-vien.${format}`;
  return { blob, fileName };
}

async function toDownloadError(response: Response): Promise<ApiError> {
  try {
    const payload = (await response.json()) as {
      error?: { code: ErrorCode; message: string; messageEn: string; details?: unknown };
    };
    if (payload.error?.code) {
      return new ApiError({ status: response.status, ...payload.error });
    }
  } catch {
    // Not the JSON envelope: fall through to a generic error.
  }
  return new ApiError({
    code: 'BAD_RESPONSE',
    status: response.status,
    message: `Máy chủ trả lời lỗi ${response.status}`,
    messageEn: `The server answered with error ${response.status}`,
  });
}

/** `attachment; filename="a.pdf"; filename*=UTF-8''th%E1%BA%BB.pdf` → the best name given. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

/** Hands a fetched file to the browser as a download. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/* Officers' queues (member.manage). */

export function listChangeRequests(query: ChangeRequestQuery): Promise<ChangeRequestList> {
  return apiRequest<ChangeRequestList>('/api/change-requests', { query });
}

export function approveChangeRequest(
  id: string,
  body: DecideChangeRequestBody,
): Promise<ChangeRequest> {
  return apiRequest<ChangeRequest>(`/api/change-requests/${id}/approve`, {
    method: 'POST',
    body,
  });
}

export function rejectChangeRequest(
  id: string,
  body: DecideChangeRequestBody,
): Promise<ChangeRequest> {
  return apiRequest<ChangeRequest>(`/api/change-requests/${id}/reject`, { method: 'POST', body });
}

export function listDataRequests(query: DataRequestQuery): Promise<DataRequestList> {
  return apiRequest<DataRequestList>('/api/data-requests', { query });
}

export function resolveDataRequest(id: string, body: ResolveDataRequestBody): Promise<DataRequest> {
  return apiRequest<DataRequest>(`/api/data-requests/${id}/resolve`, { method: 'POST', body });
}
