import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { campaignList, campaignParams, campaignPreview, campaignView, createCampaignBody, messageParams, recipientList, recipientsQuery, reviewBody, updateCampaignBody } from './schema.ts';
import { createCampaign, getCampaign, listCampaigns, listRecipients, previewCampaign, previewNewCampaign, reviewMessage, sendCampaign, updateCampaign, recipientLink } from './service.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;

/** Where RSVP links point: BERDAYA_PUBLIC_URL, else the origin the manager is using. */
function linkBase(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export function registerCampaignRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/campaigns',
    { config: { access: { roles: organisers } }, schema: { tags: ['campaigns'], summary: "A programme's invitation campaigns with delivery and RSVP counts", params: idParams, response: { 200: campaignList } } },
    async (request) => listCampaigns({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.post(
    '/api/programs/:id/campaigns/preview',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['campaigns'], summary: 'Preview a campaign before saving it: recipient count, skips and one rendered message', params: idParams, body: createCampaignBody, response: { 200: campaignPreview } },
    },
    async (request) => previewNewCampaign({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body, linkBase: linkBase(ctx, request) }),
  );
  app.post(
    '/api/programs/:id/campaigns',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['campaigns'], summary: 'Create a draft campaign (default recipients: willing and active participants)', params: idParams, body: createCampaignBody, response: { 201: campaignView } },
    },
    async (request, reply) => reply.status(201).send(await createCampaign({ db: ctx.db, config: ctx.config, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.get(
    '/api/campaigns/:id',
    { config: { access: { roles: organisers } }, schema: { tags: ['campaigns'], summary: 'A campaign with delivery and RSVP counts', params: campaignParams, response: { 200: campaignView } } },
    async (request) => getCampaign({ db: ctx.db, actor: actorOf(request), campaignId: request.params.id }),
  );
  app.patch(
    '/api/campaigns/:id',
    { config: { access: { roles: organisers } }, schema: { tags: ['campaigns'], summary: 'Edit a draft campaign', params: campaignParams, body: updateCampaignBody, response: { 200: campaignView } } },
    async (request) => updateCampaign({ db: ctx.db, config: ctx.config, actor: actorOf(request), campaignId: request.params.id, input: request.body }),
  );
  app.post(
    '/api/campaigns/:id/preview',
    { config: { access: { roles: organisers } }, schema: { tags: ['campaigns'], summary: 'Preview a saved campaign: recipient count, skips and one rendered message', params: campaignParams, response: { 200: campaignPreview } } },
    async (request) => previewCampaign({ db: ctx.db, actor: actorOf(request), campaignId: request.params.id, linkBase: linkBase(ctx, request) }),
  );
  app.post(
    '/api/campaigns/:id/send',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['campaigns'], summary: 'Send a draft: a durable job writes one outbox message per recipient (opted-out and unreachable people skipped)', params: campaignParams, response: { 202: campaignView } },
    },
    async (request, reply) => {
      const view = await sendCampaign({ db: ctx.db, config: ctx.config, actor: actorOf(request), campaignId: request.params.id, linkBase: linkBase(ctx, request) });
      app.jobs.wake();
      return reply.status(202).send(view);
    },
  );
  app.get(
    '/api/campaigns/:id/recipients',
    { config: { access: { roles: organisers } }, schema: { tags: ['campaigns'], summary: 'Delivery and RSVP status per recipient', params: campaignParams, querystring: recipientsQuery, response: { 200: recipientList } } },
    async (request) => listRecipients({ db: ctx.db, actor: actorOf(request), campaignId: request.params.id, query: request.query }),
  );
  app.get(
    '/api/campaigns/:id/recipients/:recipientId/link',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['campaigns'],
        summary: "A recipient's personal RSVP link (to hand over by other means; audited)",
        params: z.object({ id: z.uuid(), recipientId: z.uuid() }),
        response: { 200: z.object({ url: z.string(), expiresAt: z.iso.datetime() }) },
      },
    },
    async (request) =>
      recipientLink({ db: ctx.db, secret: ctx.secret, actor: actorOf(request), campaignId: request.params.id, recipientId: request.params.recipientId, linkBase: linkBase(ctx, request) }),
  );
  app.post(
    '/api/campaigns/:id/messages/:messageId/review',
    {
      config: { access: { roles: organisers } },
      schema: { tags: ['campaigns'], summary: 'Decide on a message whose delivery is unknown (interrupted while sending) or failed: sent, resend or failed', params: messageParams, body: reviewBody, response: { 200: campaignView } },
    },
    async (request) => reviewMessage({ db: ctx.db, actor: actorOf(request), campaignId: request.params.id, messageId: request.params.messageId, decision: request.body.decision }),
  );
}
