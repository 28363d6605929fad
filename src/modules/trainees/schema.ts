import { z } from 'zod';
import { optionalText } from '../../server/schema-helpers.ts';

/** Kinds of people trained besides MSME owners (registered one by one; owners come with their business). */
export const TRAINEE_KINDS = ['government_staff', 'trainer', 'champion', 'trainee'] as const;
export type TraineeKind = (typeof TRAINEE_KINDS)[number];
export const PERSON_KINDS = ['msme_owner', ...TRAINEE_KINDS] as const;

const cell = z.string().max(500).optional();

/** A person without a business: the identity rules of the roster (NIK or phone, normalised the same way). */
export const personFields = z.object({
  name: z.string().trim().min(1).max(200),
  nik: cell,
  phone: cell,
  email: cell,
  gender: z.enum(['female', 'male', '']).optional(),
});
export type PersonFields = z.infer<typeof personFields>;

export const registerPersonBody = personFields
  .extend({
    kind: z.enum(TRAINEE_KINDS),
    /** Government staff: where they work, e.g. `Pemerintah Kabupaten Jayapura`, `Bagian Humas`, `Kepala Subbagian`. */
    institution: optionalText(300),
    unit: optionalText(300),
    position: optionalText(300),
  })
  .refine((b) => b.kind !== 'government_staff' || Boolean(b.institution), { message: 'errors.field.required', path: ['institution'] });
export type RegisterPersonInput = z.infer<typeof registerPersonBody>;

export const registerPersonResult = z.object({
  personId: z.uuid(),
  kind: z.enum(PERSON_KINDS),
  /** The registry already knew this person (found by NIK or phone). */
  existed: z.boolean(),
  alreadyEnrolled: z.boolean(),
});

const counts = { registered: z.number().int(), trained: z.number().int(), completed: z.number().int() };

export const traineeSummary = z.object({
  /** One entry per kind of person, zeros included. `trained`: attended at least one session; `completed`: the learning path. */
  byKind: z.array(z.object({ kind: z.enum(PERSON_KINDS), ...counts })),
  /** Government staff by institution (institution names are not personal data). */
  governmentInstitutions: z.array(z.object({ institution: z.string(), ...counts })),
});
