import {
  AcceptInvitationBodySchema,
  ChangeRequestListSchema,
  ChangeRequestQuerySchema,
  ChangeRequestSchema,
  ConsentListSchema,
  CreateChangeRequestBodySchema,
  CreateDataRequestBodySchema,
  DataRequestListSchema,
  DataRequestQuerySchema,
  DataRequestSchema,
  DecideChangeRequestBodySchema,
  IdParamsSchema,
  InvitationInfoSchema,
  OkSchema,
  PortalMeSchema,
  ResolveDataRequestBodySchema,
  SetConsentsBodySchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs, PUBLIC } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import type { Deps } from '../../platform/deps.js';
import { baseUrlOf, CardQuerySchema, sendCard } from '../members/member-data.routes.js';
import * as invitations from './invitations.service.js';
import * as portal from './portal.service.js';
import * as requests from './requests.service.js';

const tags = ['portal'];
/** Guessing one-time tokens: a few tries a minute per address is plenty for a person. */
const TOKEN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };

export function portalRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/invitations/:token',
      {
        schema: {
          tags,
          summary: 'Thông tin lời mời (công khai) — invitation details (public)',
          params: z.object({ token: z.string().min(1).max(200) }),
          response: { 200: InvitationInfoSchema },
        },
        config: { access: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req) => invitations.invitationInfo(deps, req.params.token),
    );
    app.post(
      '/api/invitations/accept',
      {
        schema: {
          tags,
          summary:
            'Nhận lời mời, đặt mật khẩu (công khai) — accept an invitation, set the password',
          body: AcceptInvitationBodySchema,
          response: { 200: OkSchema },
        },
        config: { access: PUBLIC, csrfExempt: true, rateLimit: TOKEN_RATE_LIMIT },
      },
      async (req) => {
        await invitations.acceptInvitation(deps, req.body);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/portal/me',
      {
        schema: {
          tags,
          summary: 'Hồ sơ của tôi — my member record, history, dues, consents',
          response: { 200: PortalMeSchema },
        },
        config: { access: needs('self.read') },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'private, no-store');
        return portal.getMe(deps, actorOf(req));
      },
    );
    app.get(
      '/api/portal/card',
      {
        schema: {
          tags,
          summary: 'Thẻ hội viên của tôi (PDF hoặc PNG) — my member card',
          querystring: CardQuerySchema,
        },
        config: { access: needs('self.read') },
      },
      async (req, reply) =>
        sendCard(reply, await portal.ownCard(deps, actorOf(req), req.query.format, baseUrlOf(req, deps.config.publicUrl))),
    );
    app.post(
      '/api/portal/change-requests',
      {
        schema: {
          tags,
          summary: 'Đề nghị sửa thông tin liên hệ — ask for a contact-data correction',
          body: CreateChangeRequestBodySchema,
          response: { 201: ChangeRequestSchema },
        },
        config: { access: needs('self.read') },
      },
      async (req, reply) =>
        reply.status(201).send(await portal.requestCorrection(deps, actorOf(req), req.body)),
    );
    app.put(
      '/api/portal/consents',
      {
        schema: {
          tags,
          summary: 'Đồng ý / rút lại đồng ý xử lý dữ liệu — give or withdraw my consents',
          body: SetConsentsBodySchema,
          response: { 200: ConsentListSchema },
        },
        config: { access: needs('self.read') },
      },
      async (req) => ({ items: await portal.setOwnConsents(deps, actorOf(req), req.body) }),
    );
    app.get(
      '/api/portal/data-requests',
      {
        schema: {
          tags,
          summary: 'Yêu cầu về dữ liệu cá nhân của tôi — my data-subject requests',
          response: { 200: DataRequestListSchema },
        },
        config: { access: needs('self.read') },
      },
      async (req) => ({ items: await portal.listOwnDataRequests(deps, actorOf(req)) }),
    );
    app.post(
      '/api/portal/data-requests',
      {
        schema: {
          tags,
          summary:
            'Gửi yêu cầu về dữ liệu cá nhân (trả lời trong 2 ngày làm việc) — file a request',
          body: CreateDataRequestBodySchema,
          response: { 201: DataRequestSchema },
        },
        config: { access: needs('self.read') },
      },
      async (req, reply) =>
        reply.status(201).send(await portal.createDataRequest(deps, actorOf(req), req.body)),
    );

    app.get(
      '/api/change-requests',
      {
        schema: {
          tags,
          summary: 'Đề nghị sửa thông tin của hội viên — members’ correction requests',
          querystring: ChangeRequestQuerySchema,
          response: { 200: ChangeRequestListSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => ({
        items: await requests.listChangeRequests(deps, actorOf(req), req.query),
      }),
    );
    for (const decision of ['approve', 'reject'] as const) {
      app.post(
        `/api/change-requests/:id/${decision}`,
        {
          schema: {
            tags,
            summary:
              decision === 'approve'
                ? 'Chấp nhận đề nghị sửa, cập nhật hồ sơ — approve and apply a correction'
                : 'Không chấp nhận đề nghị sửa — reject a correction',
            params: IdParamsSchema,
            body: DecideChangeRequestBodySchema,
            response: { 200: ChangeRequestSchema },
          },
          config: { access: needs('member.manage') },
        },
        async (req) =>
          requests.decideChangeRequest(deps, actorOf(req), req.params.id, decision, req.body.note),
      );
    }
    app.get(
      '/api/data-requests',
      {
        schema: {
          tags,
          summary: 'Yêu cầu của chủ thể dữ liệu, hạn trả lời — data-subject requests and due dates',
          querystring: DataRequestQuerySchema,
          response: { 200: DataRequestListSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => ({ items: await requests.listDataRequests(deps, actorOf(req), req.query) }),
    );
    app.post(
      '/api/data-requests/:id/resolve',
      {
        schema: {
          tags,
          summary: 'Trả lời yêu cầu về dữ liệu — answer a data-subject request',
          params: IdParamsSchema,
          body: ResolveDataRequestBodySchema,
          response: { 200: DataRequestSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => requests.resolveDataRequest(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
