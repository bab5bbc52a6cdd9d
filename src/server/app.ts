import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/index.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { AppError } from './errors.ts';
import { authPluginFp } from './plugins/auth.ts';
import { errorsPluginFp } from './plugins/errors.ts';
import { translate } from './i18n/index.ts';
import { createAuditService, auditRoutes, findAuditChanges, findLatestAuditId } from '../modules/audit/index.ts';
import { createAuthService, createUsersAdmin, createUsersService, authRoutes, usersAdminRoutes } from '../modules/users/index.ts';
import { createEnterprisesService, createEnterpriseTransferService, enterpriseTransferRoutes, enterprisesRoutes, type TransferService } from '../modules/enterprises/index.ts';
import { referenceRoutes } from '../modules/reference/index.ts';
import { createDeliveryService, deliveryRoutes, type DeliveryService } from '../modules/policies/index.ts';
import { createFilesService, filesRoutes } from '../modules/files/index.ts';
import { createChangeFeed, createPoliciesService, createPolicyMatchRuns, policiesRoutes } from '../modules/policies/index.ts';
import type { PolicyMatchRuns } from '../modules/policies/index.ts';
import { createLiaisonsService, createServiceDeskService, createServiceStats, open311Routes, serviceRoutes } from '../modules/service/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** 政策直达, for main.ts (its jobs and demo data) and tests (running the notice job directly). */
    policyDelivery: DeliveryService;
  }
}

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

declare module 'fastify' {
  interface FastifyInstance {
    policyMatchRuns: PolicyMatchRuns;
    /** Excel in and out of the registry, for main.ts (the import queue). */
    enterpriseTransfer: TransferService;
  }
}

export type AppOptions = {
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'secureCookies' | 'uploadLimitBytes' | 'logLevel' | 'dataDir'>;
  database: Database;
  clock: Clock;
  logger?: boolean;
};

/** Builds the Fastify app with every plugin and module registered; never listens (main.ts does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, clock } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Gaodi (高地) API', version: '1', description: 'The API of Gaodi, the platform for an advanced-manufacturing hub.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gaodi_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 }, throwFileSizeLimit: true });
  await app.register(errorsPluginFp);

  const db = database.db;
  const audit = createAuditService({ db, clock });
  const auth = createAuthService({ db, clock, idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours });
  const enterprises = createEnterprisesService({ db, audit, clock });
  const users = createUsersService({ db });
  const files = createFilesService({ db, audit, maxBytes: config.uploadLimitBytes });
  // Imports write through the transfer service: the enterprises their audit rows name are announced
  // to the registry's change listeners once the job that wrote them is over.
  const imported = new Set<string>();
  const transfer = createEnterpriseTransferService({
    db,
    clock,
    files,
    actorOf: (userId) => auth.actorOf(userId),
    audit: {
      ...audit,
      async record(tx, actor, entries, requestId) {
        await audit.record(tx, actor, entries, requestId);
        for (const entry of Array.isArray(entries) ? entries : [entries]) if (entry.entityType === 'enterprise' && entry.entityId !== 'batch') imported.add(entry.entityId);
      },
    },
    // A bulk load writes its audit rows by COPY: the ids it wrote come with the job's end. On PGlite
    // it would hold the only connection for the whole file and stall every user, so a web import
    // there takes the batch path (the command line, which has the database to itself, loads in bulk).
    bulk: database.kind === 'postgres' ? database : undefined,
    afterImport: (written) => {
      const ids = [...new Set([...imported, ...written])];
      imported.clear();
      enterprises.announceChanged(ids);
    },
  });
  const desk = createServiceDeskService({ db, audit, clock, enterprises, users, files });
  const liaisons = createLiaisonsService({ db, audit, clock, desk, users, files });
  // every process follows the audit log, so a change committed by any of them reaches its matches:
  // woken by NOTIFY on PostgreSQL (a connection of its own), polled as well (a notification can be lost)
  const changeFeed = createChangeFeed({
    read: (query) => findAuditChanges(db, query),
    latestId: () => findLatestAuditId(db),
    ...(database.kind === 'postgres' ? { listen: () => new pg.Client(database.pool.options) } : {}),
    // PGlite is one process, whose own changes are applied at once: its poll only keeps the same path
    pollMs: database.kind === 'postgres' ? 10_000 : 30_000,
    log: app.log,
  });
  app.addHook('onClose', () => changeFeed.close());
  const policies = createPoliciesService({ db, audit, clock, enterprises, files, log: app.log, changeFeed });
  const delivery = createDeliveryService({ db, audit, clock, policies, enterprises, files, liaisons, users, log: app.log });
  // a committed change of the registry may make new matches: the notice job runs soon after
  enterprises.onEnterpriseChanged(() => delivery.matchesChanged());
  policies.onItemChanged(() => delivery.matchesChanged());
  app.decorate('policyDelivery', delivery);
  app.decorate('enterpriseTransfer', transfer);
  app.addHook('onClose', () => transfer.drain());
  await app.register(authPluginFp, { auth });

  app.get('/api/health', { schema: { tags: ['system'], summary: 'Ready when the database answers', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } }, config: { public: true } }, async () => {
    await database.pool.query('select 1');
    return { status: 'ok' as const, database: database.kind };
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  await app.register(authRoutes, { auth, audit, secureCookies: config.secureCookies });
  const usersAdmin = createUsersAdmin({
    db, audit, clock,
    enterpriseName: (id) => enterprises.getEnterprise(SYSTEM_ACTOR, id).then((e) => e.name, (error: unknown) => {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    }),
  });
  await app.register(usersAdminRoutes, { admin: usersAdmin });
  await app.register(auditRoutes, { audit });
  await app.register(enterpriseTransferRoutes, { transfer, uploadLimitBytes: config.uploadLimitBytes });
  await app.register(enterprisesRoutes, { enterprises });
  await app.register(referenceRoutes);
  await app.register(serviceRoutes, { desk, liaisons, stats: createServiceStats({ db, clock, desk }) });
  await app.register(open311Routes, { desk, auth });
  await app.register(filesRoutes, { files });
  await app.register(deliveryRoutes, { delivery });
  const policyMatchRuns = createPolicyMatchRuns({ db, audit, clock, matching: policies, log: app.log });
  // main.ts hands full re-match runs to a pg-boss worker; without one (tests) they run in the process
  app.decorate('policyMatchRuns', policyMatchRuns);
  await app.register(policiesRoutes, { policies, runs: policyMatchRuns });
  // the first full match of 政策找企业 is built at start (and timed in the log), in the background so a large
  // registry does not hold up the health check; a request arriving earlier waits for the same build
  app.addHook('onReady', async () => {
    void policies.warmUp().catch((error: unknown) => app.log.error({ err: error }, 'policies: the first match failed; the next request retries'));
  });

  const hasWeb = existsSync(WEB_DIST);
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  // The web app's routes fall back to index.html; unknown API paths get the error shape.
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: translate(req.locale, 'errors.NOT_FOUND') } });
  });
  return app;
}
