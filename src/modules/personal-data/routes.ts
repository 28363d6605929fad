import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { personParams } from '../participants/schema.ts';
import { listConsents, recordConsent } from './consent.ts';
import { enqueueRetention, getRetention, setRetention } from './retention.ts';
import { revealNik } from './reveal.ts';
import {
  consentInput,
  consentList,
  consentRecorded,
  eraseBody,
  eraseResult,
  exportQuery,
  MY_DATA_TOKEN_HEADER,
  myDataCodeBody,
  myDataCodeResult,
  myDataEraseBody,
  myDataEraseResult,
  myDataHeaders,
  myDataSummary as myDataSummaryView,
  myDataVerifyBody,
  myDataVerifyResult,
  retentionBody,
  retentionView,
  revealResult,
} from './schema.ts';
import { eraseMyData, myDataAccess, myDataSummary, requestMyDataCode, verifyMyDataCode } from './self-service.ts';
import { erasePersonalData, exportOwnPersonalData, exportPersonalData, renderPersonalDataPdf, type PersonalDataExport } from './subject-rights.ts';

/** Personal data: never the viewer role, never trainers. */
const ORGANISERS = ['admin', 'program_manager', 'partner_coordinator'] as const;
/** Roles that may see a full NIK (each time an audited action). */
const NIK_ROLES = ['admin', 'program_manager'] as const;
const PDF_LABELS = ['title', 'generatedAt', 'person', 'name', 'phone', 'gender', 'createdAt', 'businesses', 'enrolments', 'attendance', 'invitations', 'certificates', 'consents', 'none'];

/**
 * The self-service page is public: a one-time code to the person's phone or email, then a signed
 * 30-minute token, are the credentials. Per client address: few code requests and tries (each
 * contact has its own limits in the service), more reads for the page itself.
 */
const codeAccess = { access: { public: true as const }, rateLimit: { max: 10, timeWindow: '15 minutes' } };
const verifyAccess = { access: { public: true as const }, rateLimit: { max: 20, timeWindow: '15 minutes' } };
const tokenAccess = { access: { public: true as const }, rateLimit: { max: 60, timeWindow: '1 minute' } };

/** Sends an export as a download: pretty JSON, or the readable PDF in the caller's language. */
async function sendExport(reply: FastifyReply, locale: Locale, data: PersonalDataExport, format: 'json' | 'pdf') {
  const name = `data-pribadi-${data.person.id.slice(0, 8)}`;
  if (format === 'json') return reply.type('application/json').header('content-disposition', `attachment; filename="${name}.json"`).send(JSON.stringify(data, null, 2));
  const labels = Object.fromEntries(PDF_LABELS.map((key) => [key, translate(locale, `personalData.pdf.${key}`)]));
  const pdf = await renderPersonalDataPdf(data, labels);
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(Buffer.from(pdf));
}

