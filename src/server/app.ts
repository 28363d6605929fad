import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../core/app-error.ts';
import { SYSTEM_ACTOR } from '../core/system-actor.ts';
import { registerAssessmentRoutes } from '../modules/assessments/routes.ts';
import { registerAttendanceRoutes } from '../modules/attendance/routes.ts';
import { startAuditSealer } from '../modules/audit/chain.ts';
import { registerAuditRoutes } from '../modules/audit/routes.ts';
import { registerAuthRoutes } from '../modules/auth/routes.ts';
import { resolveSession } from '../modules/auth/service.ts';
import { registerCampaignRoutes } from '../modules/campaigns/routes.ts';
import { registerCascadeRoutes } from '../modules/cascade/routes.ts';
import { CERTIFICATE_BUNDLE, runCertificateBundle } from '../modules/certificates/bundle-job.ts';
import { registerCertificateRoutes } from '../modules/certificates/routes.ts';
import { registerChampionRoutes } from '../modules/champions/routes.ts';
import { campaignPersonaliser, runCampaignSend, SEND_CAMPAIGN } from '../modules/campaigns/send-campaign.ts';
import { registerCurriculumRoutes } from '../modules/curriculum/routes.ts';
import { registerDestinationRoutes } from '../modules/destination/routes.ts';
import { registerHealthRoutes } from '../modules/health/routes.ts';
import { IMPORT_PARTICIPANTS, runParticipantImport } from '../modules/imports/import-participants.ts';
import { registerImportHandoffRoutes, registerImportRoutes } from '../modules/imports/routes.ts';
import { registerMentoringRoutes } from '../modules/mentoring/routes.ts';
import { registerParticipantRoutes } from '../modules/participants/routes.ts';
import { coalescing, startJobRunner, type JobHandler, type JobRunner } from '../modules/jobs/runner.ts';
import { REFRESH_FACTS, runFactRefresh, startFactRefreshSweep } from '../modules/monitoring/facts.ts';
import { startSessionStatFolder } from '../modules/monitoring/session-stats.ts';
import { INDEX_SEARCH, runSearchIndex } from '../modules/participants/search-index.ts';
import { registerMonitoringRoutes } from '../modules/monitoring/routes.ts';
import { registerImpactRoutes } from '../modules/impact/routes.ts';
import { registerQualityRoutes } from '../modules/quality/routes.ts';
import { RUN_QUALITY_CHECKS, runQualityJob } from '../modules/quality/service.ts';
import { registerOrganisationRoutes } from '../modules/organisations/routes.ts';
import { registerOutcomeSurveyRoutes } from '../modules/outcome-surveys/routes.ts';
import { surveyPersonaliser } from '../modules/outcome-surveys/service.ts';
import { myDataPersonaliser } from '../modules/personal-data/self-service.ts';
import { adaptersFromConfig } from '../modules/outbox/adapters.ts';
import { APPLY_RETENTION, runRetention, scheduleRetention } from '../modules/personal-data/retention.ts';
import { registerPersonalDataRoutes } from '../modules/personal-data/routes.ts';
import { startOutboxWorker } from '../modules/outbox/worker.ts';
import { registerPartnershipRoutes } from '../modules/partnerships/routes.ts';
import { registerProgrammeRoutes } from '../modules/programmes/routes.ts';
import { registerPublicResultsRoutes } from '../modules/public-results/routes.ts';
import { PROGRAMME_REPORT, runProgrammeReport } from '../modules/reports/report-job.ts';
import { registerReportRoutes } from '../modules/reports/routes.ts';
import { registerRegionRoutes } from '../modules/regions/routes.ts';
import { registerRsvpRoutes } from '../modules/rsvp/routes.ts';
import { registerSessionRoutes } from '../modules/sessions/routes.ts';
import { registerSiteRoutes } from '../modules/sites/routes.ts';
import { registerTargetRoutes } from '../modules/targets/routes.ts';
import { registerTraineeRoutes } from '../modules/trainees/routes.ts';
import { registerUserRoutes } from '../modules/users/routes.ts';
import type { ApiApp } from './api-app.ts';
import type { ApiRoute, AppContext } from './context.ts';
import { registerErrorHandler, sendError } from './error-handler.ts';
import { pickLocale, translate } from './i18n.ts';
import { loggerOptions } from './logger.ts';
import { applyPublicRateLimit, refuseCrossSiteWrite, registerSecurity, sendIndexHtml } from './security.ts';
import { LANG_COOKIE, SESSION_COOKIE } from './session-cookie.ts';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIST = path.join(rootDir, 'web', 'dist');

