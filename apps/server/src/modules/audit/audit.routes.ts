import { AuditListQuerySchema, AuditListSchema, AuditVerifySchema } from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTenant } from '../../db/engine.js';
import { needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { authorizeAny } from '../../platform/authorize.js';
import type { Deps } from '../../platform/deps.js';
import { listEntries } from './audit.repo.js';
import { verifyAudit } from './audit.service.js';

export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], summary: 'Nhật ký kiểm toán — audit log', querystring: AuditListQuerySchema, response: { 200: AuditListSchema } }, config: { access: needs('audit.read') } },
      async (req) => {
        const actor = actorOf(req);
        const c = decodeCursor(req.query.cursor);
        const rows = await inTenant(deps.db.app, actor.associationId, (tx) =>
          listEntries(tx, actor.associationId, {
            limit: req.query.limit + 1,
            ...(c ? { beforeSeq: Number(c[0]) } : {}),
            ...(req.query.entityId ? { entityId: req.query.entityId } : {}),
            ...(req.query.unitId ? { unitIds: [req.query.unitId] } : {}),
          }),
        );
        const page = rows.slice(0, req.query.limit);
        return {
          items: page.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actorName: r.actorName, action: r.action, entityType: r.entityType, entityId: r.entityId, unitId: r.unitId, before: r.before, after: r.after })),
          nextCursor: rows.length > req.query.limit ? encodeCursor([page[page.length - 1]!.seq]) : null,
        };
      },
    );
    app.get(
      '/api/audit/verify',
      { schema: { tags: ['audit'], summary: 'Kiểm tra chuỗi nhật ký — verify the audit chain', response: { 200: AuditVerifySchema } }, config: { access: needs('audit.read') } },
      async (req) => {
        const actor = actorOf(req);
        authorizeAny(actor, 'association.manage');
        const r = await verifyAudit(deps.db.system, actor.associationId);
        return { ok: r.ok, checked: r.checked, problems: r.problems.map((p) => ({ seq: p.seq, problem: p.problem })) };
      },
    );
  };
}
