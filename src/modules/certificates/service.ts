import { and, asc, desc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { certificateSerial, newVerificationCode, normaliseVerificationCode, verificationUrl } from '../../core/certificate-code.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { certificate, certificateSetting, curriculumModule, learningPathModule, organisation, partnership, person, programme, type CertificateContent } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { todayInJakarta } from '../assessments/maturity.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { isEnrolled } from '../trainees/service.ts';
import { eligibilityOf, ineligibilityReason } from './eligibility.ts';
import { renderCertificatePdf } from './render-pdf.ts';
import type { CertificateSettingsInput, CertificateView } from './schema.ts';

type CertificateRow = typeof certificate.$inferSelect;

export function certificateView(row: CertificateRow): CertificateView {
  return {
    id: row.id,
    programmeId: row.programmeId,
    personId: row.personId,
    serial: row.serial,
    verificationCode: row.verificationCode,
    verifyUrl: verificationUrl(row.verifyBaseUrl, row.verificationCode),
    holderName: row.holderName,
    issuedOn: row.content.issuedOn,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
  };
}

export async function getCertificateSettings(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'certificate.issue');
  const [row] = await db.select().from(certificateSetting).where(eq(certificateSetting.programmeId, programmeId));
  return { programmeId, postTestPassPercent: row?.postTestPassPercent ?? null, includeEnglish: row?.includeEnglish ?? true, signatoryName: row?.signatoryName ?? null, signatoryTitle: row?.signatoryTitle ?? null };
}

export async function setCertificateSettings(options: { db: Db; actor: SessionActor; programmeId: string; input: CertificateSettingsInput }) {
  const { db, actor, programmeId, input } = options;
  await db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'programme.update');
    const values = { postTestPassPercent: input.postTestPassPercent, includeEnglish: input.includeEnglish, signatoryName: input.signatoryName ?? null, signatoryTitle: input.signatoryTitle ?? null, updatedAt: new Date() };
    await tx.insert(certificateSetting).values({ programmeId, ...values }).onConflictDoUpdate({ target: certificateSetting.programmeId, set: values });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'certificate.settings', entityType: 'programme', entityId: programmeId, programmeId, details: { postTestPassPercent: input.postTestPassPercent, includeEnglish: input.includeEnglish } });
  });
  return getCertificateSettings(options);
}

/** What the certificates of a programme say, as of now: fixed into each certificate when issued. */
async function contentOf(tx: DbOrTx, programmeId: string): Promise<{ content: CertificateContent; code: string }> {
  const [p] = await tx.select().from(programme).where(eq(programme.id, programmeId));
  if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'programme' } });
  const [setting] = await tx.select().from(certificateSetting).where(eq(certificateSetting.programmeId, programmeId));
  const partners = await tx
    .select({ name: organisation.name })
    .from(partnership)
    .innerJoin(organisation, eq(organisation.id, partnership.organisationId))
    .where(and(eq(partnership.programmeId, programmeId), isNull(partnership.archivedAt), sql`${partnership.role} <> 'oversight'`))
    .orderBy(sql`${partnership.role} = 'lead' desc`, asc(organisation.name));
  const modules = await tx
    .select({ code: curriculumModule.code, titleId: curriculumModule.titleId, titleEn: curriculumModule.titleEn })
    .from(learningPathModule)
    .innerJoin(curriculumModule, eq(curriculumModule.id, learningPathModule.moduleId))
    .where(eq(learningPathModule.programmeId, programmeId))
    .orderBy(asc(learningPathModule.position));
  return {
    code: p.code,
    content: {
      programme: { code: p.code, name: p.name },
      partners: partners.map((x) => x.name),
      modules,
      issuedOn: todayInJakarta(),
      includeEnglish: setting?.includeEnglish ?? true,
      signatory: setting?.signatoryName ? { name: setting.signatoryName, title: setting.signatoryTitle ?? '' } : null,
    },
  };
}

/**
 * Issues certificates to people already found eligible, in one transaction: one per person and
 * programme (the unique index makes a second issue impossible; an existing certificate is
 * returned as it is), serial numbers reserved from the programme's counter row.
 */
