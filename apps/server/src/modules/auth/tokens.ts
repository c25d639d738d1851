import { createHash, randomBytes } from 'node:crypto';

/** Random URL-safe secret of `bytes` bytes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Only hashes of session and API tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SESSION_COOKIE = 'hoi_session';
export const API_TOKEN_PREFIX = 'hoi_';
