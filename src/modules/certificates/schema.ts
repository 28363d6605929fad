import { z } from 'zod';
import { optionalText } from '../../server/schema-helpers.ts';

export const certificateSettingsBody = z.object({
  /** null: attendance alone decides. */
  postTestPassPercent: z.number().int().min(1).max(100).nullable(),
  includeEnglish: z.boolean().default(true),
  signatoryName: optionalText(200),
  signatoryTitle: optionalText(200),
});
export type CertificateSettingsInput = z.infer<typeof certificateSettingsBody>;
export const certificateSettingsView = z.object({
  programmeId: z.uuid(),
  postTestPassPercent: z.number().int().nullable(),
  includeEnglish: z.boolean(),
  signatoryName: z.string().nullable(),
  signatoryTitle: z.string().nullable(),
});

export const issueCertificateBody = z.object({ personId: z.uuid() });

export const certificateView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  personId: z.uuid(),
  serial: z.string(),
  verificationCode: z.string(),
  verifyUrl: z.string(),
  holderName: z.string(),
  issuedOn: z.string(),
  issuedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revocationReason: z.string().nullable(),
});
export type CertificateView = z.infer<typeof certificateView>;
export const certificateList = z.object({ items: z.array(certificateView), total: z.number().int() });
export const certificatesQuery = z.object({ status: z.enum(['valid', 'revoked']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) });

export const revokeBody = z.object({ reason: z.string().trim().min(3).max(1000) });

export const eligibilityView = z.object({
  personId: z.uuid(),
  eligible: z.boolean(),
  /** Attended share of the learning path. */
  percent: z.number(),
  completionMinPercent: z.number().int(),
  postTestPassPercent: z.number().int().nullable(),
  /** Path modules whose post-test is required and not (yet) passed. */
  postTestsMissing: z.array(z.object({ moduleId: z.uuid(), code: z.string(), bestScore: z.number().nullable() })),
  /** Why not, in the caller's language. */
  reason: z.string().nullable(),
});

export const verifyParams = z.object({ code: z.string().trim().min(1).max(40) });
export const verificationView = z.object({
  /** Issued and not revoked. */
  valid: z.boolean(),
  status: z.enum(['valid', 'revoked']),
  serial: z.string(),
  /** The name printed on the certificate (no NIK, no phone). */
  holderName: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  partners: z.array(z.string()),
  modules: z.array(z.object({ id: z.string(), en: z.string() })),
  issuedOn: z.string(),
  revokedAt: z.iso.datetime().nullable(),
  /** A sentence for the page, in the reader's language. */
  message: z.string(),
});

export const createBundleBody = z.object({ cohortId: z.uuid().optional() });
export const bundleView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  cohortId: z.uuid().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().nullable(),
  /** Certificates rendered so far and in all (known once issuing is over). */
  done: z.number().int(),
  total: z.number().int().nullable(),
  percent: z.number(),
  /** People considered who did not meet the completion rule (no certificate for them). */
  notEligible: z.number().int().nullable(),
  error: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type BundleView = z.infer<typeof bundleView>;
