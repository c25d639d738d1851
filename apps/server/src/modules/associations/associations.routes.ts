import { AssociationSchema, UpdateAssociationBodySchema } from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTHENTICATED, needs } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import type { Deps } from '../../platform/deps.js';
import { getCurrentAssociation, updateCurrentAssociation } from './associations.service.js';

export function associationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/association',
      { schema: { tags: ['association'], summary: 'Hội của tôi — my association', response: { 200: AssociationSchema } }, config: { access: AUTHENTICATED } },
      async (req, reply) => {
        const a = await getCurrentAssociation(deps, actorOf(req));
        setEtag(reply, a.version);
        return a;
      },
    );
    app.patch(
      '/api/association',
      { schema: { tags: ['association'], summary: 'Cập nhật hội — update association settings (If-Match)', body: UpdateAssociationBodySchema, response: { 200: AssociationSchema } }, config: { access: needs('association.manage') } },
      async (req, reply) => {
        const a = await updateCurrentAssociation(deps, actorOf(req), requireIfMatch(req), req.body);
        setEtag(reply, a.version);
        return a;
      },
    );
  };
}
