import { z } from 'zod';
import { SECTORS } from '../../core/sector.ts';
import { queryBoolean } from '../../server/schema-helpers.ts';

export const ENROLMENT_STATUSES = ['registered', 'invited', 'confirmed', 'attending', 'completed', 'withdrawn'] as const;

const cell = z.string().max(500).optional();

/** A participant as a person types it: the same fields, rules and normalisation as a roster row. */
export const participantInput = z.object({
  businessName: cell,
  ownerName: cell,
  nik: cell,
  nib: cell,
  phone: cell,
  email: cell,
  gender: z.enum(['female', 'male', '']).optional(),
  sector: z.enum([...SECTORS, '']).optional(),
  address: cell,
  /** Regency code (`31.74`) or name, as in a roster. */
  regency: cell,
  province: cell,
  /** Enrolment flags: set when adding to a programme; edits go through `enrolmentUpdate`. */
  active: z.boolean().nullish(),
  willing: z.boolean().nullish(),
});
export type ParticipantInput = z.infer<typeof participantInput>;

/** Editing a person: the same fields without the enrolment flags, which belong to one programme. */
export const personEditInput = participantInput.omit({ active: true, willing: true }).strict();

export const enrolmentUpdate = z.object({
  status: z.enum(ENROLMENT_STATUSES).optional(),
  active: z.boolean().nullish(),
  willing: z.boolean().nullish(),
});
export type EnrolmentUpdate = z.infer<typeof enrolmentUpdate>;

export const listParticipantsQuery = z.object({
  /** Name or business name (contains), NIK (16 digits) or phone number (exact). */
  q: z.string().trim().max(100).optional(),
  regency: z.string().regex(/^\d{2}\.\d{2}$/).optional(),
  province: z.string().regex(/^\d{2}$/).optional(),
  sector: z.enum(SECTORS).optional(),
  gender: z.enum(['female', 'male']).optional(),
  status: z.enum(ENROLMENT_STATUSES).optional(),
  active: queryBoolean.optional(),
  willing: queryBoolean.optional(),
  /** Opaque cursor from the previous page (`nextCursor`). */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListParticipantsQuery = z.infer<typeof listParticipantsQuery>;

export const participantRow = z.object({
  personId: z.uuid(),
  enrolmentId: z.uuid(),
  name: z.string(),
  /** Always masked in lists (`3174********0001`). */
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  gender: z.enum(['female', 'male']).nullable(),
  businessName: z.string().nullable(),
  sector: z.string().nullable(),
  regency: z.object({ code: z.string(), name: z.string() }).nullable(),
  status: z.enum(ENROLMENT_STATUSES),
  active: z.boolean().nullable(),
  willing: z.boolean().nullable(),
  source: z.string(),
});
export type ParticipantRow = z.infer<typeof participantRow>;

export const participantList = z.object({
  items: z.array(participantRow),
  /** Matching participants, counted up to 10,000 (then `totalCapped`). */
  total: z.number().int(),
  totalCapped: z.boolean(),
  nextCursor: z.number().int().nullable(),
});

export const participantDetail = z.object({
  person: z.object({
    id: z.uuid(),
    name: z.string(),
    /** Always masked (`3174********0001`); the full NIK only through POST /api/participants/:personId/reveal. */
    nik: z.string().nullable(),
    /** Whether the caller may reveal the full NIK (an audited action). */
    nikRevealable: z.boolean(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    gender: z.enum(['female', 'male']).nullable(),
    /** Personal fields were removed (deletion request or retention period). */
    anonymised: z.boolean(),
  }),
  msme: z
    .object({
      id: z.uuid(),
      businessName: z.string(),
      nib: z.string().nullable(),
      sector: z.string(),
      address: z.string().nullable(),
      regency: z.object({ code: z.string(), name: z.string(), provinceName: z.string() }).nullable(),
    })
    .nullable(),
  enrolments: z.array(
    z.object({
      id: z.uuid(),
      programme: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
      status: z.enum(ENROLMENT_STATUSES),
      active: z.boolean().nullable(),
      willing: z.boolean().nullable(),
      source: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type ParticipantDetail = z.infer<typeof participantDetail>;

export const personParams = z.object({ personId: z.uuid() });
export const programmePersonParams = z.object({ id: z.uuid(), personId: z.uuid() });
