import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../platform/errors.js';
import type { ErrorCode } from '@hoi/contracts';

/** PostgreSQL's unique_violation, as both drivers report it. */
/** Unique indexes whose violation (a lost race) has its own error code. */
const UNIQUE_CONSTRAINT_CODES: Record<string, ErrorCode> = {
  users_username: 'DUPLICATE_USERNAME',
  memberships_current_person: 'MEMBER_ALREADY_ACTIVE',
  memberships_number: 'DUPLICATE_MEMBER_NUMBER',
  people_id_number: 'DUPLICATE_ID_NUMBER',
  transfers_one_pending: 'MEMBER_IN_TRANSIT',
};

function isUniqueViolation(err: unknown): err is { code: '23505'; constraint?: string } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** The one exit for errors: every failure becomes the `{ error: {...} }` envelope. */
export function installErrorHandler(app: FastifyInstance, opts: { spaFallback: boolean }) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let appError: AppError;
    if (err instanceof AppError) {
      appError = err;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      appError = new AppError('VALIDATION_FAILED', {
        issues: err.validation.map((v) => ({
          path: [err.validationContext ?? 'body', ...String(v.instancePath).split('/').filter(Boolean)],
          message: v.message,
        })),
      });
    } else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      appError = new AppError('MALFORMED_JSON');
    } else if (isUniqueViolation(err)) {
      // A race the services' own checks could not see (two requests at once): still a clean 409.
      appError = new AppError(UNIQUE_CONSTRAINT_CODES[err.constraint ?? ''] ?? 'DUPLICATE_CODE');
    } else if (err.statusCode === 429) {
      appError = new AppError('RATE_LIMITED');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      appError = new AppError('VALIDATION_FAILED', { reason: err.message });
    } else {
      req.log.error({ err: { message: err.message, stack: err.stack, code: err.code } }, 'unhandled error');
      appError = new AppError('INTERNAL');
    }
    void reply.status(appError.status).send(appError.toEnvelope());
  });
  app.setNotFoundHandler((req, reply) => {
    // The single-page app owns every non-API GET path (client-side routing).
    if (opts.spaFallback && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const e = new AppError('NOT_FOUND');
    return reply.status(404).send(e.toEnvelope());
  });
}
