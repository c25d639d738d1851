import {
  CreateIndicatorBodySchema,
  DashboardQuerySchema,
  DashboardSchema,
  IdParamsSchema,
  IndicatorListSchema,
  IndicatorSchema,
  OpenReportBodySchema,
  OversightComparisonSchema,
  OversightQuerySchema,
  PeriodListQuerySchema,
  PeriodListSchema,
  ReportActionBodySchema,
  ReportActionParamsSchema,
  ReportDocumentQuerySchema,
  ReportListQuerySchema,
  ReportListSchema,
  ReportSchema,
  SaveReportBodySchema,
  TemplateBodySchema,
  TemplateListSchema,
  TemplateSchema,
  type Report,
} from '@hoi/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { dashboard, oversightComparison } from './dashboard.service.js';
import { dashboardDocument, oversightDocument, reportDocument } from './documents.service.js';
import { periodsOfYear } from './periods.js';
import * as reports from './reports.service.js';
import * as templates from './templates.service.js';

const tags = ['reports'];
const READ = needs('report.read');
const SUBMIT = needs('report.submit');
const ADMIN = needs('association.manage');

function withEtag(reply: FastifyReply, r: Report): Report {
  setEtag(reply, r.version);
  return r;
}

function download(reply: FastifyReply, f: { name: string; mime: string; body: Buffer }) {
  return reply
    .type(f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('cache-control', 'private, no-store')
    .send(f.body);
}

export function reportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reports/indicators',
      {
        schema: {
          tags,
          summary: 'Danh mục chỉ tiêu (tự động, nhập tay) — indicator catalogue',
          response: { 200: IndicatorListSchema },
        },
        config: { access: READ },
      },
      async (req) => ({ items: await templates.listIndicators(deps, actorOf(req)) }),
    );
    app.post(
      '/api/reports/indicators',
      {
        schema: {
          tags,
          summary: 'Thêm chỉ tiêu nhập tay — define a manual indicator',
          body: CreateIndicatorBodySchema,
          response: { 201: IndicatorSchema },
        },
        config: { access: ADMIN },
      },
      async (req, reply) =>
        reply.status(201).send(await templates.createIndicator(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/reports/templates',
      {
        schema: {
          tags,
          summary: 'Biểu mẫu báo cáo — report templates',
          response: { 200: TemplateListSchema },
        },
        config: { access: READ },
      },
      async (req) => ({ items: await templates.listTemplates(deps, actorOf(req)) }),
    );
    app.get(
      '/api/reports/templates/:id',
      {
        schema: {
          tags,
          summary: 'Một biểu mẫu — one template',
          params: IdParamsSchema,
          response: { 200: TemplateSchema },
        },
        config: { access: READ },
      },
      async (req, reply) => {
        const t = await templates.getTemplate(deps, actorOf(req), req.params.id);
        setEtag(reply, t.version);
        return t;
      },
    );
    app.post(
      '/api/reports/templates',
      {
        schema: {
          tags,
          summary: 'Tạo biểu mẫu — create a template',
          body: TemplateBodySchema,
          response: { 201: TemplateSchema },
        },
        config: { access: ADMIN },
      },
      async (req, reply) => {
        const t = await templates.saveTemplate(deps, actorOf(req), null, req.body, null);
        setEtag(reply, t.version);
        return reply.status(201).send(t);
      },
    );
    app.put(
      '/api/reports/templates/:id',
      {
        schema: {
          tags,
          summary: 'Sửa biểu mẫu (If-Match) — update a template',
          params: IdParamsSchema,
          body: TemplateBodySchema,
          response: { 200: TemplateSchema },
        },
        config: { access: ADMIN },
      },
      async (req, reply) => {
        const t = await templates.saveTemplate(
          deps,
          actorOf(req),
          req.params.id,
          req.body,
          requireIfMatch(req),
        );
        setEtag(reply, t.version);
        return t;
      },
    );
    app.get(
      '/api/reports/periods',
      {
        schema: {
          tags,
          summary: 'Các kỳ báo cáo của biểu mẫu trong năm — periods of a template in a year',
          querystring: PeriodListQuerySchema,
          response: { 200: PeriodListSchema },
        },
        config: { access: READ },
      },
      async (req) => {
        const t = await templates.getTemplate(deps, actorOf(req), req.query.templateId);
        const year = req.query.year ?? Number(todayIn(deps.clock).slice(0, 4));
        return { items: periodsOfYear(year, t.periodTypes, t.cutoffDay) };
      },
    );
    app.get(
      '/api/reports',
      {
        schema: {
          tags,
          summary:
            'Báo cáo của đơn vị và cấp dưới trong kỳ, tiến độ nộp — own and children reports, completeness',
          querystring: ReportListQuerySchema,
          response: { 200: ReportListSchema },
        },
        config: { access: READ },
      },
      async (req) => reports.listReports(deps, actorOf(req), req.query),
    );
    app.post(
      '/api/reports',
      {
        schema: {
          tags,
          summary: 'Lập (mở) báo cáo: số liệu tự động lấy từ sổ hội viên — open a report',
          body: OpenReportBodySchema,
          response: { 200: ReportSchema },
        },
        config: { access: SUBMIT },
      },
      async (req, reply) => withEtag(reply, await reports.openReport(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/reports/dashboard',
      {
        schema: {
          tags,
          summary: 'Bảng điều hành giao ban — briefing dashboard',
          querystring: DashboardQuerySchema,
          response: { 200: DashboardSchema },
        },
        config: { access: READ },
      },
      async (req) => dashboard(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/reports/dashboard/document',
      {
        schema: {
          tags,
          summary: 'Tổng hợp giao ban (.docx, .xlsx) — briefing summary',
          querystring: DashboardQuerySchema.extend(ReportDocumentQuerySchema.shape),
        },
        config: { access: READ },
      },
      async (req, reply) => download(reply, await dashboardDocument(deps, actorOf(req), req.query)),
    );
    app.get(
      '/api/reports/:id',
      {
        schema: {
          tags,
          summary: 'Một báo cáo — one report',
          params: IdParamsSchema,
          response: { 200: ReportSchema },
        },
        config: { access: READ },
      },
      async (req, reply) =>
        withEtag(reply, await reports.getReport(deps, actorOf(req), req.params.id)),
    );
    app.put(
      '/api/reports/:id/values',
      {
        schema: {
          tags,
          summary: 'Lưu số liệu nhập tay và thuyết minh (If-Match) — save values',
          params: IdParamsSchema,
          body: SaveReportBodySchema,
          response: { 200: ReportSchema },
        },
        config: { access: SUBMIT },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await reports.saveValues(
            deps,
            actorOf(req),
            req.params.id,
            requireIfMatch(req),
            req.body,
          ),
        ),
    );
    app.post(
      '/api/reports/:id/refresh',
      {
        schema: {
          tags,
          summary: 'Cập nhật số liệu tự động (If-Match) — recompute automatic values',
          params: IdParamsSchema,
          response: { 200: ReportSchema },
        },
        config: { access: SUBMIT },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await reports.refreshReport(deps, actorOf(req), req.params.id, requireIfMatch(req)),
        ),
    );
    app.get(
      '/api/reports/:id/document',
      {
        schema: {
          tags,
          summary: 'Báo cáo (.docx theo Nghị định 30/2020, .xlsx) — the report as a document',
          params: IdParamsSchema,
          querystring: ReportDocumentQuerySchema,
        },
        config: { access: READ },
      },
      async (req, reply) =>
        download(
          reply,
          await reportDocument(deps, actorOf(req), req.params.id, req.query.format, req.query),
        ),
    );
    app.post(
      '/api/reports/:id/:action',
      {
        schema: {
          tags,
          summary:
            'Gửi, trả lại, duyệt, hủy duyệt, tiếp nhận, hủy tiếp nhận, khóa (If-Match) — workflow action',
          params: ReportActionParamsSchema,
          body: ReportActionBodySchema.optional(),
          response: { 200: ReportSchema },
        },
        config: { access: SUBMIT },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await reports.actOnReport(
            deps,
            actorOf(req),
            req.params.id,
            req.params.action,
            requireIfMatch(req),
            req.body?.comment,
          ),
        ),
    );
    app.get(
      '/api/oversight/briefing',
      {
        schema: {
          tags,
          summary: 'So sánh các hội (chỉ số liệu đã duyệt) — compare associations',
          querystring: OversightQuerySchema,
          response: { 200: OversightComparisonSchema },
        },
        config: { access: needs('oversight.read') },
      },
      async (req) => oversightComparison(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/oversight/briefing/document',
      {
        schema: {
          tags,
          summary: 'So sánh các hội (.docx, .xlsx) — comparison document',
          querystring: OversightQuerySchema.extend(ReportDocumentQuerySchema.shape),
        },
        config: { access: needs('oversight.read') },
      },
      async (req, reply) => download(reply, await oversightDocument(deps, actorOf(req), req.query)),
    );
  };
}
