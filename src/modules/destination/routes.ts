import { z } from 'zod';
import { CONTEXT_REJECTIONS } from '../../core/context-row.ts';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams, isoDate, optionalText } from '../../server/schema-helpers.ts';
import { withUploadedFile } from '../imports/upload.ts';
import { contextPanel } from './context-panel.ts';
import { createContextSeries, listContextSeries } from './context-series.ts';
import { importContextValues, listContextValues, recordContextValue } from './context-values.ts';
import { createEvent, deleteEvent, linkSessionEvent, listEvents, programmeCalendar } from './events.ts';

const organisers = ['admin', 'program_manager', 'partner_coordinator'] as const;
/** Context files are small tables; 5 MB is far more than a decade of monthly figures for every regency. */
const CONTEXT_MAX_BYTES = 5 * 1024 * 1024;

const localized = z.object({ id: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) });
const unit = z.enum(['count', 'percent', 'rupiah', 'days']);
const seriesView = z.object({ id: z.uuid(), code: z.string(), name: z.object({ id: z.string(), en: z.string() }), unit, defaultSource: z.string().nullable(), standard: z.boolean() });
const valueView = z.object({
  id: z.uuid(),
  seriesId: z.uuid(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  period: z.string(),
  value: z.number(),
  source: z.string().nullable(),
  sourceDate: z.string().nullable(),
  origin: z.enum(['manual', 'import']),
});
const importReport = z.object({
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  rejectedByReason: z.partialRecord(z.enum(CONTEXT_REJECTIONS), z.number().int()),
  errors: z.array(z.object({ line: z.number().int(), reason: z.enum(CONTEXT_REJECTIONS), value: z.string() })),
  unknownColumns: z.array(z.string()),
  errorsCsv: z.string().nullable(),
});
const eventKind = z.enum(['festival', 'national_event', 'regional_event', 'programme_launch', 'other']);
const eventView = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: eventKind,
  season: z.enum(['low', 'high']).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  notes: z.string().nullable(),
});
const regencyCode = z.string().regex(/^\d{2}\.\d{2}$/, 'errors.field.regionUnknown');
/** One destination of the calendar: a site of the programme, or a regency. */
const destinationQuery = { siteId: z.uuid().optional(), regionCode: regencyCode.optional() };

