import {
  ApiTokenListSchema,
  ChangePasswordBodySchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
  IdParamsSchema,
  LoginBodySchema,
  MeSchema,
  OkSchema,
  TotpCodeBodySchema,
  TotpSetupSchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTHENTICATED, PUBLIC, needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as auth from './auth.service.js';
import { SESSION_COOKIE } from './tokens.js';

/** Login attempts a minute for one account name from one address, and for one address in all. */
export const LOGINS_PER_ACCOUNT_AND_ADDRESS = 10;
export const LOGINS_PER_ADDRESS = 60;

function loginNameOf(body: unknown): string {
  const name = (body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? name.trim().toLowerCase() : '';
}

const presentToken = (t: {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const perAddress = app.createRateLimit({
      max: LOGINS_PER_ADDRESS,
      timeWindow: '1 minute',
      keyGenerator: (req) => `login-address:${req.ip}`,
    });
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Đăng nhập / log in',
          body: LoginBodySchema,
          response: { 200: MeSchema },
        },
        config: {
          access: PUBLIC,
          csrfExempt: true,
          // Per address *and* account name, checked once the body is parsed: one office behind
          // one public address (the usual case for a commune office) can still sign everyone in.
          rateLimit: {
            max: LOGINS_PER_ACCOUNT_AND_ADDRESS,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (req) => `login:${req.ip}:${loginNameOf(req.body)}`,
          },
        },
        // Per address alone, a looser ceiling against trying many account names from one place.
        onRequest: async (req) => {
          const limit = await perAddress(req);
          // `isAllowed` is true only for allow-listed keys; the count is in `isExceeded`.
          if (!limit.isAllowed && limit.isExceeded) throw new AppError('RATE_LIMITED');
        },
      },
      async (req, reply) => {
        const { token, actor } = await auth.login(deps, req.body, req.ip);
        void reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.secureCookies,
          path: '/',
          maxAge: deps.config.sessionHours * 3600,
        });
        return auth.getMe(deps, actor);
      },
    );
    app.post(
      '/api/auth/logout',
      {
        schema: { tags: ['auth'], summary: 'Đăng xuất / log out', response: { 200: OkSchema } },
        config: { access: AUTHENTICATED, allowDuringTotpSetup: true },
      },
      async (req, reply) => {
        await auth.logout(deps, actorOf(req));
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );
    app.get(
      '/api/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Người dùng hiện tại / current user',
          response: { 200: MeSchema },
        },
        config: { access: AUTHENTICATED, allowDuringTotpSetup: true },
      },
      async (req) => auth.getMe(deps, actorOf(req)),
    );
    app.post(
      '/api/me/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Đổi mật khẩu / change password',
          body: ChangePasswordBodySchema,
          response: { 200: OkSchema },
        },
        config: { access: AUTHENTICATED, allowDuringTotpSetup: true },
      },
      async (req) => {
        await auth.changePassword(deps, actorOf(req), req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/me/totp/setup',
      {
        schema: {
          tags: ['auth'],
          summary: 'Bắt đầu bật xác thực hai lớp / start TOTP enrolment',
          response: { 200: TotpSetupSchema },
        },
        config: { access: AUTHENTICATED, allowDuringTotpSetup: true },
      },
      async (req) => auth.setUpTotp(deps, actorOf(req)),
    );
    app.post(
      '/api/me/totp/enable',
      {
        schema: {
          tags: ['auth'],
          summary: 'Xác nhận bật xác thực hai lớp / confirm TOTP',
          body: TotpCodeBodySchema,
          response: { 200: OkSchema },
        },
        config: { access: AUTHENTICATED, allowDuringTotpSetup: true },
      },
      async (req) => {
        await auth.enableTotp(deps, actorOf(req), req.body.code);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/me/totp/disable',
      {
        schema: {
          tags: ['auth'],
          summary: 'Tắt xác thực hai lớp / disable TOTP',
          body: TotpCodeBodySchema,
          response: { 200: OkSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => {
        await auth.disableTotp(deps, actorOf(req), req.body.code);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/me/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Mã truy cập API / API tokens',
          response: { 200: ApiTokenListSchema },
        },
        config: { access: needs('token.manage') },
      },
      async (req) => ({ items: (await auth.listApiTokens(deps, actorOf(req))).map(presentToken) }),
    );
    app.post(
      '/api/me/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Tạo mã truy cập API / create API token',
          body: CreateApiTokenBodySchema,
          response: { 200: CreatedApiTokenSchema },
        },
        config: { access: needs('token.manage') },
      },
      async (req) => {
        const t = await auth.createApiToken(deps, actorOf(req), req.body);
        return { ...presentToken(t), token: t.token };
      },
    );
    app.delete(
      '/api/me/tokens/:id',
      {
        schema: {
          tags: ['auth'],
          summary: 'Thu hồi mã truy cập API / revoke API token',
          params: IdParamsSchema,
          response: { 200: OkSchema },
        },
        config: { access: needs('token.manage') },
      },
      async (req) => {
        await auth.revokeApiToken(deps, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
