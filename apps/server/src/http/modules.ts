import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminUnitsRoutes } from '../modules/admin-units/admin-units.routes.js';
import { associationsRoutes } from '../modules/associations/associations.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { duesRoutes } from '../modules/dues/dues.routes.js';
import { memberDataRoutes } from '../modules/members/member-data.routes.js';
import { membersRoutes } from '../modules/members/members.routes.js';
import { portalRoutes } from '../modules/portal/portal.routes.js';
import { transfersRoutes } from '../modules/transfers/transfers.routes.js';
import { unitsRoutes } from '../modules/units/units.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import type { Deps } from '../platform/deps.js';
import { importsRoutes } from '../modules/imports/imports.routes.js';
import { registerJobHandlers } from '../modules/jobs/handlers.js';
import { casesRoutes } from '../modules/cases/cases.routes.js';
import { registerCaseIndicators } from '../modules/cases/cases.indicators.js';
import { registerMemberIndicators } from '../modules/members/members.indicators.js';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.js';
import { reportsRoutes } from '../modules/reports/reports.routes.js';

/** Every domain module's routes. A new module adds one line here. */
export function moduleRoutes(deps: Deps): FastifyPluginAsyncZod[] {
  registerJobHandlers();
  registerCaseIndicators();
  registerMemberIndicators();
  return [
    associationsRoutes(deps),
    unitsRoutes(deps),
    usersRoutes(deps),
    auditRoutes(deps),
    adminUnitsRoutes(deps),
    membersRoutes(deps),
    memberDataRoutes(deps),
    portalRoutes(deps),
    transfersRoutes(deps),
    duesRoutes(deps),
    importsRoutes(deps),
    casesRoutes(deps),
    notificationsRoutes(deps),
    reportsRoutes(deps),
  ];
}
