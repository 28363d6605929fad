import { z } from 'zod';
import { normaliseEmail } from '../../core/email.ts';
import { normalisePhone } from '../../core/phone.ts';

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

// Self-service data rights (`/data-saya`): a one-time code to a phone number or email address.

/** The access token of the self-service page travels in this header, never in a URL. */
export const MY_DATA_TOKEN_HEADER = 'x-my-data-token';

export type Contact = { kind: 'phone' | 'email'; value: string };

/** An Indonesian mobile number (as E.164) or an email address (lower case); null for anything else. */
export function parseContact(raw: string): Contact | null {
  if (raw.includes('@')) {
    const email = normaliseEmail(raw);
    return email.kind === 'valid' ? { kind: 'email', value: email.value } : null;
  }
  const phone = normalisePhone(raw);
  return phone.kind === 'valid' ? { kind: 'phone', value: phone.value } : null;
}

const contact = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .refine((v) => parseContact(v) !== null, { message: 'errors.personalData.contactInvalid' });

export const myDataCodeBody = z.object({ contact });
export const myDataCodeResult = z.object({ message: z.string() });

export const myDataVerifyBody = z.object({ contact, code: z.string().trim().regex(/^\d{6}$/, { message: 'errors.personalData.codeFormat' }) });
export const myDataVerifyResult = z.object({ token: z.string(), expiresAt: z.iso.datetime() });

export const myDataHeaders = z.object({ [MY_DATA_TOKEN_HEADER]: z.string().trim().min(1).max(200) });

/** What the page shows after the code: enough to recognise one's own record, the NIK masked. */
export const myDataSummary = z.object({
  name: z.string(),
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  businesses: z.array(z.object({ name: z.string(), sector: z.string() })),
  programmes: z.array(z.object({ code: z.string(), name: z.string() })),
  counts: z.object({ attendance: z.number().int(), invitations: z.number().int(), certificates: z.number().int(), consents: z.number().int() }),
  /** When this access ends (a new code is needed after). */
  expiresAt: z.iso.datetime(),
});
export type MyDataSummary = z.infer<typeof myDataSummary>;

export const myDataEraseBody = z.object({ confirm: z.literal(true, { message: 'errors.personalData.confirmRequired' }) });
export const myDataEraseResult = z.object({ anonymisedAt: z.string(), message: z.string() });