export function registerPersonalDataRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    '/api/participants/:personId/reveal',
    { config: { access: { roles: NIK_ROLES } }, schema: { tags: ['personal-data'], summary: 'The full NIK (recorded in the audit trail)', params: personParams, response: { 200: revealResult } } },
    async (request) => revealNik({ db: ctx.db, actor: actorOf(request), personId: request.params.personId }),
  );
  app.get(
    '/api/participants/:personId/consents',
    { config: { access: { roles: ORGANISERS } }, schema: { tags: ['personal-data'], summary: 'Consent ledger of a person: current state per purpose and full history', params: personParams, response: { 200: consentList } } },
    async (request) => listConsents({ db: ctx.db, actor: actorOf(request), personId: request.params.personId }),
  );
  app.post(
    '/api/participants/:personId/consents',
    {
      config: { access: { roles: ORGANISERS } },
      schema: { tags: ['personal-data'], summary: 'Record consent given or withdrawn (withdrawing messaging cancels queued messages)', params: personParams, body: consentInput, response: { 201: consentRecorded } },
    },
    async (request, reply) => reply.status(201).send(await recordConsent({ db: ctx.db, actor: actorOf(request), personId: request.params.personId, input: request.body })),
  );
  app.get(
    '/api/participants/:personId/personal-data',
    {
      config: { access: { roles: ['admin'] } },
      schema: { tags: ['personal-data'], summary: 'Everything held about a person, as JSON or a readable PDF (on their behalf; audited)', params: personParams, querystring: exportQuery },
    },
    async (request, reply) => {
      const data = await exportPersonalData({ db: ctx.db, actor: actorOf(request), personId: request.params.personId, format: request.query.format });
      return sendExport(reply, request.locale, data, request.query.format);
    },
  );
  app.post(
    '/api/participants/:personId/erase',
    {
      config: { access: { roles: ['admin'] } },
      schema: { tags: ['personal-data'], summary: "Execute a deletion request: personal fields irreversibly removed, aggregate counts kept", params: personParams, body: eraseBody, response: { 200: eraseResult } },
    },
    async (request) => erasePersonalData({ db: ctx.db, actor: actorOf(request), personId: request.params.personId, reference: request.body.reference }),
  );
  app.get(
    '/api/programs/:id/retention',
    // Not personal data: everyone who sees the programme sees its retention period (managers change it).
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['personal-data'], summary: "How long the programme's personal data is kept after its end date", params: idParams, response: { 200: retentionView } } },
    async (request) => getRetention({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.put(
    '/api/programs/:id/retention',
    { config: { access: { roles: NIK_ROLES } }, schema: { tags: ['personal-data'], summary: 'Set (or clear) the retention period in months', params: idParams, body: retentionBody, response: { 200: retentionView } } },
    async (request) => setRetention({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, months: request.body.months }),
  );
  app.post(
    '/api/personal-data/retention/run',
    { config: { access: { roles: ['admin'] } }, schema: { tags: ['personal-data'], summary: 'Run the retention job now (it also runs daily)', response: { 202: z.object({ jobId: z.uuid() }) } } },
    async (request, reply) => {
      const queued = await enqueueRetention(ctx.db, actorOf(request).userId);
      app.jobs.wake();
      return reply.status(202).send({ jobId: queued.id });
    },
  );

  // Self-service data rights (UU PDP): the person, not staff, through /data-saya.
  app.post(
    '/api/my-data/code',
    {
      config: codeAccess,
      schema: {
        tags: ['personal-data'],
        summary: 'Ask for a one-time code by phone number or email (the same 202 answer whether or not the contact is registered)',
        security: [],
        body: myDataCodeBody,
        response: { 202: myDataCodeResult },
      },
    },
    async (request, reply) => reply.status(202).send(await requestMyDataCode({ db: ctx.db, config: ctx.config, secret: ctx.secret, contact: request.body.contact, locale: request.locale })),
  );
  app.post(
    '/api/my-data/verify',
    {
      config: verifyAccess,
      schema: { tags: ['personal-data'], summary: 'Check the code: a 30-minute access token to one\'s own data (5 wrong codes burn it)', security: [], body: myDataVerifyBody, response: { 200: myDataVerifyResult } },
    },
    async (request) => verifyMyDataCode({ db: ctx.db, secret: ctx.secret, contact: request.body.contact, code: request.body.code }),
  );
  app.get(
    '/api/my-data',
    { config: tokenAccess, schema: { tags: ['personal-data'], summary: `A summary of one's own data (token in the ${MY_DATA_TOKEN_HEADER} header)`, security: [], headers: myDataHeaders, response: { 200: myDataSummaryView } } },
    async (request) => myDataSummary({ db: ctx.db, secret: ctx.secret, token: request.headers[MY_DATA_TOKEN_HEADER] }),
  );
  app.get(
    '/api/my-data/export',
    { config: tokenAccess, schema: { tags: ['personal-data'], summary: "Everything held about oneself, as JSON or a readable PDF (audited)", security: [], headers: myDataHeaders, querystring: exportQuery } },
    async (request, reply) => {
      const { personId } = await myDataAccess(ctx.db, ctx.secret, request.headers[MY_DATA_TOKEN_HEADER]);
      const data = await exportOwnPersonalData({ db: ctx.db, personId, format: request.query.format });
      return sendExport(reply, request.locale, data, request.query.format);
    },
  );
  app.post(
    '/api/my-data/erase',
    {
      config: tokenAccess,
      schema: {
        tags: ['personal-data'],
        summary: 'Delete one\'s own personal data: removed for good, anonymous counts kept; the access ends',
        security: [],
        headers: myDataHeaders,
        body: myDataEraseBody,
        response: { 200: myDataEraseResult },
      },
    },
    async (request) => eraseMyData({ db: ctx.db, secret: ctx.secret, token: request.headers[MY_DATA_TOKEN_HEADER], locale: request.locale }),
  );
}