/** Every kind of durable job and the function that runs it. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  [IMPORT_PARTICIPANTS]: runParticipantImport,
  [SEND_CAMPAIGN]: runCampaignSend,
  [REFRESH_FACTS]: coalescing(runFactRefresh),
  [RUN_QUALITY_CHECKS]: coalescing(runQualityJob),
  [CERTIFICATE_BUNDLE]: runCertificateBundle,
  [PROGRAMME_REPORT]: runProgrammeReport,
  [APPLY_RETENTION]: runRetention,
  [INDEX_SEARCH]: runSearchIndex,
};

export const HANDOFF_HEADER = 'x-berdaya-handoff';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const idleRunner: JobRunner = { wake: () => undefined, stop: async () => undefined, idle: async () => undefined };

export type BuildAppOptions = {
  /** Run background jobs in this process (default true). */
  jobs?: boolean;
  /** Pino options, or false for tests that do not want logs. */
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from web/dist (default: when it exists). */
  serveWeb?: boolean;
};

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(rootDir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<ApiApp> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(ctx.config.logLevel),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A POST without a body but with the JSON content type (some clients always send it) is "no body", not an error.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') done(null, undefined);
    else parseJson(request, text, done);
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'id');

  // Every API route must say who may call it: a route without a rule is a build failure, not an open door.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access, hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide) });
    applyPublicRateLimit(route);
  });

  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await registerSecurity(app);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (request, context) =>
      new AppError('rate_limited', 'errors.rateLimited', { params: { seconds: Math.ceil(context.ttl / 1000) } }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Berdaya API', description: 'Digital-skills programmes for Indonesian MSMEs (UMKM)', version: await packageVersion() },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request, reply) => {
    request.locale = pickLocale(request.cookies[LANG_COOKIE], request.headers['accept-language']);
    const access = request.routeOptions.config?.access;
    if (!access || !request.url.startsWith('/api')) return;
    if ('handoff' in access) {
      const given = request.headers[HANDOFF_HEADER];
      if (ctx.handoffToken && typeof given === 'string' && safeEqual(given, ctx.handoffToken)) {
        request.actor = SYSTEM_ACTOR;
        return;
      }
      return sendError(reply, 403, { error: { code: 'forbidden', message: translate(request.locale, 'errors.forbidden') } });
    }
    if (!('public' in access) && refuseCrossSiteWrite(request, reply)) return reply;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await resolveSession(ctx.db, token);
    if ('public' in access) return;
    if (!request.actor) {
      return sendError(reply, 401, { error: { code: 'unauthenticated', message: translate(request.locale, 'errors.unauthenticated') } });
    }
    if (!access.roles.includes(request.actor.role)) {
      return sendError(reply, 403, { error: { code: 'forbidden', message: translate(request.locale, 'errors.forbidden') } });
    }
  });

  const jobs = options.jobs === false ? idleRunner : startJobRunner({ database: ctx.database, handlers: JOB_HANDLERS, log: app.log });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());
  // Personal data of programmes past their retention period is anonymised daily (modules/personal-data/retention.ts).
  const retention = options.jobs === false ? null : scheduleRetention({ db: ctx.db, wake: () => jobs.wake() });
  app.addHook('onClose', async () => retention?.stop());
  // The outbox delivers campaign messages (at most once each; see modules/outbox/worker.ts).
  const outbox =
    options.jobs === false
      ? idleRunner
      : startOutboxWorker({ database: ctx.database, adapters: adaptersFromConfig(ctx.config, app.log), rates: ctx.config.outboxRates, personalise: myDataPersonaliser(ctx.secret, surveyPersonaliser(ctx.secret, campaignPersonaliser(ctx.secret))), log: app.log });
  app.addHook('onClose', async () => outbox.stop());
  // Audit events are chained into the hash chain shortly after they commit (modules/audit/chain.ts).
  const auditSealer = options.jobs === false ? null : startAuditSealer({ db: ctx.db, log: app.log });
  app.addHook('onClose', async () => auditSealer?.stop());
  // Per-session count deltas are folded into session_stat every second (modules/monitoring/session-stats.ts).
  const statFolder = options.jobs === false ? null : startSessionStatFolder({ db: ctx.db, log: app.log });
  app.addHook('onClose', async () => statFolder?.stop());
  // People queued for a fact refresh with no refresh job to take them are picked up (modules/monitoring/facts.ts).
  const factSweep = options.jobs === false ? null : startFactRefreshSweep({ db: ctx.db, log: app.log, wake: () => jobs.wake() });
  app.addHook('onClose', async () => factSweep?.stop());

  registerHealthRoutes(app, ctx, await packageVersion());
  registerAuthRoutes(app, ctx);
  registerRegionRoutes(app, ctx);
  registerOrganisationRoutes(app, ctx);
  registerProgrammeRoutes(app, ctx);
  registerPartnershipRoutes(app, ctx);
  registerSiteRoutes(app, ctx);
  registerTargetRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerParticipantRoutes(app, ctx);
  registerImportHandoffRoutes(app, ctx);
  registerCurriculumRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerAttendanceRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  registerRsvpRoutes(app, ctx);
  registerMonitoringRoutes(app, ctx);
  registerImpactRoutes(app, ctx);
  registerQualityRoutes(app, ctx);
  registerTraineeRoutes(app, ctx);
  registerCascadeRoutes(app, ctx);
  registerMentoringRoutes(app, ctx);
  registerChampionRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerCertificateRoutes(app, ctx);
  registerDestinationRoutes(app, ctx);
  registerOutcomeSurveyRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerPublicResultsRoutes(app, ctx);
  registerPersonalDataRoutes(app, ctx);

  app.get(
    '/api/openapi.json',
    { config: { access: { public: true } }, schema: { hide: true } },
    async () => app.swagger(),
  );

  if (options.serveWeb ?? existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
    // The web app routes on the client: any non-API GET gets index.html.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const file = request.url.split('?')[0] ?? '/';
      if (file.startsWith('/api/')) return sendError(reply, 404, { error: { code: 'not_found', message: translate(request.locale, 'errors.routeNotFound') } });
      if (file !== '/' && existsSync(path.join(WEB_DIST, file)) && !file.includes('..')) return reply.sendFile(file.slice(1));
      return sendIndexHtml(reply, WEB_DIST);
    });
  }

  return app;
}
