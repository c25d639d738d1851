import type { z } from 'zod';
import type {
  ArrearsListSchema,
  ArrearsQuerySchema,
  BulkPaymentBodySchema,
  BulkPaymentResultSchema,
  CreateDuesRateBodySchema,
  CreateExemptionBodySchema,
  CreatePaymentBodySchema,
  DuesCollectionSchema,
  DuesLineSchema,
  DuesRateListSchema,
  DuesRateQuerySchema,
  DuesRateSchema,
  ExemptionSchema,
  MemberDuesSchema,
  PaymentSchema,
} from '@hoi/contracts';
import { apiRequest } from './client';

export type DuesRate = z.infer<typeof DuesRateSchema>;
export type DuesRateList = z.infer<typeof DuesRateListSchema>;
export type DuesRateQuery = z.infer<typeof DuesRateQuerySchema>;
export type CreateDuesRateBody = z.input<typeof CreateDuesRateBodySchema>;
export type Exemption = z.infer<typeof ExemptionSchema>;
export type CreateExemptionBody = z.input<typeof CreateExemptionBodySchema>;
export type Payment = z.infer<typeof PaymentSchema>;
export type CreatePaymentBody = z.input<typeof CreatePaymentBodySchema>;
export type BulkPaymentBody = z.input<typeof BulkPaymentBodySchema>;
export type BulkPaymentResult = z.infer<typeof BulkPaymentResultSchema>;
export type DuesLine = z.infer<typeof DuesLineSchema>;
export type DuesCollection = z.infer<typeof DuesCollectionSchema>;
export type ArrearsList = z.infer<typeof ArrearsListSchema>;
export type ArrearsLine = ArrearsList['items'][number];
export type ArrearsQuery = Partial<z.infer<typeof ArrearsQuerySchema>>;
export type MemberDues = z.infer<typeof MemberDuesSchema>;

export function listDuesRates(query: DuesRateQuery = {}): Promise<DuesRateList> {
  return apiRequest<DuesRateList>('/api/dues/rates', { query });
}

export function createDuesRate(body: CreateDuesRateBody): Promise<DuesRate> {
  return apiRequest<DuesRate>('/api/dues/rates', { method: 'POST', body });
}

export function createExemption(body: CreateExemptionBody): Promise<Exemption> {
  return apiRequest<Exemption>('/api/dues/exemptions', { method: 'POST', body });
}

export function endExemption(id: string): Promise<Exemption> {
  return apiRequest<Exemption>(`/api/dues/exemptions/${id}/end`, { method: 'POST' });
}

export function createPayment(body: CreatePaymentBody): Promise<Payment> {
  return apiRequest<Payment>('/api/dues/payments', { method: 'POST', body });
}

/** Records what a branch collected for a year in one batch (one remittance receipt). */
export function createBulkPayment(body: BulkPaymentBody): Promise<BulkPaymentResult> {
  return apiRequest<BulkPaymentResult>('/api/dues/payments/bulk', { method: 'POST', body });
}

/** The collection sheet of a unit for a year: every member's due, paid, exemption, outstanding. */
export function fetchDuesCollection(unitId: string, year: number): Promise<DuesCollection> {
  return apiRequest<DuesCollection>('/api/dues/collection', { query: { unitId, year } });
}

export function listArrears(query: ArrearsQuery): Promise<ArrearsList> {
  return apiRequest<ArrearsList>('/api/dues/arrears', { query: { limit: 100, ...query } });
}
