import {
  AcceptCaseBodySchema,
  AssignVerifierBodySchema,
  CalendarQuerySchema,
  CalendarSchema,
  CaseDocumentBodySchema,
  CaseHandlerListSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseRecordBodySchema,
  CaseSchema,
  CaseStatsQuerySchema,
  CaseStatsSchema,
  ClassifyCaseBodySchema,
  ClearanceBodySchema,
  CloseCaseBodySchema,
  ConcludeCaseBodySchema,
  CreateCaseBodySchema,
  OnlineCaseBodySchema,
  OnlineCaseReceiptSchema,
  PublicCaseBodySchema,
  EmergencyAccessBodySchema,
  ExtendCaseBodySchema,
  ForwardCaseBodySchema,
  IdParamsSchema,
  IdSchema,
  OkSchema,
  PublishCaseBodySchema,
  RejectCaseBodySchema,
  ResumeCaseBodySchema,
  RuleSetSchema,
  SealedIdentitySchema,
  SuspendCaseBodySchema,
  WithdrawCaseBodySchema,
} from '@hoi/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs, PUBLIC, type RouteAccess } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import type { Deps } from '../../platform/deps.js';
import type { Case } from '@hoi/contracts';
import * as cases from './cases.service.js';
import * as workflow from './cases-workflow.service.js';
import * as sealed from './cases-sealed.service.js';
import { caseStats, listCases } from './cases-inbox.service.js';
import { issueDocument, readDocument } from './cases-documents.service.js';
import { submitFromPortal, submitPublic } from './cases-online.service.js';
import { calendarOfYear, listRuleSets, saveRuleSet } from './cases-settings.service.js';

const tags = ['cases'];
const HANDLER: RouteAccess = needs('case.manage');
const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];
const ATTACHMENT_MAX = 10 * 1024 * 1024;

function withEtag(reply: FastifyReply, c: Case): Case {
  setEtag(reply, c.version);
  return c;
}

