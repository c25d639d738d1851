import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  ETHNICITIES,
  IdParamsSchema,
  IdSchema,
  ImportMappingTemplateSchema,
  ImportRowsQuerySchema,
  ImportRowsSchema,
  ImportRunBodySchema,
  ImportUploadSchema,
  JobSchema,
  RELIGIONS,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../../db/engine.js';
import { AUTHENTICATED, needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { authorize } from '../../platform/authorize.js';
import type { Deps } from '../../platform/deps.js';
import { found } from '../../platform/errors.js';
import { cancelJob, getJob } from '../jobs/jobs.service.js';
import * as unitsRepo from '../units/units.repo.js';
import { writeImportTemplate } from './files/template.js';
import { createReportWriter } from './files/write.js';
import * as imports from './imports.service.js';

const tags = ['imports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Files arrive as the raw request body (no multipart): streamed to disk, never buffered.
    for (const type of ['application/octet-stream', 'text/csv', XLSX, 'application/vnd.ms-excel']) {
      app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
    }

    app.post(
      '/api/imports/members',
      {
        bodyLimit: imports.MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: 'Tải lên tệp danh sách hội viên (.xlsx, .csv) — upload a member list file',
          description:
            'Thân yêu cầu là nội dung tệp / the request body is the file. Trả về dòng tiêu đề và cách ghép cột đề xuất; chưa ghi gì vào sổ.',
          querystring: z.object({ unitId: IdSchema, fileName: z.string().trim().min(1).max(200) }),
          response: { 201: ImportUploadSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        const upload = await imports.uploadFile(deps, actorOf(req), {
          unitId: req.query.unitId,
          fileName: req.query.fileName,
          body: req.body as Readable,
        });
        return reply.code(201).send(upload);
      },
    );
    app.get(
      '/api/imports/members/:id',
      {
        schema: {
          tags,
          summary: 'Một tệp đã tải lên — an uploaded file',
          params: IdParamsSchema,
          response: { 200: ImportUploadSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => imports.getUpload(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/imports/members/:id/runs',
      {
        schema: {
          tags,
          summary: 'Xem trước hoặc nhập vào sổ (chạy nền) — preview or commit, as a background job',
          params: IdParamsSchema,
          body: ImportRunBodySchema,
          response: { 202: JobSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) =>
        reply.code(202).send(await imports.startRun(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/api/imports/runs/:id/rows',
      {
        schema: {
          tags,
          summary:
            'Các dòng cần xem: lỗi, trùng, cập nhật, cảnh báo — rows with an outcome to look at',
          params: IdParamsSchema,
          querystring: ImportRowsQuerySchema,
          response: { 200: ImportRowsSchema },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => imports.listRows(deps, actorOf(req), req.params.id, req.query),
    );
    app.get(
      '/api/imports/runs/:id/report',
      {
        schema: {
          tags,
          summary:
            'Báo cáo lỗi: các dòng không nhập được, kèm cột lỗi — the error report (re-importable)',
          params: IdParamsSchema,
          querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        const rows = imports.reportRows(deps, actorOf(req), req.params.id);
        const first = await rows.next();
        const headings = (first.value as { headings: string[] }).headings;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-report-'));
        const file = path.join(dir, `bao-cao-loi.${req.query.format}`);
        const writer = await createReportWriter(file, req.query.format, { headings });
        for await (const r of rows) await writer.add(r as never);
        await writer.close();
        const stream = fs.createReadStream(file);
        stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
        return reply
          .type(req.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
          .header(
            'content-disposition',
            `attachment; filename="bao-cao-loi-nhap.${req.query.format}"`,
          )
          .send(stream);
      },
    );
    app.get(
      '/api/imports/template',
      {
        schema: {
          tags,
          summary:
            'Tải mẫu nhập hội viên (.xlsx, có danh sách chọn) — the import template with dropdowns',
          querystring: z.object({ unitId: IdSchema }),
        },
        config: { access: needs('member.manage') },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const units = await inTenant(deps.db.app, actor.associationId, async (tx) => {
          const unit = found(await unitsRepo.findUnit(tx, req.query.unitId));
          authorize(actor, 'member.manage', unit);
          const rows = await tx
            .selectFrom('units as u')
            .innerJoin('unitPaths as up', (j) =>
              j.onRef('up.associationId', '=', 'u.associationId').onRef('up.unitId', '=', 'u.id'),
            )
            .select(['u.code', 'u.name'])
            .where('u.status', '=', 'active')
            .where('u.parentId', '=', unit.id)
            .orderBy('u.code')
            .execute();
          return rows.length ? rows : [{ code: unit.code, name: unit.name }];
        });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-template-'));
        const file = path.join(dir, 'mau-nhap-hoi-vien.xlsx');
        await writeImportTemplate(file, {
          units,
          ethnicities: Object.values(ETHNICITIES),
          religions: Object.values(RELIGIONS),
        });
        const stream = fs.createReadStream(file);
        stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
        return reply
          .type(XLSX)
          .header('content-disposition', 'attachment; filename="mau-nhap-hoi-vien.xlsx"')
          .send(stream);
      },
    );
    app.get(
      '/api/imports/mappings',
      {
        schema: {
          tags,
          summary: 'Các mẫu ghép cột đã lưu — saved column mappings',
          response: { 200: z.array(ImportMappingTemplateSchema) },
        },
        config: { access: needs('member.manage') },
      },
      async (req) => {
        const actor = actorOf(req);
        const rows = await inTenant(deps.db.app, actor.associationId, (tx) =>
          tx
            .selectFrom('importTemplates')
            .select(['id', 'name', 'columns'])
            .orderBy('createdAt', 'desc')
            .limit(100)
            .execute(),
        );
        return rows;
      },
    );

    app.get(
      '/api/jobs/:id',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Tiến độ một tác vụ — a job and its progress',
          params: IdParamsSchema,
          response: { 200: JobSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => getJob(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/jobs/:id/cancel',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Hủy tác vụ (lô đang ghi bị hủy trọn vẹn) — cancel a job',
          params: IdParamsSchema,
          response: { 200: JobSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => cancelJob(deps, actorOf(req), req.params.id),
    );
  };
}
