import {
  CreateAssignmentBodySchema,
  CreateUserBodySchema,
  IdParamsSchema,
  OkSchema,
  ResetPasswordBodySchema,
  ROLES,
  ROLE_CODES,
  RoleCatalogSchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTHENTICATED, needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import type { Deps } from '../../platform/deps.js';
import * as users from './users.service.js';

const tags = ['users'];

export function usersRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/roles',
      { schema: { tags, summary: 'Danh mục vai trò — role catalogue', response: { 200: RoleCatalogSchema } }, config: { access: AUTHENTICATED } },
      async () => ROLE_CODES.map((code) => ({ code, vi: ROLES[code].vi, en: ROLES[code].en, permissions: [...ROLES[code].permissions] })),
    );
    app.get(
      '/api/users',
      { schema: { tags, summary: 'Người dùng — users', querystring: UserListQuerySchema, response: { 200: UserListSchema } }, config: { access: needs('user.read') } },
      async (req) => {
        const c = decodeCursor(req.query.cursor);
        const r = await users.listUsers(deps, actorOf(req), { q: req.query.q, unitId: req.query.unitId, after: c ? String(c[0]) : null, limit: req.query.limit });
        return { items: r.items, nextCursor: r.next ? encodeCursor([r.next]) : null };
      },
    );
    app.get(
      '/api/users/:id',
      { schema: { tags, summary: 'Một người dùng — one user', params: IdParamsSchema, response: { 200: UserSchema } }, config: { access: needs('user.read') } },
      async (req, reply) => {
        const u = await users.getUser(deps, actorOf(req), req.params.id);
        setEtag(reply, u.version);
        return u;
      },
    );
    app.post(
      '/api/users',
      { schema: { tags, summary: 'Tạo người dùng — create a user', body: CreateUserBodySchema, response: { 201: UserSchema } }, config: { access: needs('user.manage') } },
      async (req, reply) => {
        const u = await users.createUser(deps, actorOf(req), req.body);
        setEtag(reply, u.version);
        return reply.status(201).send(u);
      },
    );
    app.patch(
      '/api/users/:id',
      { schema: { tags, summary: 'Sửa người dùng — update a user (If-Match)', params: IdParamsSchema, body: UpdateUserBodySchema, response: { 200: UserSchema } }, config: { access: needs('user.manage') } },
      async (req, reply) => {
        const u = await users.updateUser(deps, actorOf(req), req.params.id, requireIfMatch(req), req.body);
        setEtag(reply, u.version);
        return u;
      },
    );
    app.post(
      '/api/users/:id/reset-password',
      { schema: { tags, summary: 'Đặt lại mật khẩu — reset password', params: IdParamsSchema, body: ResetPasswordBodySchema, response: { 200: OkSchema } }, config: { access: needs('user.manage') } },
      async (req) => {
        await users.resetPassword(deps, actorOf(req), req.params.id, req.body.newPassword);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/role-assignments',
      { schema: { tags, summary: 'Giao vai trò — assign a role', body: CreateAssignmentBodySchema, response: { 201: UserSchema } }, config: { access: needs('role.assign') } },
      async (req, reply) => reply.status(201).send(await users.createAssignment(deps, actorOf(req), req.body)),
    );
    app.delete(
      '/api/role-assignments/:id',
      { schema: { tags, summary: 'Kết thúc vai trò — end a role assignment', params: IdParamsSchema, response: { 200: OkSchema } }, config: { access: needs('role.assign') } },
      async (req) => {
        await users.endAssignment(deps, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
