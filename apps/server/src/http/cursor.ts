import { AppError } from '../platform/errors.js';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v)) throw new Error('not an array');
    return v;
  } catch {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: ['query', 'cursor'], message: 'invalid cursor' }] });
  }
}
