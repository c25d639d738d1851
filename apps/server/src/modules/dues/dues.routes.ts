import {
  ArrearsListSchema,
  ArrearsQuerySchema,
  BulkPaymentBodySchema,
  BulkPaymentResultSchema,
  CreateDuesRateBodySchema,
  CreateExemptionBodySchema,
  CreatePaymentBodySchema,
  DuesCollectionQuerySchema,
  DuesCollectionSchema,
  DuesRateListSchema,
  DuesRateQuerySchema,
  DuesRateSchema,
  ExemptionSchema,
  IdParamsSchema,
  MemberDuesSchema,
  PaymentSchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Deps } from '../../platform/deps.js';
import * as reports from './dues-reports.service.js';
import * as dues from './dues.service.js';

const tags = ['dues'];

export function duesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dues/rates',
      {
        schema: {
          tags,
          summary: 'Mức hội phí theo năm, đơn vị, loại hội viên — dues rates',
          querystring: DuesRateQuerySchema,
          response: { 200: DuesRateListSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => dues.listRates(deps, actorOf(req), req.query),
    );
    app.post(
      '/api/dues/rates',
      {
        schema: {
          tags,
          summary: 'Đặt mức hội phí (không sửa được; trùng → 409) — set a dues rate',
          body: CreateDuesRateBodySchema,
          response: { 201: DuesRateSchema },
        },
        config: { access: needs('dues.manage') },
      },
      async (req, reply) =>
        reply.status(201).send(await dues.createRate(deps, actorOf(req), req.body)),
    );
    app.post(
      '/api/dues/exemptions',
      {
        schema: {
          tags,
          summary: 'Miễn hội phí — record a dues exemption',
          body: CreateExemptionBodySchema,
          response: { 201: ExemptionSchema },
        },
        config: { access: needs('dues.manage') },
      },
      async (req, reply) =>
        reply.status(201).send(await dues.createExemption(deps, actorOf(req), req.body)),
    );
    app.post(
      '/api/dues/exemptions/:id/end',
      {
        schema: {
          tags,
          summary: 'Chấm dứt miễn hội phí từ năm sau — end an exemption after this year',
          params: IdParamsSchema,
          response: { 200: ExemptionSchema },
        },
        config: { access: needs('dues.manage') },
      },
      async (req) => dues.endExemption(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/dues/payments',
      {
        schema: {
          tags,
          summary: 'Ghi nhận nộp hội phí — record a dues payment',
          body: CreatePaymentBodySchema,
          response: { 201: PaymentSchema },
        },
        config: { access: needs('dues.manage') },
      },
      async (req, reply) =>
        reply.status(201).send(await dues.createPayment(deps, actorOf(req), req.body)),
    );
    app.post(
      '/api/dues/payments/bulk',
      {
        schema: {
          tags,
          summary: 'Ghi nhận hội phí cả chi hội (tất cả hoặc không) — record a branch batch',
          body: BulkPaymentBodySchema,
          response: { 201: BulkPaymentResultSchema },
        },
        config: { access: needs('dues.manage') },
      },
      async (req, reply) =>
        reply.status(201).send(await dues.createBulkPayment(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/dues/collection',
      {
        schema: {
          tags,
          summary: 'Bảng thu hội phí của đơn vị theo năm — collection sheet',
          querystring: DuesCollectionQuerySchema,
          response: { 200: DuesCollectionSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => reports.collection(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/dues/arrears',
      {
        schema: {
          tags,
          summary: 'Hội viên nợ hội phí quá hạn (cờ xem xét, không tự xóa tên) — dues arrears',
          querystring: ArrearsQuerySchema,
          response: { 200: ArrearsListSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => {
        const { cursor, ...query } = req.query;
        const c = decodeCursor(cursor);
        const after =
          c && typeof c[0] === 'string' && typeof c[1] === 'string'
            ? { key: c[0], id: c[1] }
            : null;
        const { next, ...r } = await reports.arrears(deps, actorOf(req), { ...query, after });
        return { ...r, nextCursor: next ? encodeCursor([next.key, next.id]) : null };
      },
    );
    app.get(
      '/api/members/:id/dues',
      {
        schema: {
          tags: ['members', ...tags],
          summary: 'Hội phí của một hội viên — a member’s dues',
          params: IdParamsSchema,
          response: { 200: MemberDuesSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => reports.memberDues(deps, actorOf(req), req.params.id),
    );
  };
}
