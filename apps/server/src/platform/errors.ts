import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from '@hoi/contracts';

/** The one error type services throw; routes never build error responses by hand. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the catalogue's message with a more specific one (both languages). */
    readonly override?: { vi: string; en: string },
  ) {
    super(`${code}: ${(override ?? ERROR_MESSAGES[code]).en}`);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toEnvelope(): ErrorEnvelope {
    const m = this.override ?? ERROR_MESSAGES[this.code];
    return {
      error: {
        code: this.code,
        message: m.vi,
        messageEn: m.en,
        ...(this.details !== undefined ? { details: this.details } : {}),
      },
    };
  }
}

/** Throws NOT_FOUND unless `value` is present. */
export function found<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new AppError('NOT_FOUND');
  return value;
}
