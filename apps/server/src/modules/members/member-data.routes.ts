import {
  CardVerificationSchema,
  ConsentListSchema,
  IdParamsSchema,
  InvitationSchema,
  InviteMemberBodySchema,
  OkSchema,
  SensitiveDataOutSchema,
  SensitiveDataSchema,
  SetConsentsBodySchema,
} from '@hoi/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs, PUBLIC } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { inviteMember } from '../portal/invitations.service.js';
import * as memberData from './member-data.service.js';

const tags = ['members'];
const PHOTO_ROUTE = '/api/members/:id/photo';

export const CardQuerySchema = z.object({
  format: z.enum(['pdf', 'png']).default('pdf').describe('Định dạng thẻ / card file format'),
});

/**
 * The address the web app is reached at, for links printed on cards and sent in invitations:
 * HOI_PUBLIC_URL when set (recommended: then a forged Host header cannot change printed links),
 * else the request's own (behind a proxy, with HOI_TRUST_PROXY, the forwarded one).
 */
export function baseUrlOf(req: FastifyRequest, publicUrl: string | null = null): string {
  return publicUrl ?? `${req.protocol}://${req.host}`;
}

/** Sends a rendered card as a download. */
export function sendCard(
  reply: FastifyReply,
  card: { bytes: Buffer; contentType: string; fileName: string },
) {
  return reply
    .header('content-type', card.contentType)
    .header('content-disposition', `attachment; filename="${card.fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(card.bytes);
}

export function memberDataRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Photos arrive as the raw body; the parser exists only inside this plugin.
    app.addContentTypeParser(
      [...memberData.PHOTO_TYPES],
      { parseAs: 'buffer', bodyLimit: memberData.PHOTO_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    // A photo refused before it reaches the handler (too big, another type) is still PHOTO_INVALID;
    // everything else goes on to the application's error handler.
    app.setErrorHandler((err: FastifyError, req) => {
      if (req.routeOptions.url === PHOTO_ROUTE) {
        if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError('PHOTO_INVALID', {
            reason: 'too_large',
            maxBytes: memberData.PHOTO_MAX_BYTES,
          });
        if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_TYPE')
          throw new AppError('PHOTO_INVALID', { reason: 'type', allowed: memberData.PHOTO_TYPES });
      }
      throw err;
    });

    app.get(
      '/api/members/:id/sensitive',
      {
        schema: {
          tags,
          summary:
            'Dữ liệu cá nhân nhạy cảm (mỗi lần xem được ghi nhật ký) — protected data, audited',
          params: IdParamsSchema,
          response: { 200: SensitiveDataOutSchema },
        },
        config: { access: needs('member.sensitive.read') },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'private, no-store');
        return memberData.getSensitive(deps, actorOf(req), req.params.id);
      },
    );
    app.put(
      '/api/members/:id/sensitive',
      {
        schema: {
          tags,
          summary: 'Ghi dữ liệu cá nhân nhạy cảm — record protected data',
          params: IdParamsSchema,
          body: SensitiveDataSchema,
          response: { 200: SensitiveDataOutSchema },
        },
        config: { access: needs('member.sensitive.read') },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'private, no-store');
        return memberData.setSensitive(deps, actorOf(req), req.params.id, req.body);
      },
    );
    app.get(
      '/api/members/:id/consents',
      {
        schema: {
          tags,
          summary: 'Ý kiến đồng ý theo từng mục đích — consents per purpose',
          params: IdParamsSchema,
          response: { 200: ConsentListSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => ({
        items: await memberData.getConsents(deps, actorOf(req), req.params.id),
      }),
    );
    app.put(
      '/api/members/:id/consents',
      {
        schema: {
          tags,
          summary: 'Ghi nhận đồng ý / rút lại đồng ý (cán bộ) — record consents (officer)',
          params: IdParamsSchema,
          body: SetConsentsBodySchema,
          response: { 200: ConsentListSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => ({
        items: await memberData.setConsents(deps, actorOf(req), req.params.id, req.body),
      }),
    );
    app.put(
      PHOTO_ROUTE,
      {
        schema: {
          tags,
          summary:
            'Tải ảnh hội viên (JPEG/PNG, ≤ 2 MB, nội dung thô) — upload the photo (raw body)',
          params: IdParamsSchema,
          response: { 200: OkSchema },
        },
        bodyLimit: memberData.PHOTO_MAX_BYTES,
        config: { access: needs('member.manage') },
      },
      async (req) => {
        const photo = memberData.checkPhoto(req.body, req.headers['content-type']);
        await memberData.setPhoto(deps, actorOf(req), req.params.id, photo);
        return { ok: true as const };
      },
    );
    app.get(
      PHOTO_ROUTE,
      {
        schema: { tags, summary: 'Ảnh hội viên — the member photo', params: IdParamsSchema },
        config: { access: needs('member.read') },
      },
      async (req, reply) => {
        const p = await memberData.getPhoto(deps, actorOf(req), req.params.id);
        return reply
          .header('content-type', p.mime)
          .header('cache-control', 'private')
          .send(p.bytes);
      },
    );
    app.get(
      '/api/members/:id/card',
      {
        schema: {
          tags,
          summary: 'Thẻ hội viên (PDF hoặc PNG) — the member card',
          params: IdParamsSchema,
          querystring: CardQuerySchema,
        },
        config: { access: needs('member.read') },
      },
      async (req, reply) =>
        sendCard(
          reply,
          await memberData.memberCard(
            deps,
            actorOf(req),
            req.params.id,
            req.query.format,
            baseUrlOf(req, deps.config.publicUrl),
          ),
        ),
    );
    app.post(
      '/api/members/:id/invite',
      {
        schema: {
          tags,
          summary: 'Mời hội viên dùng trang hội viên (mã mời hiện một lần) — invite to the portal',
          params: IdParamsSchema,
          body: InviteMemberBodySchema,
          response: { 200: InvitationSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        return inviteMember(deps, actorOf(req), req.params.id, req.body, baseUrlOf(req, deps.config.publicUrl));
      },
    );
    app.get(
      '/api/verify/:token',
      {
        schema: {
          tags,
          summary: 'Kiểm tra thẻ hội viên (mã QR, công khai) — public card check',
          params: z.object({ token: z.string().min(1).max(200) }),
          response: { 200: CardVerificationSchema },
        },
        config: { access: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req) => memberData.verifyCard(deps, req.params.token),
    );
  };
}
