import { z } from 'zod';
import { INDICATOR_CODES, INDICATOR_UNITS } from '../../core/indicators.ts';
import { DEFAULT_INVITATION_SUBJECT, DEFAULT_INVITATION_TEMPLATE, PLACEHOLDERS } from '../../core/message-template.ts';
import { ANY_ROLE } from '../../core/policy.ts';
import { HEADER_SYNONYMS, REQUIRED_ROSTER_FIELDS, ROSTER_FIELDS } from '../../core/roster-headers.ts';
import { REJECTION_REASONS } from '../../core/roster-row.ts';
import { SECTORS } from '../../core/sector.ts';
import { readMigrationState } from '../../db/migrate.ts';
import type { ApiApp } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { ORGANISATION_KINDS } from '../organisations/schema.ts';
import { channelAvailability } from '../outbox/adapters.ts';
import { ENROLMENT_STATUSES } from '../participants/schema.ts';
import { PARTNER_ROLES } from '../partnerships/schema.ts';
import { PROGRAMME_STATUSES, SITE_TYPES } from '../programmes/schema.ts';

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.object({ applied: z.number().int(), available: z.number().int(), upToDate: z.boolean() }),
  version: z.string(),
});

const referenceResponse = z.object({
  indicators: z.array(z.object({ code: z.string(), unit: z.string() })),
  sectors: z.array(z.string()),
  siteTypes: z.array(z.string()),
  partnerRoles: z.array(z.string()),
  organisationKinds: z.array(z.string()),
  programmeStatuses: z.array(z.string()),
  /** What the roster import recognises: each field, whether a row needs it, and the column titles that mean it. */
  rosterColumns: z.array(z.object({ field: z.string(), required: z.boolean(), headers: z.array(z.string()) })),
  rejectionReasons: z.array(z.string()),
  enrolmentStatuses: z.array(z.string()),
  /** Message channels and whether this server is configured to send on them (`log` always is). */
  channels: z.record(z.string(), z.boolean()),
  invitationTemplate: z.object({ subject: z.string(), body: z.string(), placeholders: z.array(z.string()) }),
});

export function registerHealthRoutes(app: ApiApp, ctx: AppContext, version: string): void {
  app.get(
    '/api/health',
    { config: { access: { public: true } }, schema: { tags: ['system'], summary: 'Liveness, database kind and migration state', response: { 200: healthResponse } } },
    async () => {
      await ctx.database.query('SELECT 1');
      return { status: 'ok' as const, database: ctx.database.kind, migrations: await readMigrationState(ctx.database), version };
    },
  );
  app.get(
    '/api/reference',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['system'], summary: 'Code lists used by forms', response: { 200: referenceResponse } } },
    async () => ({
      indicators: INDICATOR_CODES.map((code) => ({ code, unit: INDICATOR_UNITS[code] })),
      sectors: [...SECTORS],
      siteTypes: [...SITE_TYPES],
      partnerRoles: [...PARTNER_ROLES],
      organisationKinds: [...ORGANISATION_KINDS],
      programmeStatuses: [...PROGRAMME_STATUSES],
      rosterColumns: ROSTER_FIELDS.map((field) => ({ field, required: REQUIRED_ROSTER_FIELDS.includes(field), headers: HEADER_SYNONYMS[field] })),
      rejectionReasons: [...REJECTION_REASONS],
      enrolmentStatuses: [...ENROLMENT_STATUSES],
      channels: Object.fromEntries(Object.entries(channelAvailability(ctx.config)).map(([channel, c]) => [channel, c.available])),
      invitationTemplate: { subject: DEFAULT_INVITATION_SUBJECT, body: DEFAULT_INVITATION_TEMPLATE, placeholders: [...PLACEHOLDERS] },
    }),
  );
}
