/**
 * Sealing: AES-256-GCM with a key that never enters the database (decision 47). The key comes
 * from HOI_SEAL_KEY (base64 of 32 bytes), else from a key file (HOI_SEAL_KEY_FILE, default
 * `<dataDir>/seal.key`, created with mode 0600 on first use). Each ciphertext records the key's
 * id (a hash prefix) so a rotated key can be told apart; the associated data binds a ciphertext
 * to its association, case and row, so a sealed row copied onto another case does not open.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';

export interface SealKey {
  id: string;
  key: Buffer;
}
export interface Sealed {
  keyId: string;
  iv: Uint8Array;
  tag: Uint8Array;
  ciphertext: Uint8Array;
}

const cache = new Map<string, SealKey>();

function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new AppError('CASE_SEAL_UNAVAILABLE', {
      reason: `${where} must hold 32 bytes in base64`,
    });
  }
  return key;
}

/** The installation's sealing key (read once per source). */
export function sealKey(config: Pick<Config, 'sealKey' | 'sealKeyFile' | 'dataDir'>): SealKey {
  const source = config.sealKey
    ? 'env'
    : (config.sealKeyFile ?? path.join(config.dataDir, 'seal.key'));
  const hit = cache.get(source === 'env' ? `env:${config.sealKey}` : source);
  if (hit) return hit;
  let key: Buffer;
  if (config.sealKey) {
    key = parseKey(config.sealKey, 'HOI_SEAL_KEY');
  } else {
    try {
      key = parseKey(fs.readFileSync(source, 'utf8'), source);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw asUnavailable(e);
      if (config.sealKeyFile) throw asUnavailable(e); // an explicit key file must exist
      key = crypto.randomBytes(32);
      fs.mkdirSync(path.dirname(source), { recursive: true });
      try {
        fs.writeFileSync(source, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (w) {
        // Another process created it first: use theirs.
        if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw asUnavailable(w);
        key = parseKey(fs.readFileSync(source, 'utf8'), source);
      }
    }
  }
  const k = { id: keyIdOf(key), key };
  cache.set(source === 'env' ? `env:${config.sealKey}` : source, k);
  return k;
}

function asUnavailable(e: unknown): AppError {
  return e instanceof AppError
    ? e
    : new AppError('CASE_SEAL_UNAVAILABLE', { reason: (e as Error).message });
}

export function seal(key: SealKey, plain: Uint8Array, aad: string): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId: key.id, iv, tag: cipher.getAuthTag(), ciphertext };
}

export function unseal(key: SealKey, sealed: Sealed, aad: string): Buffer {
  if (sealed.keyId !== key.id) {
    throw new AppError('CASE_SEAL_UNAVAILABLE', { reason: `sealed with key ${sealed.keyId}` });
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext)), decipher.final()]);
  } catch (e) {
    throw new AppError('CASE_SEAL_UNAVAILABLE', { reason: (e as Error).message });
  }
}

export function sealJson(key: SealKey, value: unknown, aad: string): Sealed {
  return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
}
export function unsealJson<T>(key: SealKey, sealed: Sealed, aad: string): T {
  return JSON.parse(unseal(key, sealed, aad).toString('utf8')) as T;
}
