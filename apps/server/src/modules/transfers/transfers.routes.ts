import {
  AcceptTransferBodySchema,
  CreateTransferBodySchema,
  IdParamsSchema,
  RefuseTransferBodySchema,
  TransferListQuerySchema,
  TransferListSchema,
  TransferSchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Deps } from '../../platform/deps.js';
import * as transfers from './transfers.service.js';

const tags = ['transfers'];

export function transfersRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/transfers',
      {
        schema: {
          tags,
          summary: 'Hộp chuyển sinh hoạt: đến, đi, quá hạn — transfer boxes',
          querystring: TransferListQuerySchema,
          response: { 200: TransferListSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => {
        const { cursor, ...query } = req.query;
        const c = decodeCursor(cursor);
        const r = await transfers.listTransfers(deps, actorOf(req), {
          ...query,
          beforeId: c && typeof c[0] === 'string' ? c[0] : null,
        });
        return { items: r.items, nextCursor: r.next ? encodeCursor([r.next]) : null };
      },
    );
    app.get(
      '/api/transfers/:id',
      {
        schema: {
          tags,
          summary: 'Một lượt chuyển sinh hoạt — one transfer',
          params: IdParamsSchema,
          response: { 200: TransferSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => transfers.getTransfer(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/transfers',
      {
        schema: {
          tags,
          summary: 'Giới thiệu chuyển sinh hoạt (đơn vị đi) — release a member to another unit',
          body: CreateTransferBodySchema,
          response: { 201: TransferSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) =>
        reply.status(201).send(await transfers.createTransfer(deps, actorOf(req), req.body)),
    );
    app.post(
      '/api/transfers/:id/accept',
      {
        schema: {
          tags,
          summary: 'Tiếp nhận (đơn vị nhận, hoặc cấp trên chung khi quá hạn) — accept a transfer',
          params: IdParamsSchema,
          body: AcceptTransferBodySchema,
          response: { 200: TransferSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => transfers.acceptTransfer(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/transfers/:id/refuse',
      {
        schema: {
          tags,
          summary: 'Từ chối tiếp nhận, có lý do — refuse a transfer',
          params: IdParamsSchema,
          body: RefuseTransferBodySchema,
          response: { 200: TransferSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => transfers.refuseTransfer(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/transfers/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Hủy giới thiệu chuyển (đơn vị đi) — cancel a pending transfer',
          params: IdParamsSchema,
          response: { 200: TransferSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => transfers.cancelTransfer(deps, actorOf(req), req.params.id),
    );
  };
}