export async function issueCertificates(db: Db, options: { programmeId: string; personIds: string[]; issuedBy: string | null; verifyBaseUrl: string }): Promise<{ issued: CertificateRow[]; existing: CertificateRow[] }> {
  const { programmeId, issuedBy, verifyBaseUrl } = options;
  const personIds = [...new Set(options.personIds)];
  return db.transaction(async (tx) => {
    const existing = personIds.length ? await tx.select().from(certificate).where(and(eq(certificate.programmeId, programmeId), inArray(certificate.personId, personIds))) : [];
    const missing = personIds.filter((id) => !existing.some((c) => c.personId === id));
    if (missing.length === 0) return { issued: [], existing };
    const { content, code } = await contentOf(tx, programmeId);
    const names = new Map((await tx.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, missing))).map((p) => [p.id, p.name]));
    await tx.insert(certificateSetting).values({ programmeId }).onConflictDoNothing();
    // The counter row serialises concurrent issues in a programme; numbers of a lost race stay unused.
    const [counter] = (
      (await tx.execute(sql`update ${certificateSetting} set next_number = next_number + ${missing.length} where programme_id = ${programmeId} returning next_number - ${missing.length} as first`)) as unknown as {
        rows: { first: number }[];
      }
    ).rows;
    const first = Number(counter?.first ?? 1);
    const rows = missing.map((personId, i) => ({
      programmeId,
      personId,
      number: first + i,
      serial: certificateSerial(code, first + i),
      verificationCode: newVerificationCode(),
      holderName: names.get(personId) ?? '',
      content,
      verifyBaseUrl,
      issuedBy,
    }));
    const issued = await tx.insert(certificate).values(rows).onConflictDoNothing({ target: [certificate.programmeId, certificate.personId] }).returning();
    for (const row of issued) {
      await recordAudit(tx, { actorUserId: issuedBy, action: 'certificate.issue', entityType: 'certificate', entityId: row.id, programmeId, details: { serial: row.serial, personId: row.personId } });
    }
    const raced = missing.filter((id) => !issued.some((c) => c.personId === id));
    const others = raced.length ? await tx.select().from(certificate).where(and(eq(certificate.programmeId, programmeId), inArray(certificate.personId, raced))) : [];
    return { issued, existing: [...existing, ...others] };
  });
}

/**
 * Issues a participant's certificate when they meet the programme's rule, idempotently: asking
 * again returns the same certificate (same serial). Not eligible → 409 saying why; revoked → 409.
 */
export async function issueCertificate(options: { db: Db; actor: SessionActor; programmeId: string; personId: string; verifyBaseUrl: string; locale: Locale }) {
  const { db, actor, programmeId, personId, locale } = options;
  await authorizeProgramme(db, actor, programmeId, 'certificate.issue');
  if (!(await isEnrolled(db, programmeId, personId))) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const [current] = await db.select().from(certificate).where(and(eq(certificate.programmeId, programmeId), eq(certificate.personId, personId)));
  if (current?.revokedAt) throw new AppError('conflict', 'errors.certificate.revoked', { params: { serial: current.serial } });
  if (current) return { certificate: certificateView(current), created: false };
  const eligibility = (await eligibilityOf(db, programmeId, [personId])).get(personId);
  const reason = eligibility ? ineligibilityReason(eligibility, locale) : null;
  if (!eligibility?.eligible) throw new AppError('conflict', 'errors.certificate.notEligible', { params: { reason: reason ?? '' } });
  const { issued, existing } = await issueCertificates(db, { programmeId, personIds: [personId], issuedBy: actor.userId, verifyBaseUrl: options.verifyBaseUrl });
  const row = issued[0] ?? existing[0];
  if (!row) throw new Error('certificate vanished after issue');
  return { certificate: certificateView(row), created: issued.length > 0 };
}

export async function checkEligibility(options: { db: Db; actor: SessionActor; programmeId: string; personId: string; locale: Locale }) {
  const { db, actor, programmeId, personId, locale } = options;
  await authorizeProgramme(db, actor, programmeId, 'certificate.issue');
  if (!(await isEnrolled(db, programmeId, personId))) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const e = (await eligibilityOf(db, programmeId, [personId])).get(personId);
  if (!e) throw new Error('no eligibility');
  return { personId, eligible: e.eligible, percent: e.percent, completionMinPercent: e.completionMinPercent, postTestPassPercent: e.postTestPassPercent, postTestsMissing: e.postTestsMissing, reason: ineligibilityReason(e, locale) };
}

