import {
  AdminUnitListQuerySchema,
  AdminUnitListSchema,
  OldAddressLookupSchema,
  OldAddressQuerySchema,
} from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTHENTICATED } from '../../http/access.js';
import type { Deps } from '../../platform/deps.js';
import { lookupOldAddress, searchAdminUnits } from './admin-units.service.js';

/** Read-only access to the national list of administrative units, for every signed-in user. */
export function adminUnitsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin-units',
      {
        schema: {
          tags: ['admin-units'],
          summary: 'Tìm đơn vị hành chính (tỉnh, xã) / search administrative units',
          querystring: AdminUnitListQuerySchema,
          response: { 200: AdminUnitListSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => ({ items: await searchAdminUnits(deps.db.app, req.query) }),
    );
    app.get(
      '/api/admin-units/lookup-old',
      {
        schema: {
          tags: ['admin-units'],
          summary: 'Tra địa chỉ cũ (trước 1/7/2025) sang xã mới / translate a pre-2025 address',
          querystring: OldAddressQuerySchema,
          response: { 200: OldAddressLookupSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => lookupOldAddress(deps.db.app, req.query),
    );
  };
}
