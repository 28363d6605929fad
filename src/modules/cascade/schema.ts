import { z } from 'zod';
import { isoDate } from '../../server/schema-helpers.ts';

export const certificationParams = z.object({ id: z.uuid(), certificationId: z.uuid() });

export const createCertificationBody = z.object({
  /** A person enrolled in the programme (register them first with POST /api/programs/:id/people, kind `trainer`). */
  personId: z.uuid(),
  /** Their account with the trainer role, when they have one: the sessions it runs hang under this node. */
  userId: z.uuid().nullish(),
  organisationId: z.uuid().nullish(),
  /** The certification of the trainer who trained them; absent for a master trainer. */
  parentId: z.uuid().nullish(),
  certifiedOn: isoDate.optional(),
});
export type CreateCertificationInput = z.infer<typeof createCertificationBody>;

export const updateCertificationBody = z.object({ userId: z.uuid().nullish(), organisationId: z.uuid().nullish() });
export type UpdateCertificationInput = z.infer<typeof updateCertificationBody>;

export const certifyTrainersBody = z.object({
  /** Attendees of the ToT session to certify. */
  personIds: z.array(z.uuid()).min(1).max(500),
  /** Which of the session's trainers certifies them; needed only when several of them are certified trainers. */
  certifiedByUserId: z.uuid().optional(),
  /** Accounts (role trainer) of the new trainers, where they have one. */
  accounts: z.array(z.object({ personId: z.uuid(), userId: z.uuid() })).max(500).default([]),
  certifiedOn: isoDate.optional(),
});
export type CertifyTrainersInput = z.infer<typeof certifyTrainersBody>;

export const CERTIFY_REFUSALS = ['not_attended', 'not_enrolled'] as const;

export const certifyTrainersResult = z.object({
  certified: z.array(z.object({ personId: z.uuid(), certificationId: z.uuid() })),
  alreadyCertified: z.array(z.uuid()),
  refused: z.array(z.object({ personId: z.uuid(), reason: z.enum(CERTIFY_REFUSALS), message: z.string() })),
  /** The certification the new trainers hang under (null: the session's trainers are not certified in this programme). */
  parentId: z.uuid().nullable(),
});

export const certificationView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  personId: z.uuid(),
  userId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  parentId: z.uuid().nullable(),
  totSessionId: z.uuid().nullable(),
  certifiedOn: z.string(),
});

const reach = z.object({
  /** Trainers certified anywhere below this node. */
  trainersCertified: z.number().int(),
  /** Sessions (not cancelled) run by this trainer and everyone below. */
  sessions: z.number().int(),
  /** Unique people who attended a regular (not ToT) session run in this branch. */
  participants: z.number().int(),
  /** Of them: completed the learning path. */
  completed: z.number().int(),
  /** Of them: their business is at digital maturity level 2 or more. */
  onboarded: z.number().int(),
});

type Node = {
  id: string;
  parentId: string | null;
  depth: number;
  trainer: { personId: string; name: string | null; userId: string | null; organisation: { id: string; name: string } | null };
  certifiedOn: string;
  totSession: { id: string; title: string } | null;
  own: { sessions: number; participants: number };
  reach: z.infer<typeof reach>;
  children: Node[];
};

export const cascadeNode: z.ZodType<Node> = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  depth: z.number().int(),
  /** `name` is null for viewers (no personal data). */
  trainer: z.object({ personId: z.uuid(), name: z.string().nullable(), userId: z.uuid().nullable(), organisation: z.object({ id: z.uuid(), name: z.string() }).nullable() }),
  certifiedOn: z.string(),
  totSession: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  /** This trainer's own sessions and participants. */
  own: z.object({ sessions: z.number().int(), participants: z.number().int() }),
  /** Rolled up over this node and its whole subtree (people counted once however many branches reached them). */
  reach,
  get children() {
    return z.array(cascadeNode);
  },
});

export const cascadeView = z.object({
  roots: z.array(cascadeNode),
  /** The whole programme: every trainer, and every regular session whoever ran it. */
  totals: reach,
});
export type CascadeView = z.infer<typeof cascadeView>;
