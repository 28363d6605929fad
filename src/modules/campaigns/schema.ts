import { z } from 'zod';
import { DEFAULT_INVITATION_SUBJECT, DEFAULT_INVITATION_TEMPLATE, PLACEHOLDERS } from '../../core/message-template.ts';
import { CHANNELS } from '../outbox/adapters.ts';
import { participantFilter } from '../sessions/schema.ts';

export const CAMPAIGN_STATUSES = ['draft', 'queued', 'sent'] as const;
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;

/** Recipients: the programme's participants by filter; by default only those who are willing and active (as Jakarta asked). */
export const campaignFilter = participantFilter.extend({
  active: z.boolean().nullable().default(true),
  willing: z.boolean().nullable().default(true),
});
export type CampaignFilter = z.infer<typeof campaignFilter>;

const templateText = z.string().trim().min(1).max(2000);

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  /** Invite to one session … */
  sessionId: z.uuid().optional(),
  /** … or to every session of a cohort. */
  cohortId: z.uuid().optional(),
  channel: z.enum(CHANNELS).default('log'),
  /** Email subject; placeholders allowed. */
  subject: z.string().trim().min(1).max(200).default(DEFAULT_INVITATION_SUBJECT),
  /** Bahasa Indonesia; placeholders: {{nama}} {{usaha}} {{sesi}} {{tanggal}} {{tempat}} {{tautan}}. */
  template: templateText.default(DEFAULT_INVITATION_TEMPLATE),
  filter: campaignFilter.prefault({}),
};

const oneTarget = { message: 'errors.campaign.oneTarget', path: ['sessionId'] };

export const createCampaignBody = z.object(campaignFields).refine((b) => (b.sessionId === undefined) !== (b.cohortId === undefined), oneTarget);
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = z.object({
  name: campaignFields.name.optional(),
  channel: z.enum(CHANNELS).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  template: templateText.optional(),
  filter: campaignFilter.optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;

export const campaignStats = z.object({
  /** Chosen by the filter (skipped ones included). */
  recipients: z.number().int(),
  skipped: z.object({ opted_out: z.number().int(), no_address: z.number().int() }),
  delivery: z.object({ queued: z.number().int(), sending: z.number().int(), sent: z.number().int(), failed: z.number().int(), unknown: z.number().int(), cancelled: z.number().int() }),
  rsvp: z.object({ yes: z.number().int(), no: z.number().int(), none: z.number().int() }),
});

export const campaignView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  name: z.string(),
  target: z.object({ kind: z.enum(['session', 'cohort']), id: z.uuid(), title: z.string() }),
  channel: z.enum(CHANNELS),
  subject: z.string(),
  template: z.string(),
  filter: campaignFilter,
  status: z.enum(CAMPAIGN_STATUSES),
  rsvpExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** The job writing the messages (status `queued`). */
  jobId: z.uuid().nullable(),
  stats: campaignStats,
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignList = z.object({ items: z.array(campaignView), total: z.number().int() });

export const campaignPreview = z.object({
  /** People the filter picks. */
  matched: z.number().int(),
  /** Of them, who will get a message. */
  recipients: z.number().int(),
  skipped: z.object({ opted_out: z.number().int(), no_address: z.number().int() }),
  /** The message as the first recipient would get it (with an example link); null when nobody matches. */
  sample: z.object({ subject: z.string().nullable(), body: z.string() }).nullable(),
  placeholders: z.array(z.enum(PLACEHOLDERS)),
});
export type CampaignPreview = z.infer<typeof campaignPreview>;

export const campaignParams = z.object({ id: z.uuid() });
export const messageParams = z.object({ id: z.uuid(), messageId: z.uuid() });

export const recipientsQuery = z.object({
  delivery: z.enum([...OUTBOX_STATUSES, 'skipped']).optional(),
  rsvp: z.enum(['yes', 'no', 'none']).optional(),
  /** Opaque cursor from the previous page. */
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const recipientView = z.object({
  recipientId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  skipReason: z.enum(['opted_out', 'no_address']).nullable(),
  delivery: z
    .object({
      messageId: z.uuid(),
      status: z.enum(OUTBOX_STATUSES),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      nextAttemptAt: z.iso.datetime().nullable(),
      sentAt: z.iso.datetime().nullable(),
    })
    .nullable(),
  rsvp: z.enum(['yes', 'no']).nullable(),
  rsvpAt: z.iso.datetime().nullable(),
  /** What the answer did to the roster: added, already, full, double_booked, removed, none. */
  rsvpRoster: z.string().nullable(),
});
export const recipientList = z.object({ items: z.array(recipientView), nextCursor: z.uuid().nullable() });

/** A manager's decision on a message whose delivery is unknown (or failed). */
export const reviewBody = z.object({ decision: z.enum(['sent', 'resend', 'failed']) });
