import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number) {
  void reply.header('etag', etagOf(version));
}

/** The version the client last saw, from `If-Match`; updates without it are refused (428). */
export function requireIfMatch(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) throw new AppError('PRECONDITION_REQUIRED');
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(raw).trim());
  if (!m) throw new AppError('PRECONDITION_REQUIRED');
  return Number(m[1]);
}
