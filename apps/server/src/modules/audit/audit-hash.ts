import { createHash } from 'node:crypto';

/** Keys whose values never reach the audit log in clear. */
const MASKED_KEYS = new Set([
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'totpSecret',
  'tokenHash',
  'token',
  'csrfToken',
]);

/** Replaces secret values by '***' (recursively), keeping the shape visible. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        MASKED_KEYS.has(k) && v !== null && v !== undefined ? '***' : maskSecrets(v),
      ]),
    );
  }
  return value;
}

/** JSON with sorted keys, so the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ChainedFields {
  associationId: string;
  seq: number;
  id: string;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** SHA-256 over every field of the row and the previous row's hash. */
export function chainHash(row: ChainedFields): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);
