import { z } from 'zod';

export const CONSENT_PURPOSES = ['programme_participation', 'messaging', 'partner_sharing'] as const;
export const CONSENT_SOURCES = ['import', 'form', 'rsvp', 'admin'] as const;

export const consentInput = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
  source: z.enum(CONSENT_SOURCES).default('admin'),
  /** Version of the consent text the person saw, e.g. `2024-07`. */
  wordingVersion: z.string().trim().min(1).max(40).regex(/^[\w.-]+$/),
  /** Programme where it was collected; required for programme participation. */
  programmeId: z.uuid().optional(),
  /** Required for partner sharing: the named partner organisation. */
  partnerOrganisationId: z.uuid().optional(),
});
export type ConsentInput = z.infer<typeof consentInput>;

export const consentView = z.object({
  id: z.uuid(),
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
  source: z.enum(CONSENT_SOURCES),
  wordingVersion: z.string(),
  programme: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  partner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  recordedAt: z.string(),
  /** The staff member who recorded it; null when the person gave it themselves (RSVP, registration) or a job did. */
  recordedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type ConsentView = z.infer<typeof consentView>;

export const consentList = z.object({ current: z.array(consentView), history: z.array(consentView) });
export const consentRecorded = z.object({ cancelledMessages: z.number().int() });

export const revealResult = z.object({ nik: z.string().nullable() });

export const exportQuery = z.object({ format: z.enum(['json', 'pdf']).default('json') });

export const eraseBody = z.object({
  /** The person's request as recorded outside Berdaya (letter, ticket number): kept in the audit trail. */
  reference: z.string().trim().min(1).max(120),
});
export const eraseResult = z.object({ personId: z.uuid(), anonymisedAt: z.string() });

export const retentionBody = z.object({ months: z.number().int().min(1).max(240).nullable() });
export const retentionView = z.object({ months: z.number().int().nullable(), appliedAt: z.string().nullable() });
