import type { z } from 'zod';
import type {
  AcceptTransferBodySchema,
  CreateTransferBodySchema,
  RefuseTransferBodySchema,
  Transfer,
  TransferListQuerySchema,
  TransferListSchema,
} from '@hoi/contracts';
import { apiRequest } from './client';

export type TransferList = z.infer<typeof TransferListSchema>;
/** The list query as the page sends it (the server fills in the defaults). */
export type TransferListQuery = Partial<z.infer<typeof TransferListQuerySchema>>;
export type TransferBox = z.infer<typeof TransferListQuerySchema>['box'];
export type CreateTransferBody = z.input<typeof CreateTransferBodySchema>;
export type AcceptTransferBody = z.input<typeof AcceptTransferBodySchema>;
export type RefuseTransferBody = z.input<typeof RefuseTransferBodySchema>;

/** One page of a transfer box (incoming, outgoing, overdue or all), newest first. */
export function listTransfers(query: TransferListQuery): Promise<TransferList> {
  return apiRequest<TransferList>('/api/transfers', { query: { limit: 50, ...query } });
}

export function fetchTransfer(id: string): Promise<Transfer> {
  return apiRequest<Transfer>(`/api/transfers/${id}`);
}

/** The sending unit releases a member; the member is in transit until the receiver answers. */
export function createTransfer(body: CreateTransferBody): Promise<Transfer> {
  return apiRequest<Transfer>('/api/transfers', { method: 'POST', body });
}

export function acceptTransfer(id: string, body: AcceptTransferBody): Promise<Transfer> {
  return apiRequest<Transfer>(`/api/transfers/${id}/accept`, { method: 'POST', body });
}

export function refuseTransfer(id: string, body: RefuseTransferBody): Promise<Transfer> {
  return apiRequest<Transfer>(`/api/transfers/${id}/refuse`, { method: 'POST', body });
}

export function cancelTransfer(id: string): Promise<Transfer> {
  return apiRequest<Transfer>(`/api/transfers/${id}/cancel`, { method: 'POST' });
}
