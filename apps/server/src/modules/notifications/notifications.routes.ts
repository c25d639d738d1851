import { IdParamsSchema, NotificationListSchema, OkSchema } from '@hoi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTHENTICATED } from '../../http/access.js';
import { actorOf } from '../../http/auth-hook.js';
import type { Deps } from '../../platform/deps.js';
import { listNotifications, markRead } from './notifications.service.js';

const tags = ['notifications'];

export function notificationsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: 'Thông báo của tôi — my notifications',
          response: { 200: NotificationListSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => listNotifications(deps, actorOf(req)),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Đánh dấu đã đọc — mark as read',
          params: IdParamsSchema,
          response: { 200: OkSchema },
        },
        config: { access: AUTHENTICATED },
      },
      async (req) => markRead(deps, actorOf(req), req.params.id),
    );
  };
}