export async function listCertificates(options: { db: Db; actor: SessionActor; programmeId: string; status?: 'valid' | 'revoked'; limit: number }) {
  const { db, actor, programmeId, status } = options;
  await authorizeProgramme(db, actor, programmeId, 'participant.read');
  const where = and(eq(certificate.programmeId, programmeId), status === 'valid' ? isNull(certificate.revokedAt) : status === 'revoked' ? isNotNull(certificate.revokedAt) : undefined);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(certificate).where(where);
  const rows = await db.select().from(certificate).where(where).orderBy(desc(certificate.number)).limit(options.limit);
  return { items: rows.map(certificateView), total: Number(total?.n ?? 0) };
}

/** A certificate the caller may see (organisers of its programme); others get 404. */
async function authorizeCertificate(db: DbOrTx, actor: SessionActor, id: string, action: 'participant.read' | 'certificate.revoke'): Promise<CertificateRow> {
  const [row] = await db.select().from(certificate).where(eq(certificate.id, id));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'certificate' } });
  try {
    await authorizeProgramme(db, actor, row.programmeId, action);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', 'errors.notFound', { params: { entity: 'certificate' } });
    throw error;
  }
  return row;
}

export async function getCertificate(options: { db: Db; actor: SessionActor; id: string }) {
  return certificateView(await authorizeCertificate(options.db, options.actor, options.id, 'participant.read'));
}

export async function certificatePdf(options: { db: Db; actor: SessionActor; id: string }) {
  const row = await authorizeCertificate(options.db, options.actor, options.id, 'participant.read');
  return { filename: `${row.serial}.pdf`, content: Buffer.from(await renderCertificatePdf(row)) };
}

/** The participant's own certificate (through their personal link); a revoked one is not handed out. */
export async function ownCertificatePdf(options: { db: Db; identity: { personId: string; programmeId: string } }) {
  const [row] = await options.db.select().from(certificate).where(and(eq(certificate.programmeId, options.identity.programmeId), eq(certificate.personId, options.identity.personId), isNull(certificate.revokedAt)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'certificate' } });
  return { filename: `${row.serial}.pdf`, content: Buffer.from(await renderCertificatePdf(row)) };
}

export async function revokeCertificate(options: { db: Db; actor: SessionActor; id: string; reason: string }) {
  const { db, actor, id, reason } = options;
  return db.transaction(async (tx) => {
    const row = await authorizeCertificate(tx, actor, id, 'certificate.revoke');
    if (row.revokedAt) throw new AppError('conflict', 'errors.certificate.alreadyRevoked');
    const [updated] = await tx.update(certificate).set({ revokedAt: new Date(), revokedBy: actor.userId, revocationReason: reason }).where(eq(certificate.id, id)).returning();
    if (!updated) throw new Error('update returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'certificate.revoke', entityType: 'certificate', entityId: id, programmeId: row.programmeId, details: { serial: row.serial } });
    return certificateView(updated);
  });
}

/** Public verification by the code in the QR: validity, programme, holder's name (no NIK, no phone), date, revoked state. */
export async function verifyCertificate(options: { db: Db; code: string; locale: Locale }) {
  const { db, locale } = options;
  const code = normaliseVerificationCode(options.code);
  const [row] = code ? await db.select().from(certificate).where(eq(certificate.verificationCode, code)) : [];
  if (!row) throw new AppError('not_found', 'errors.certificate.unknownCode');
  const revoked = row.revokedAt !== null;
  return {
    valid: !revoked,
    status: revoked ? ('revoked' as const) : ('valid' as const),
    serial: row.serial,
    holderName: row.holderName,
    programme: row.content.programme,
    partners: row.content.partners,
    modules: row.content.modules.map((m) => ({ id: m.titleId, en: m.titleEn })),
    issuedOn: row.content.issuedOn,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    message: translate(locale, revoked ? 'certificate.verify.revoked' : 'certificate.verify.valid', { name: row.holderName, programme: row.content.programme.name, serial: row.serial }),
  };
}
