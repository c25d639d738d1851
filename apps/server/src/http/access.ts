import type { Permission } from '@hoi/contracts';

/**
 * Who may call a route. Every route declares one in `config.access`; the app refuses to start
 * with a route that has none, and the authorization matrix test enumerates them all.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: Permission };

export const PUBLIC: RouteAccess = { kind: 'public' };
export const AUTHENTICATED: RouteAccess = { kind: 'authenticated' };
export function needs(permission: Permission): RouteAccess {
  return { kind: 'permission', permission };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Skip the CSRF check (login: no session yet). */
    csrfExempt?: boolean;
    /** Reachable while an administrator still has to set up two-factor authentication. */
    allowDuringTotpSetup?: boolean;
  }
}