export function registerDestinationRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/context/series',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['context'], summary: 'Context series: the standard ones and the programme’s own', params: idParams, response: { 200: z.object({ items: z.array(seriesView) }) } } },
    async (request) => listContextSeries({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.post(
    '/api/programs/:id/context/series',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['context'],
        summary: 'Define a context series (name, unit, usual source)',
        params: idParams,
        body: z.object({ code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,40}$/, 'errors.context.seriesCode'), name: localized, unit, defaultSource: optionalText(200) }),
        response: { 201: seriesView },
      },
    },
    async (request, reply) => reply.status(201).send(await createContextSeries({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.get(
    '/api/programs/:id/context/values',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['context'],
        summary: 'Context figures of the programme’s places',
        params: idParams,
        querystring: z.object({ seriesId: z.uuid().optional(), regionCode: regencyCode.optional(), siteId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(valueView) }) },
      },
    },
    async (request) => listContextValues({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, ...request.query }),
  );
  app.post(
    '/api/programs/:id/context/values',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['context'],
        summary: 'Enter a context figure by hand (replaces the figure for the same series, place and period)',
        params: idParams,
        body: z.object({
          seriesId: z.uuid(),
          place: z.string().trim().min(1).max(200),
          period: z.string().trim().min(4).max(20),
          value: z.union([z.number(), z.string().trim().max(40)]).transform(String),
          source: optionalText(200),
          sourceDate: optionalText(20),
        }),
        response: { 200: z.object({ inserted: z.boolean() }) },
      },
    },
    async (request) => recordContextValue({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body }),
  );
  app.post(
    '/api/programs/:id/context/import',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['context'],
        summary: 'Import context figures from CSV or XLSX (multipart field `file`): columns series, place, period, value, source, source date; a report of every rejected row, and the rejected rows as CSV (`errorsCsv`)',
        params: idParams,
        querystring: z.object({ sheet: z.string().trim().max(100).optional() }),
        response: { 200: importReport },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return withUploadedFile(request, ctx.config.dataDir, { maxBytes: CONTEXT_MAX_BYTES, prefix: 'context', tooLargeKey: 'errors.payloadTooLarge' }, (upload) =>
        importContextValues({ db: ctx.db, actor, programmeId: request.params.id, path: upload.path, sheet: request.query.sheet, locale: request.locale }),
      );
    },
  );
  app.get(
    '/api/programs/:id/context/panel',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['context'],
        summary: 'A context series beside a programme indicator for the same place and periods (context, not an effect of the programme)',
        params: idParams,
        querystring: z.object({
          seriesId: z.uuid(),
          indicator: z.string().max(60).default('msme_onboarded'),
          regionCode: regencyCode.optional(),
          siteId: z.uuid().optional(),
          period: z.enum(['month', 'quarter', 'year']).default('quarter'),
        }),
        response: {
          200: z.object({
            series: seriesView,
            indicator: z.object({ code: z.string(), version: z.number().int(), name: z.object({ id: z.string(), en: z.string() }), unit: z.string() }),
            place: z.object({ regionCode: z.string(), regionName: z.string().nullable(), siteId: z.uuid().nullable(), siteName: z.string().nullable() }),
            period: z.string(),
            contextNotEffect: z.literal(true),
            rows: z.array(z.object({ period: z.string(), context: z.number().nullable(), source: z.string().nullable(), indicator: z.number().nullable(), suppressed: z.boolean() })),
          }),
        },
      },
    },
    async (request) => contextPanel({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, ...request.query }),
  );
  app.get(
    '/api/programs/:id/events',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['context'],
        summary: 'The destination events calendar, for the whole programme or one destination (a site: its events and its regency’s; a regency: every event in it)',
        params: idParams,
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional(), ...destinationQuery }),
        response: { 200: z.object({ items: z.array(eventView) }) },
      },
    },
    async (request) => listEvents({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, ...request.query }),
  );
  app.post(
    '/api/programs/:id/events',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['context'],
        summary: 'Add an event (festival, national or regional event, programme launch), marked low or high season',
        params: idParams,
        body: z.object({
          title: z.string().trim().min(1).max(200),
          kind: eventKind,
          season: z.enum(['low', 'high']).nullish(),
          startsOn: isoDate,
          endsOn: isoDate,
          siteId: z.uuid().nullish(),
          regionCode: regencyCode.nullish(),
          notes: optionalText(1000),
        }),
        response: { 201: eventView },
      },
    },
    async (request, reply) => reply.status(201).send(await createEvent({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.delete(
    '/api/programs/:id/events/:eventId',
    { config: { access: { roles: organisers } }, schema: { tags: ['context'], summary: 'Remove an event (sessions planned around it keep their dates)', params: z.object({ id: z.uuid(), eventId: z.uuid() }) } },
    async (request, reply) => {
      await deleteEvent({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, eventId: request.params.eventId });
      return reply.status(204).send();
    },
  );
  app.put(
    '/api/programs/:id/sessions/:sessionId/event',
    {
      config: { access: { roles: organisers } },
      schema: {
        tags: ['context'],
        summary: 'Plan a session around an event (eventId null clears it)',
        params: z.object({ id: z.uuid(), sessionId: z.uuid() }),
        body: z.object({ eventId: z.uuid().nullable() }),
        response: { 200: z.object({ sessionId: z.uuid(), eventId: z.uuid().nullable() }) },
      },
    },
    async (request) => linkSessionEvent({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, sessionId: request.params.sessionId, eventId: request.body.eventId }),
  );
  app.get(
    '/api/programs/:id/calendar',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['context'],
        summary: 'Events and sessions of a span of days, together; for one destination (a site or a regency) when given',
        params: idParams,
        querystring: z.object({ from: isoDate, to: isoDate, ...destinationQuery }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            events: z.array(eventView),
            sessions: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), endsAt: z.string(), status: z.string(), siteId: z.uuid(), siteName: z.string(), eventId: z.uuid().nullable() })),
          }),
        },
      },
    },
    async (request) => programmeCalendar({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, ...request.query }),
  );
}
