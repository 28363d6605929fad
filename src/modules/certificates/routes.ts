import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { publicBase } from '../../server/public-url.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { programmePersonParams } from '../attendance/schema.ts';
import { bundleView, bundleZip, createBundle, getBundle, renderedCount } from './bundle-job.ts';
import {
  bundleView as bundleViewSchema,
  certificateList,
  certificateSettingsBody,
  certificateSettingsView,
  certificatesQuery,
  certificateView,
  createBundleBody,
  eligibilityView,
  issueCertificateBody,
  revokeBody,
  verificationView,
  verifyParams,
} from './schema.ts';
import { certificatePdf, checkEligibility, getCertificate, getCertificateSettings, issueCertificate, listCertificates, revokeCertificate, setCertificateSettings, verifyCertificate } from './service.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
const managers = ['admin', 'program_manager'] as const;

export function registerCertificateRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/certificate-settings',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: "The programme's certificate rule (post-test pass mark) and layout", params: idParams, response: { 200: certificateSettingsView } } },
    async (request) => getCertificateSettings({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.put(
    '/api/programs/:id/certificate-settings',
    { config: { access: { roles: managers } }, schema: { tags: ['certificates'], summary: 'Set the certificate rule and layout', params: idParams, body: certificateSettingsBody, response: { 200: certificateSettingsView } } },
    async (request) => setCertificateSettings({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body }),
  );
  app.get(
    '/api/programs/:id/certificates',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: "The programme's certificates, newest first", params: idParams, querystring: certificatesQuery, response: { 200: certificateList } } },
    async (request) => listCertificates({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, status: request.query.status, limit: request.query.limit }),
  );
  app.get(
    '/api/programs/:id/certificates/eligibility/:personId',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: 'Whether a participant meets the certificate rule, and if not why', params: programmePersonParams, response: { 200: eligibilityView } } },
    async (request) => checkEligibility({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, personId: request.params.personId, locale: request.locale }),
  );
  app.post(
    '/api/programs/:id/certificates',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['certificates'],
        summary: "Issue a participant's certificate (201), or return the one already issued (200, same serial); 409 with the reason when not eligible",
        params: idParams,
        body: issueCertificateBody,
        response: { 200: certificateView, 201: certificateView },
      },
    },
    async (request, reply) => {
      const { certificate, created } = await issueCertificate({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, personId: request.body.personId, verifyBaseUrl: publicBase(ctx, request), locale: request.locale });
      return reply.status(created ? 201 : 200).send(certificate);
    },
  );
  app.get(
    '/api/certificates/:id',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: 'One certificate', params: idParams, response: { 200: certificateView } } },
    async (request) => getCertificate({ db: ctx.db, actor: actorOf(request), id: request.params.id }),
  );
  app.get(
    '/api/certificates/:id/pdf',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: 'The certificate as PDF (Bahasa Indonesia, English optional) with its verification QR code', params: idParams } },
    async (request, reply) => {
      const file = await certificatePdf({ db: ctx.db, actor: actorOf(request), id: request.params.id });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
    },
  );
  app.post(
    '/api/certificates/:id/revoke',
    { config: { access: { roles: managers } }, schema: { tags: ['certificates'], summary: 'Revoke a certificate with a reason (verification then says it is revoked)', params: idParams, body: revokeBody, response: { 200: certificateView } } },
    async (request) => revokeCertificate({ db: ctx.db, actor: actorOf(request), id: request.params.id, reason: request.body.reason }),
  );
  app.get(
    '/api/verify/:code',
    {
      config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['certificates'], summary: "Public verification of a certificate by the code in its QR: validity, programme, holder's name, issue date, revocation", security: [], params: verifyParams, response: { 200: verificationView } },
    },
    async (request) => verifyCertificate({ db: ctx.db, code: request.params.code, locale: request.locale }),
  );
  app.post(
    '/api/programs/:id/certificate-bundles',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['certificates'], summary: 'Generate the certificates of a cohort (or the whole programme) as one ZIP: a durable job with progress', params: idParams, body: createBundleBody, response: { 202: bundleViewSchema } },
    },
    async (request, reply) => {
      const view = await createBundle({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, cohortId: request.body.cohortId, verifyBaseUrl: publicBase(ctx, request), locale: request.locale });
      app.jobs.wake();
      return reply.status(202).send(view);
    },
  );
  app.get(
    '/api/certificate-bundles/:id',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: 'Progress of a certificate bundle', params: idParams, response: { 200: bundleViewSchema } } },
    async (request) => {
      const row = await getBundle({ db: ctx.db, actor: actorOf(request), id: request.params.id });
      return bundleView(row, request.locale, row.status === 'done' ? undefined : await renderedCount(ctx.db, row.id));
    },
  );
  app.get(
    '/api/certificate-bundles/:id/download',
    { config: { access: { roles: organisers } }, schema: { tags: ['certificates'], summary: 'The finished bundle: one ZIP with one PDF per certificate (409 while it is being made)', params: idParams } },
    async (request, reply) => {
      const row = await getBundle({ db: ctx.db, actor: actorOf(request), id: request.params.id });
      const stream = await bundleZip(ctx.db, row);
      return reply.type('application/zip').header('content-disposition', `attachment; filename="sertifikat-${row.id.slice(0, 8)}.zip"`).send(stream);
    },
  );
}
