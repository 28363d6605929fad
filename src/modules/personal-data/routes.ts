import { z } from 'zod';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { translate } from '../../server/i18n.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { personParams } from '../participants/schema.ts';
import { listConsents, recordConsent } from './consent.ts';
import { enqueueRetention, getRetention, setRetention } from './retention.ts';
import { revealNik } from './reveal.ts';
import { consentInput, consentList, consentRecorded, eraseBody, eraseResult, exportQuery, retentionBody, retentionView, revealResult } from './schema.ts';
import { erasePersonalData, exportPersonalData, renderPersonalDataPdf } from './subject-rights.ts';

/** Personal data: never the viewer role, never trainers. */
const ORGANISERS = ['admin', 'program_manager', 'partner_coordinator'] as const;
/** Roles that may see a full NIK (each time an audited action). */
const NIK_ROLES = ['admin', 'program_manager'] as const;
const PDF_LABELS = ['title', 'generatedAt', 'person', 'name', 'phone', 'gender', 'createdAt', 'businesses', 'enrolments', 'attendance', 'invitations', 'certificates', 'consents', 'none'];

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
      const { personId } = request.params;
      const data = await exportPersonalData({ db: ctx.db, actor: actorOf(request), personId, format: request.query.format });
      if (request.query.format === 'json') {
        return reply.type('application/json').header('content-disposition', `attachment; filename="data-pribadi-${personId.slice(0, 8)}.json"`).send(JSON.stringify(data, null, 2));
      }
      const labels = Object.fromEntries(PDF_LABELS.map((key) => [key, translate(request.locale, `personalData.pdf.${key}`)]));
      const pdf = await renderPersonalDataPdf(data, labels);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="data-pribadi-${personId.slice(0, 8)}.pdf"`).send(Buffer.from(pdf));
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
}
