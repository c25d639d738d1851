import {
  CreateUnitBodySchema,
  DissolveUnitBodySchema,
  GenerateCommunesBodySchema,
  GenerateCommunesResultSchema,
  IdParamsSchema,
  MergeUnitsBodySchema,
  MoveUnitBodySchema,
  SplitUnitBodySchema,
  SplitUnitResultSchema,
  TreeQuerySchema,
  TreeSchema,
  UnitHistorySchema,
  UnitListQuerySchema,
  UnitListSchema,
  UnitSchema,
  UpdateUnitBodySchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import type { Deps } from '../../platform/deps.js';
import { generateCommunes } from './generate-communes.service.js';
import * as units from './units.service.js';

const tags = ['units'];

export function unitsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/units',
      { schema: { tags, summary: 'Danh sách / tìm đơn vị — list or search units', querystring: UnitListQuerySchema, response: { 200: UnitListSchema } }, config: { access: needs('unit.read') } },
      async (req) => {
        const c = decodeCursor(req.query.cursor);
        const after = c ? { code: String(c[0]), id: String(c[1]) } : null;
        const r = await units.listUnits(deps, actorOf(req), { ...req.query, after });
        return { items: r.items, nextCursor: r.next ? encodeCursor([r.next.code, r.next.id]) : null };
      },
    );
    app.get(
      '/api/units/tree',
      { schema: { tags, summary: 'Cây tổ chức tại một ngày — tree as of a date', querystring: TreeQuerySchema, response: { 200: TreeSchema } }, config: { access: needs('unit.read') } },
      // Sent as prepared JSON bytes: a Buffer payload skips serialization and encoding (see service).
      async (req, reply) => {
        const json = await units.treeAsOf(deps, actorOf(req), req.query);
        return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof TreeSchema>);
      },
    );
    app.get(
      '/api/units/:id',
      { schema: { tags, summary: 'Một đơn vị — one unit', params: IdParamsSchema, response: { 200: UnitSchema } }, config: { access: needs('unit.read') } },
      async (req, reply) => {
        const unit = await units.getUnit(deps, actorOf(req), req.params.id);
        setEtag(reply, unit.version);
        return unit;
      },
    );
    app.get(
      '/api/units/:id/history',
      { schema: { tags, summary: 'Lịch sử đơn vị — unit history', params: IdParamsSchema, response: { 200: UnitHistorySchema } }, config: { access: needs('unit.read') } },
      async (req) => units.unitHistory(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/units',
      { schema: { tags, summary: 'Thành lập đơn vị — create a unit', body: CreateUnitBodySchema, response: { 201: UnitSchema } }, config: { access: needs('unit.manage') } },
      async (req, reply) => {
        const unit = await units.createUnit(deps, actorOf(req), req.body);
        setEtag(reply, unit.version);
        return reply.status(201).send(unit);
      },
    );
    app.patch(
      '/api/units/:id',
      { schema: { tags, summary: 'Đổi tên / mã — rename or recode (If-Match)', params: IdParamsSchema, body: UpdateUnitBodySchema, response: { 200: UnitSchema } }, config: { access: needs('unit.manage') } },
      async (req, reply) => {
        const unit = await units.updateUnit(deps, actorOf(req), req.params.id, requireIfMatch(req), req.body);
        setEtag(reply, unit.version);
        return unit;
      },
    );
    app.post(
      '/api/units/:id/move',
      { schema: { tags, summary: 'Chuyển đơn vị — move a unit', params: IdParamsSchema, body: MoveUnitBodySchema, response: { 200: UnitSchema } }, config: { access: needs('unit.manage') } },
      async (req) => units.moveUnit(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/units/merge',
      { schema: { tags, summary: 'Hợp nhất / sáp nhập — merge units', body: MergeUnitsBodySchema, response: { 200: UnitSchema } }, config: { access: needs('unit.manage') } },
      async (req) => units.mergeUnits(deps, actorOf(req), req.body),
    );
    app.post(
      '/api/units/:id/split',
      { schema: { tags, summary: 'Chia tách — split a unit', params: IdParamsSchema, body: SplitUnitBodySchema, response: { 200: SplitUnitResultSchema } }, config: { access: needs('unit.manage') } },
      async (req) => ({ items: await units.splitUnit(deps, actorOf(req), req.params.id, req.body) }),
    );
    app.post(
      '/api/units/:id/dissolve',
      { schema: { tags, summary: 'Giải thể — dissolve a unit', params: IdParamsSchema, body: DissolveUnitBodySchema, response: { 200: UnitSchema } }, config: { access: needs('unit.manage') } },
      async (req) => units.dissolveUnit(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/units/:id/generate-communes',
      { schema: { tags, summary: 'Tạo xã từ danh mục hành chính — generate communes', params: IdParamsSchema, body: GenerateCommunesBodySchema, response: { 200: GenerateCommunesResultSchema } }, config: { access: needs('unit.manage') } },
      async (req) => generateCommunes(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
