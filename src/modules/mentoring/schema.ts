import { z } from 'zod';
import { httpUrl } from '../curriculum/schema.ts';
import { isoDate, optionalText } from '../../server/schema-helpers.ts';

export const VISIT_MODES = ['on_site', 'phone', 'whatsapp'] as const;
export const MILESTONE_KINDS = ['social_account', 'marketplace_listing', 'first_online_sale', 'qris_payments', 'paid_ads', 'sales_analytics'] as const;
export const MILESTONE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** Why the server refused a visit record (stable codes: the trainer app shows them). */
export const VISIT_SYNC_REASONS = ['unknown_programme', 'unknown_msme', 'not_your_caseload', 'invalid_record'] as const;
export type VisitSyncReason = (typeof VISIT_SYNC_REASONS)[number];

export const caseloadBody = z.object({ mentorUserId: z.uuid(), msmeIds: z.array(z.uuid()).min(1).max(2000) });
export type CaseloadInput = z.infer<typeof caseloadBody>;

export const caseloadResult = z.object({
  added: z.array(z.uuid()),
  already: z.array(z.uuid()),
  /** MSMEs not enrolled in the programme. */
  notEnrolled: z.array(z.uuid()),
});
export const endCaseloadResult = z.object({ ended: z.number().int() });

export const caseloadQuery = z.object({ mentorUserId: z.uuid().optional() });

const msmeSummary = {
  msmeId: z.uuid(),
  businessName: z.string(),
  ownerName: z.string(),
  sector: z.string(),
  regencyCode: z.string().nullable(),
  maturityLevel: z.number().int().nullable(),
};

export const caseloadList = z.object({
  items: z.array(z.object({ mentor: z.object({ id: z.uuid(), name: z.string() }), ...msmeSummary, assignedAt: z.iso.datetime(), visits: z.number().int(), lastVisitOn: z.string().nullable() })),
});

export const myCaseload = z.object({
  items: z.array(
    z.object({
      programme: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
      ...msmeSummary,
      ownerPersonId: z.uuid(),
      /** E.164: the mentor calls or messages the owner. */
      phone: z.string().nullable(),
      address: z.string().nullable(),
      lastVisitOn: z.string().nullable(),
      milestones: z.array(z.object({ kind: z.enum(MILESTONE_KINDS), status: z.enum(MILESTONE_STATUSES) })),
    }),
  ),
});

/**
 * A visit as the trainer app captured it. Fields are read leniently: a record that cannot be
 * read is refused with `invalid_record` (and kept for the mentor) instead of failing the batch.
 */
export const visitRecord = z.object({
  clientId: z.string().trim().min(1).max(100),
  programmeId: z.string().trim().max(100),
  msmeId: z.string().trim().max(100),
  /** `YYYY-MM-DD`, the local date of the visit. */
  visitedOn: z.string().trim().max(20),
  mode: z.string().trim().max(20).describe('on_site | phone | whatsapp'),
  notes: z.string().max(10_000).nullish(),
  agreedActions: z.array(z.string().max(1000)).max(50).nullish(),
  /** ISO 8601 with offset. */
  capturedAt: z.string().trim().max(50),
});
export type VisitRecordInput = z.infer<typeof visitRecord>;

export const syncVisitsBody = z.object({ records: z.array(visitRecord).max(1000) });
export const syncVisitsResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ clientId: z.string(), reason: z.enum(VISIT_SYNC_REASONS) })),
  /** clientId → visit id, for accepted and duplicate records: photos are uploaded to the visit id. */
  visitIds: z.record(z.string(), z.uuid()),
});

export const createVisitBody = z.object({
  /** Optional for online use; the trainer app always sends one. */
  clientId: z.string().trim().min(1).max(100).optional(),
  visitedOn: isoDate,
  mode: z.enum(VISIT_MODES),
  notes: optionalText(10_000),
  agreedActions: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
});
export type CreateVisitInput = z.infer<typeof createVisitBody>;

export const visitView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  msmeId: z.uuid(),
  clientId: z.string(),
  mentor: z.object({ id: z.uuid(), name: z.string() }),
  visitedOn: z.string(),
  mode: z.enum(VISIT_MODES),
  notes: z.string().nullable(),
  agreedActions: z.array(z.string()),
  capturedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  photos: z.array(z.object({ id: z.uuid(), clientId: z.string(), contentType: z.string(), size: z.number().int() })),
});
export type VisitView = z.infer<typeof visitView>;
export const visitList = z.object({ items: z.array(visitView) });

export const visitRejectionList = z.object({
  items: z.array(
    z.object({
      clientId: z.string(),
      reason: z.enum(VISIT_SYNC_REASONS),
      message: z.string(),
      record: z.record(z.string(), z.unknown()),
      attempts: z.number().int(),
      firstSeenAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
      resolvedAt: z.iso.datetime().nullable(),
    }),
  ),
});
export const visitRejectionsQuery = z.object({ includeResolved: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional() });

export const programmeMsmeParams = z.object({ id: z.uuid(), msmeId: z.uuid() });
export const visitParams = z.object({ id: z.uuid() });
export const visitPhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() });
export const photoResult = z.object({ photoId: z.uuid(), duplicate: z.boolean(), contentType: z.string(), size: z.number().int() });

export const milestoneParams = z.object({ id: z.uuid(), msmeId: z.uuid(), kind: z.enum(MILESTONE_KINDS) });
export const submitMilestoneBody = z.object({
  reachedOn: isoDate,
  /** A link to the evidence (the shop page, the social account, …); or upload a photo afterwards. */
  evidenceUrl: httpUrl.nullish(),
  notes: optionalText(2000),
});
export type SubmitMilestoneInput = z.infer<typeof submitMilestoneBody>;
export const verifyMilestoneBody = z
  .object({ decision: z.enum(['verified', 'rejected']), reason: optionalText(1000) })
  .refine((b) => b.decision === 'verified' || Boolean(b.reason), { message: 'errors.field.required', path: ['reason'] });
export type VerifyMilestoneInput = z.infer<typeof verifyMilestoneBody>;

export const milestoneView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  msmeId: z.uuid(),
  kind: z.enum(MILESTONE_KINDS),
  reachedOn: z.string(),
  evidenceUrl: z.string().nullable(),
  evidencePhoto: z.object({ contentType: z.string(), size: z.number().int() }).nullable(),
  notes: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  submittedBy: z.uuid(),
  submittedAt: z.iso.datetime(),
  verifiedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  rejectionReason: z.string().nullable(),
});
export type MilestoneView = z.infer<typeof milestoneView>;
export const milestoneList = z.object({ items: z.array(milestoneView.extend({ businessName: z.string().nullable() })) });
export const milestonesQuery = z.object({ status: z.enum(MILESTONE_STATUSES).optional(), kind: z.enum(MILESTONE_KINDS).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
