import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/actor.js';
import { hasPermission } from '../platform/authorize.js';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service.js';
import { SESSION_COOKIE } from '../modules/auth/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor of an authenticated route (the hook has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

/**
 * Resolves the caller and enforces the route's declared access before the handler runs:
 * session cookie (with CSRF token on state-changing requests) or bearer API token.
 */
export function installAuthHook(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req) => {
    // The not-found handler (SPA fallback or 404 envelope) reveals nothing and needs no caller.
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (!access) throw new AppError('INTERNAL', { reason: 'route without access declaration' });
    if (access.kind === 'public') return;

    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = req.cookies[SESSION_COOKIE];
    let actor: Actor | null = null;
    if (bearer) actor = await resolveApiToken(deps, bearer, req.ip);
    else if (cookie) actor = await resolveSession(deps, cookie, req.ip);
    if (!actor) throw new AppError('UNAUTHENTICATED');

    if (actor.via === 'session' && !SAFE_METHODS.has(req.method) && !req.routeOptions.config.csrfExempt) {
      if (req.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('CSRF_INVALID');
    }
    req.actor = actor;

    if (actor.totpSetupRequired && !req.routeOptions.config.allowDuringTotpSetup) throw new AppError('TOTP_SETUP_REQUIRED');
    if (access.kind === 'permission' && !hasPermission(actor, access.permission)) {
      throw new AppError('FORBIDDEN');
    }
  });
}
