import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { HealthSchema } from '@hoi/contracts';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps.js';
import { VERSION } from '../platform/version.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { PUBLIC, type RouteAccess } from './access.js';
import { installAuthHook } from './auth-hook.js';
import { installErrorHandler } from './errors-handler.js';
import { moduleRoutes } from './modules.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const WEB_DIST = path.resolve(fileURLToPath(new URL('../../../web/dist', import.meta.url)));
/** Routes added by plugins (API docs, static files) that are public by nature. */
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs', '/*'];

/** Builds the HTTP application (not listening): used by `hoi serve` and by every HTTP test. */
export async function buildApp(
  deps: Deps,
  /** `logStream`: where log lines go instead of stdout (tests that read the logs). */
  opts: { logger?: boolean; serveWeb?: boolean; logStream?: NodeJS.WritableStream } = {},
) {
  const app = Fastify({
    logger: opts.logger
      ? {
          level: deps.config.logLevel,
          ...(opts.logStream ? { stream: opts.logStream } : {}),
          redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'], remove: true },
        }
      : false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (!config.access) {
      if (PLUGIN_PUBLIC_PREFIXES.some((p) => route.url === p || route.url.startsWith(p))) {
        route.config = { ...config, access: PUBLIC };
      } else {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
      }
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routes.push({ method: m, url: route.url, access: (route.config as { access: RouteAccess }).access });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Hội API', version: VERSION, description: 'API của Hội / the Hội API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hoi_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  const serveWeb = opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  installErrorHandler(app, { spaFallback: serveWeb });
  installAuthHook(app, deps);

  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['platform'], summary: 'Tình trạng / health', response: { 200: HealthSchema } }, config: { access: PUBLIC } },
    async () => ({ status: 'ok' as const, db: deps.db.kind, version: VERSION }),
  );
  await app.register(authRoutes(deps));
  for (const plugin of moduleRoutes(deps)) await app.register(plugin);

  return { app: app as unknown as FastifyInstance, routes };
}
