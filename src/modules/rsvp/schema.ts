import { z } from 'zod';
import { SESSION_MODALITIES, SESSION_STATUSES } from '../sessions/schema.ts';

/** The RSVP token travels in this header (GET) or in the body (POST), never in a URL that could be logged. */
export const RSVP_TOKEN_HEADER = 'x-rsvp-token';

const token = z.string().trim().min(1).max(200);

export const rsvpHeaders = z.object({ [RSVP_TOKEN_HEADER]: token });
export const rsvpAnswerBody = z.object({ token, answer: z.enum(['yes', 'no']) });
export const optOutBody = z.object({ token });

export const rsvpSessionView = z.object({
  programme: z.object({ name: z.string() }),
  /** The invited person's name, to greet them. */
  name: z.string(),
  invitation: z.object({ kind: z.enum(['session', 'cohort']), title: z.string() }),
  sessions: z.array(
    z.object({
      title: z.string(),
      /** `Selasa, 23 Januari 2024, 09.00–12.00 WITA` */
      when: z.string(),
      place: z.string(),
      modality: z.enum(SESSION_MODALITIES),
      modalityText: z.string(),
      meetingUrl: z.string().nullable(),
      status: z.enum(SESSION_STATUSES),
      statusText: z.string(),
    }),
  ),
  answer: z.enum(['yes', 'no']).nullable(),
  answeredAt: z.iso.datetime().nullable(),
  optedOut: z.boolean(),
  expiresAt: z.iso.datetime(),
  /** The personal check-in QR code to show at the door. */
  checkIn: z.object({ token: z.string(), svg: z.string() }),
});

export const rsvpAnswerResult = z.object({
  answer: z.enum(['yes', 'no']),
  /** What the answer did to the roster. */
  roster: z.enum(['added', 'already', 'full', 'double_booked', 'not_enrolled', 'removed', 'none']),
  message: z.string(),
});

export const optOutResult = z.object({ optedOut: z.literal(true), message: z.string() });
