import {
  CreateMemberBodySchema,
  CreateSavedFilterBodySchema,
  IdParamsSchema,
  MemberCountsQuerySchema,
  MemberCountsSchema,
  MemberExportQuerySchema,
  MemberListQuerySchema,
  MemberListSchema,
  MemberSchema,
  MemberTimelineSchema,
  OkSchema,
  PersonSchema,
  SavedFilterListSchema,
  SavedFilterSchema,
  TransitionBodySchema,
  UpdateMemberBodySchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import type { Deps } from '../../platform/deps.js';
import { BranchListQuerySchema, printBranchList } from './branch-list.js';
import { exportMembers } from './members.export.js';
import * as search from './members-search.service.js';
import * as members from './members.service.js';
import * as savedFilters from './saved-filters.service.js';

const tags = ['members'];

const PersonWithMembershipsSchema = z.object({
  person: PersonSchema,
  memberships: z.array(
    z.object({
      id: z.uuid(),
      memberNumber: z.string(),
      status: z.string(),
      category: z.string(),
      joinedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
      appliedOn: z.string().nullable(),
      unitId: z.uuid(),
      unitName: z.string(),
    }),
  ),
});

export function membersRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/members',
      {
        schema: {
          tags,
          summary: 'Danh sách hội viên, tìm kiếm — member list and search',
          querystring: MemberListQuerySchema,
          response: { 200: MemberListSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => {
        const c = decodeCursor(req.query.cursor);
        const after =
          c && typeof c[0] === 'string' && typeof c[1] === 'string'
            ? { key: c[0], id: c[1] }
            : null;
        const mode = c?.[2] === 'fragment' ? ('fragment' as const) : ('words' as const);
        const r = await search.listMembers(deps, actorOf(req), {
          ...req.query,
          after,
          limit: req.query.limit,
          mode,
        });
        return {
          items: r.items,
          nextCursor: r.next ? encodeCursor([r.next.key, r.next.id, r.mode]) : null,
          total: null,
        };
      },
    );
    app.get(
      '/api/members/export',
      {
        schema: {
          tags,
          summary: 'Xuất danh sách hội viên (CSV, Excel) — export the filtered list',
          querystring: MemberExportQuerySchema,
        },
        config: { access: needs('member.read') },
      },
      async (req, reply) => exportMembers(deps, actorOf(req), req.query, reply),
    );
    app.get(
      '/api/members/branch-list',
      {
        schema: {
          tags,
          summary: 'In danh sách hội viên chi hội (.xlsx, .docx) — printable member list of a unit',
          querystring: BranchListQuerySchema,
        },
        config: { access: needs('member.read') },
      },
      async (req, reply) => {
        const file = await printBranchList(deps, actorOf(req), req.query);
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(file.bytes);
      },
    );
    app.get(
      '/api/members/counts',
      {
        schema: {
          tags,
          summary:
            'Số hội viên theo đơn vị, trạng thái, loại, giới tính tại một ngày — counts as of a date',
          querystring: MemberCountsQuerySchema,
          response: { 200: MemberCountsSchema },
        },
        config: { access: needs('member.read') },
      },
      // Sent as the JSON text the database wrote: no per-row work on ~130,000 rows (decision 70).
      async (req, reply) =>
        reply
          .type('application/json; charset=utf-8')
          .send(
            (await search.counts(deps, actorOf(req), req.query)) as unknown as z.infer<
              typeof MemberCountsSchema
            >,
          ),
    );
    app.post(
      '/api/members',
      {
        schema: {
          tags,
          summary: 'Nhận đơn / kết nạp hội viên — apply or admit a member',
          body: CreateMemberBodySchema,
          response: { 201: MemberSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        const m = await members.createMember(deps, actorOf(req), req.body);
        setEtag(reply, m.version);
        return reply.status(201).send(m);
      },
    );
    app.get(
      '/api/members/:id',
      {
        schema: {
          tags,
          summary: 'Hồ sơ hội viên — member record',
          params: IdParamsSchema,
          response: { 200: MemberSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req, reply) => {
        const m = await members.getMember(deps, actorOf(req), req.params.id);
        setEtag(reply, m.version);
        return m;
      },
    );
    app.patch(
      '/api/members/:id',
      {
        schema: {
          tags,
          summary: 'Sửa hồ sơ hội viên (If-Match) — edit a member',
          params: IdParamsSchema,
          body: UpdateMemberBodySchema,
          response: { 200: MemberSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        const m = await members.updateMember(
          deps,
          actorOf(req),
          req.params.id,
          requireIfMatch(req),
          req.body,
        );
        setEtag(reply, m.version);
        return m;
      },
    );
    app.post(
      '/api/members/:id/transitions',
      {
        schema: {
          tags,
          summary: 'Kết nạp, đình chỉ, ra hội, xóa tên, từ trần… (If-Match) — status change',
          params: IdParamsSchema,
          body: TransitionBodySchema,
          response: { 200: MemberSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        const m = await members.transition(
          deps,
          actorOf(req),
          req.params.id,
          requireIfMatch(req),
          req.body,
        );
        setEtag(reply, m.version);
        return m;
      },
    );
    app.get(
      '/api/members/:id/timeline',
      {
        schema: {
          tags,
          summary: 'Quá trình sinh hoạt — member timeline',
          params: IdParamsSchema,
          response: { 200: MemberTimelineSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => ({ items: await members.timeline(deps, actorOf(req), req.params.id) }),
    );
    app.get(
      '/api/people/:id',
      {
        schema: {
          tags,
          summary: 'Một người và các lượt hội viên trong hội — a person and their memberships here',
          params: IdParamsSchema,
          response: { 200: PersonWithMembershipsSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => members.getPerson(deps, actorOf(req), req.params.id),
    );
    app.get(
      '/api/saved-filters',
      {
        schema: {
          tags,
          summary: 'Bộ lọc đã lưu — saved filters',
          response: { 200: SavedFilterListSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => ({ items: await savedFilters.list(deps, actorOf(req)) }),
    );
    app.post(
      '/api/saved-filters',
      {
        schema: {
          tags,
          summary: 'Lưu bộ lọc — save a filter',
          body: CreateSavedFilterBodySchema,
          response: { 201: SavedFilterSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req, reply) =>
        reply.status(201).send(await savedFilters.create(deps, actorOf(req), req.body)),
    );
    app.delete(
      '/api/saved-filters/:id',
      {
        schema: {
          tags,
          summary: 'Xóa bộ lọc — delete a saved filter',
          params: IdParamsSchema,
          response: { 200: OkSchema },
        },
        config: { access: needs('member.read') },
      },
      async (req) => {
        await savedFilters.remove(deps, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
