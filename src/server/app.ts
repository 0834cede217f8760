import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { documentedOperation } from './core/http/openapi.js';
import { z } from 'zod';
import { type Clock, systemClock } from './core/clock.js';
import type { Config } from './core/config.js';
import type { Db } from './core/db/connect.js';
import type { Deps } from './core/deps.js';
import { installAuth } from './core/auth/auth.plugin.js';
import { installErrorHandler } from './core/http/error-handler.js';
import { auditActor, requireActor } from './core/http/actor.js';
import { recordAudit } from './core/audit/audit.service.js';
import { installInputHygiene } from './core/http/input-hygiene.js';
import { installSecurityHeaders } from './core/http/security-headers.js';
import { installWebClient } from './core/http/web-client.js';
import type { ZApp } from './core/http/zod-app.js';
import { Scheduler } from './core/scheduler/scheduler.js';
import { installModules } from './core/modules.install.js';
import type { ServerModule } from './core/module.js';
import { installedModules } from './registry.js';

z.config(z.locales.zhCN());

export const APP_VERSION: string = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

export interface BuildAppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  /** Tests keep their output quiet; the server logs JSON lines with request ids. */
  logger?: boolean;
  serveWeb?: boolean;
  /** Run the scheduler's real-time loop (default). Tests pass false and drive `scheduler.tick()` with their clock. */
  scheduler?: boolean;
  /** The installed modules (default: src/server/registry.ts); a test may install fewer or add its own. */
  modules?: readonly ServerModule[];
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: Deps;
  scheduler: Scheduler;
}

export async function buildApp(opts: BuildAppOptions): Promise<BuiltApp> {
  const { config, db } = opts;
  const fastify = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    // randomUUID draws from a cached entropy pool; uuidv7() asks the OS for
    // 16 fresh bytes each time, ~30 µs of every request for an id that only
    // has to be unique (logs carry their own timestamps).
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // Errors the router raises before any route runs get the same envelope.
    frameworkErrors: (err, _req, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply)
        .status(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ error: { code: 'validation', message: tooLong ? '请求地址中的参数过长' : '请求地址无效' } });
    },
  });
  const app = fastify.withTypeProvider() as unknown as ZApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const deps: Deps = { db: db.kysely, dialect: db.dialect, clock: opts.clock ?? systemClock, config, log: app.log };
  installErrorHandler(app, {
    separationRefused: (req) =>
      recordAudit(deps.db, deps.clock, {
        action: 'auth.separation_denied',
        actor: auditActor(requireActor(req)),
        targetType: 'route',
        targetId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
        outcome: 'denied',
        details: { roles: requireActor(req).roles },
      }),
  });
  installSecurityHeaders(app, { tls: config.tls });
  installInputHygiene(app);
  app.decorateRequest('actor', null);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, error: { code: 'rate_limited', message: '操作过于频繁，请稍后再试' } }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Zhongshu 中枢 API', version: APP_VERSION, description: '机关办公室业务平台的 HTTP 接口', license: { name: 'MIT', identifier: 'MIT' } },
      servers: [{ url: '/', description: '本服务（与页面同源）' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zs_session' } } },
      // Every operation needs the session unless it says otherwise (login, health: `security: []`).
      security: [{ session: [] }],
    },
    transform: documentedOperation,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: '健康检查',
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      await deps.db.selectFrom('audit_head').select('seq').limit(1).execute();
      return { status: 'ok' as const, db: deps.dialect, version: APP_VERSION };
    },
  );

  await installAuth(app, deps);
  await installModules(app, deps, opts.modules ?? installedModules);

  if (opts.serveWeb !== false) await installWebClient(app);
  // Built after the modules registered their jobs; stopped before the database is closed by the caller.
  const scheduler = new Scheduler(deps);
  app.addHook('onClose', async () => {
    await scheduler.stop();
  });
  await app.ready();
  if (opts.scheduler !== false) scheduler.start();
  return { app, deps, scheduler };
}