function download(reply: FastifyReply, f: { name: string; mime: string; body: Buffer }) {
  return reply
    .type(f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('cache-control', 'private, no-store')
    .send(f.body);
}

/** The workflow actions: POST /api/cases/:id/<name>, If-Match, body → service call. */
const ACTIONS = [
  ['classify', 'Phân loại đơn — classify', ClassifyCaseBodySchema, workflow.classifyCase],
  ['accept', 'Thụ lý — accept', AcceptCaseBodySchema, workflow.acceptCase],
  [
    'reject',
    'Không thụ lý (nêu căn cứ) — do not accept, with the ground',
    RejectCaseBodySchema,
    workflow.rejectCase,
  ],
  [
    'forward',
    'Chuyển đơn đến cơ quan có thẩm quyền — forward',
    ForwardCaseBodySchema,
    workflow.forwardCase,
  ],
  [
    'records',
    'Thêm kế hoạch, biên bản, đối thoại — add a record',
    CaseRecordBodySchema,
    workflow.addRecord,
  ],
  [
    'extensions',
    'Gia hạn giải quyết (theo quyết định) — extend',
    ExtendCaseBodySchema,
    workflow.extendCase,
  ],
  [
    'suspend',
    'Tạm đình chỉ (đồng hồ dừng) — suspend the clock',
    SuspendCaseBodySchema,
    workflow.suspendCase,
  ],
  ['resume', 'Tiếp tục giải quyết — resume the clock', ResumeCaseBodySchema, workflow.resumeCase],
  ['withdraw', 'Rút đơn — withdrawal', WithdrawCaseBodySchema, workflow.withdrawCase],
  [
    'conclude',
    'Kết luận, quyết định giải quyết — conclude',
    ConcludeCaseBodySchema,
    workflow.concludeCase,
  ],
  [
    'publish',
    'Công khai kết luận (≥ 15 ngày, không có thông tin người tố cáo) — publish',
    PublishCaseBodySchema,
    workflow.publishCase,
  ],
  ['close', 'Kết thúc hồ sơ — close', CloseCaseBodySchema, workflow.closeCase],
] as const;

export function casesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      ATTACHMENT_TYPES,
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'Hộp đơn thư theo hạn gần nhất — case inbox by nearest deadline',
          querystring: CaseListQuerySchema,
          response: { 200: CaseListSchema },
        },
        config: { access: HANDLER },
      },
      async (req) => listCases(deps, actorOf(req), req.query),
    );
    app.post(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'Tiếp nhận đơn (trực tiếp, thư, trực tuyến) — record a case',
          body: CreateCaseBodySchema,
          response: { 201: CaseSchema },
        },
        config: { access: HANDLER },
      },
      async (req, reply) => {
        const c = await cases.createCase(deps, actorOf(req), req.body);
        setEtag(reply, c.version);
        return reply.status(201).send(c);
      },
    );
    app.post(
      '/api/public/cases',
      {
        schema: {
          tags,
          summary:
            'Gửi đơn trực tuyến (công khai, giới hạn tần suất) — send a case online (public form)',
          body: PublicCaseBodySchema,
          response: { 201: OnlineCaseReceiptSchema },
        },
        bodyLimit: 64 * 1024,
        config: { access: PUBLIC, csrfExempt: true, rateLimit: { max: 10, timeWindow: '1 hour' } },
      },
      async (req, reply) => reply.status(201).send(await submitPublic(deps, req.body)),
    );
    app.post(
      '/api/portal/cases',
      {
        schema: {
          tags,
          summary: 'Hội viên gửi đơn qua cổng hội viên — a member sends a case from the portal',
          body: OnlineCaseBodySchema,
          response: { 201: OnlineCaseReceiptSchema },
        },
        bodyLimit: 64 * 1024,
        config: { access: needs('self.read'), rateLimit: { max: 20, timeWindow: '1 hour' } },
      },
      async (req, reply) =>
        reply.status(201).send(await submitFromPortal(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/cases/stats',
      {
        schema: {
          tags,
          summary: 'Thống kê tiếp nhận, thụ lý, giải quyết, quá hạn — case statistics',
          querystring: CaseStatsQuerySchema,
          response: { 200: CaseStatsSchema },
        },
        config: { access: HANDLER },
      },
      async (req) => caseStats(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/cases/calendar',
      {
        schema: {
          tags,
          summary: 'Lịch ngày nghỉ, ngày làm bù — the working-day calendar of a year',
          querystring: CalendarQuerySchema,
          response: { 200: CalendarSchema },
        },
        config: { access: HANDLER },
      },
      async (req) => calendarOfYear(deps, req.query.year),
    );
    app.get(
      '/api/cases/rule-sets',
      {
        schema: {
          tags,
          summary: 'Bộ quy tắc thời hạn theo ngày hiệu lực — deadline rule sets',
          response: {
            200: z.object({
              items: z.array(RuleSetSchema.extend({ source: z.enum(['national', 'association']) })),
            }),
          },
        },
        config: { access: HANDLER },
      },
      async (req) => listRuleSets(deps, actorOf(req)),
    );
    app.post(
      '/api/cases/rule-sets',
      {
        schema: {
          tags,
          summary:
            'Ban hành bộ quy tắc của hội (có ngày hiệu lực) — add the association’s rule set',
          body: RuleSetSchema,
          response: { 201: OkSchema },
        },
        config: { access: needs('association.manage') },
      },
      async (req, reply) => reply.status(201).send(await saveRuleSet(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/cases/:id',
      {
        schema: {
          tags,
          summary: 'Một vụ việc (không có thông tin niêm phong) — one case, without sealed values',
          params: IdParamsSchema,
          response: { 200: CaseSchema },
        },
        config: { access: HANDLER },
      },
      async (req, reply) => withEtag(reply, await cases.getCase(deps, actorOf(req), req.params.id)),
    );
    for (const [name, summary, body, fn] of ACTIONS) {
      app.post(
        `/api/cases/:id/${name}`,
        {
          schema: {
            tags,
            summary: `${summary} (If-Match)`,
            params: IdParamsSchema,
            body,
            response: { 200: CaseSchema },
          },
          config: { access: HANDLER },
        },
        async (req, reply) => {
          const version = requireIfMatch(req);
          const run = fn as (
            d: Deps,
            a: ReturnType<typeof actorOf>,
            id: string,
            v: number,
            b: unknown,
          ) => Promise<Case>;
          return withEtag(reply, await run(deps, actorOf(req), req.params.id, version, req.body));
        },
      );
    }
    app.post(
      '/api/cases/:id/verifiers',
      {
        schema: {
          tags,
          summary: 'Giao người xác minh (không được xem danh tính) — assign a verifier (If-Match)',
          params: IdParamsSchema,
          body: AssignVerifierBodySchema,
          response: { 200: CaseSchema },
        },
        config: { access: HANDLER },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await sealed.assignVerifier(
            deps,
            actorOf(req),
            req.params.id,
            requireIfMatch(req),
            req.body.userId,
          ),
        ),
    );
    app.get(
      '/api/cases/:id/sealed',
      {
        schema: {
          tags,
          summary:
            'Danh tính niêm phong (cần được giao quyền; ghi nhật ký) — sealed identity (clearance, audited)',
          params: IdParamsSchema,
          response: { 200: SealedIdentitySchema },
        },
        config: { access: HANDLER },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        return sealed.readSealed(deps, actorOf(req), req.params.id);
      },
    );
    app.post(
      '/api/cases/:id/sealed/emergency',
      {
        schema: {
          tags,
          summary: 'Truy cập khẩn cấp (ghi lý do; báo quản trị viên) — emergency access',
          params: IdParamsSchema,
          body: EmergencyAccessBodySchema,
          response: { 200: SealedIdentitySchema },
        },
        config: { access: HANDLER },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        return sealed.emergencyRead(deps, actorOf(req), req.params.id, req.body.reason);
      },
    );
    app.get(
      '/api/cases/:id/handlers',
      {
        schema: {
          tags,
          summary:
            'Người có thể xử lý vụ việc (chọn người xác minh, giao quyền) — who may handle the case',
          params: IdParamsSchema,
          response: { 200: CaseHandlerListSchema },
        },
        config: { access: HANDLER },
      },
      async (req) => sealed.listHandlers(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/cases/:id/clearances',
      {
        schema: {
          tags,
          summary: 'Giao quyền tiếp cận thông tin niêm phong — grant clearance',
          params: IdParamsSchema,
          body: ClearanceBodySchema,
          response: { 200: OkSchema },
        },
        config: { access: HANDLER },
      },
      async (req) => sealed.grantClearance(deps, actorOf(req), req.params.id, req.body.userId),
    );
    app.delete(
      '/api/cases/:id/clearances/:userId',
      {
        schema: {
          tags,
          summary: 'Thu hồi quyền tiếp cận — revoke clearance',
          params: z.object({ id: IdSchema, userId: IdSchema }),
          response: { 200: OkSchema },
        },
        config: { access: HANDLER },
      },
      async (req) => sealed.revokeClearance(deps, actorOf(req), req.params.id, req.params.userId),
    );
    app.post(
      '/api/cases/:id/attachments',
      {
        schema: {
          tags,
          summary:
            'Đính kèm bản quét (nội dung thô; ?name=&identityBearing=true để niêm phong) — attach a scan (raw body)',
          params: IdParamsSchema,
          querystring: z.object({
            name: z.string().trim().min(1).max(200),
            identityBearing: z.enum(['true', 'false']).default('true'),
          }),
          response: {
            201: z.object({
              id: IdSchema,
              name: z.string(),
              size: z.number(),
              identityBearing: z.boolean(),
            }),
          },
        },
        bodyLimit: ATTACHMENT_MAX,
        config: { access: HANDLER },
      },
      async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const r = await sealed.addAttachment(deps, actorOf(req), req.params.id, {
          name: req.query.name,
          mime: String(req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!,
          body,
          identityBearing: req.query.identityBearing === 'true',
        });
        return reply.status(201).send(r);
      },
    );
    app.get(
      '/api/cases/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          summary:
            'Tải tệp đính kèm (tệp mang danh tính cần được giao quyền) — download an attachment',
          params: z.object({ id: IdSchema, attachmentId: IdSchema }),
        },
        config: { access: HANDLER },
      },
      async (req, reply) =>
        download(
          reply,
          await sealed.readAttachment(deps, actorOf(req), req.params.id, req.params.attachmentId),
        ),
    );
    app.post(
      '/api/cases/:id/documents',
      {
        schema: {
          tags,
          summary:
            'Ban hành thông báo, quyết định (.docx theo Nghị định 30/2020, đánh số) — issue a numbered document',
          params: IdParamsSchema,
          body: CaseDocumentBodySchema,
          response: { 201: z.object({ id: IdSchema, number: z.string() }) },
        },
        config: { access: HANDLER },
      },
      async (req, reply) =>
        reply.status(201).send(await issueDocument(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/api/cases/:id/documents/:documentId',
      {
        schema: {
          tags,
          summary: 'Tải văn bản đã ban hành (.docx) — download an issued document',
          params: z.object({ id: IdSchema, documentId: IdSchema }),
        },
        config: { access: HANDLER },
      },
      async (req, reply) =>
        download(
          reply,
          await readDocument(deps, actorOf(req), req.params.id, req.params.documentId),
        ),
    );
  };
}
