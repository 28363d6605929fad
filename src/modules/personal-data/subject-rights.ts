import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  attendance,
  campaign,
  campaignRecipient,
  certificate,
  consentRecord,
  dataAccessCode,
  enrolment,
  msme,
  outboxMessage,
  participantEdit,
  person,
  programme,
  trainingSession,
} from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { pdfSafe } from '../certificates/render-pdf.ts';
import { authorizePerson } from './access.ts';
import { decryptNik, decryptPhone } from './values.ts';

/** Everything Berdaya holds about one person (UU PDP art. 7: the right to obtain a copy). */
export type PersonalDataExport = {
  generatedAt: string;
  person: { id: string; name: string; nik: string | null; phone: string | null; email: string | null; gender: string | null; kind: string; createdAt: string; anonymisedAt: string | null };
  businesses: { id: string; businessName: string; nib: string | null; sector: string; address: string | null; regencyCode: string | null; maturityLevel: number | null }[];
  enrolments: { programme: { code: string; name: string }; status: string; source: string; active: boolean | null; willing: boolean | null; createdAt: string }[];
  attendance: { programmeCode: string; session: string; method: string; capturedAt: string }[];
  invitations: { programmeCode: string; campaign: string; channel: string; rsvp: string | null; rsvpAt: string | null }[];
  certificates: { programmeCode: string; serial: string; holderName: string; issuedAt: string }[];
  consents: { purpose: string; granted: boolean; source: string; wordingVersion: string; recordedAt: string }[];
};

/** Everything held about a person, with NIK and phone decrypted (for the export; never logged). */
export async function collectPersonalData(db: DbOrTx, personId: string): Promise<PersonalDataExport> {
  const [p] = await db.select().from(person).where(eq(person.id, personId));
  if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const businesses = await db.select().from(msme).where(eq(msme.ownerPersonId, personId)).orderBy(asc(msme.createdAt));
  const enrolments = await db
    .select({ e: enrolment, code: programme.code, name: programme.name })
    .from(enrolment)
    .innerJoin(programme, eq(programme.id, enrolment.programmeId))
    .where(eq(enrolment.personId, personId))
    .orderBy(asc(enrolment.createdAt));
  const attended = await db
    .select({ code: programme.code, title: trainingSession.title, method: attendance.method, capturedAt: attendance.capturedAt })
    .from(attendance)
    .innerJoin(trainingSession, eq(trainingSession.id, attendance.sessionId))
    .innerJoin(programme, eq(programme.id, attendance.programmeId))
    .where(eq(attendance.personId, personId))
    .orderBy(asc(attendance.capturedAt));
  const invitations = await db
    .select({ code: programme.code, name: campaign.name, channel: campaign.channel, rsvp: campaignRecipient.rsvp, rsvpAt: campaignRecipient.rsvpAt })
    .from(campaignRecipient)
    .innerJoin(campaign, eq(campaign.id, campaignRecipient.campaignId))
    .innerJoin(programme, eq(programme.id, campaignRecipient.programmeId))
    .where(eq(campaignRecipient.personId, personId))
    .orderBy(asc(campaignRecipient.createdAt));
  const certificates = await db
    .select({ code: programme.code, serial: certificate.serial, holderName: certificate.holderName, issuedAt: certificate.issuedAt })
    .from(certificate)
    .innerJoin(programme, eq(programme.id, certificate.programmeId))
    .where(eq(certificate.personId, personId));
  const consents = await db.select().from(consentRecord).where(eq(consentRecord.personId, personId)).orderBy(asc(consentRecord.recordedAt));
  return {
    generatedAt: new Date().toISOString(),
    person: {
      id: p.id,
      name: p.name,
      nik: decryptNik(p.nikCipher),
      phone: decryptPhone(p.phoneCipher),
      email: p.email,
      gender: p.gender,
      kind: p.kind,
      createdAt: p.createdAt.toISOString(),
      anonymisedAt: p.anonymisedAt?.toISOString() ?? null,
    },
    businesses: businesses.map((b) => ({ id: b.id, businessName: b.businessName, nib: b.nib, sector: b.sector, address: b.address, regencyCode: b.regencyCode, maturityLevel: b.maturityLevel })),
    enrolments: enrolments.map((r) => ({ programme: { code: r.code, name: r.name }, status: r.e.status, source: r.e.source, active: r.e.active, willing: r.e.willing, createdAt: r.e.createdAt.toISOString() })),
    attendance: attended.map((a) => ({ programmeCode: a.code, session: a.title, method: a.method, capturedAt: a.capturedAt.toISOString() })),
    invitations: invitations.map((i) => ({ programmeCode: i.code, campaign: i.name, channel: i.channel, rsvp: i.rsvp, rsvpAt: i.rsvpAt?.toISOString() ?? null })),
    certificates: certificates.map((c) => ({ programmeCode: c.code, serial: c.serial, holderName: c.holderName, issuedAt: c.issuedAt.toISOString() })),
    consents: consents.map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, wordingVersion: c.wordingVersion, recordedAt: c.recordedAt.toISOString() })),
  };
}

/** The data export, written to the audit trail (who exported whose data, in which format). */
export async function exportPersonalData(options: { db: Db; actor: SessionActor; personId: string; format: 'json' | 'pdf' }): Promise<PersonalDataExport> {
  const { db, actor, personId, format } = options;
  const { programmeId } = await authorizePerson(db, actor, personId, 'personal_data.export');
  const data = await collectPersonalData(db, personId);
  await recordAudit(db, { actorUserId: actor.userId, action: 'personal_data.export', entityType: 'person', entityId: personId, programmeId, details: { format, onBehalfOf: 'data_subject' } });
  return data;
}

/** A readable PDF of the export: one section per kind of data, long lists wrapped over pages. */
export async function renderPersonalDataPdf(data: PersonalDataExport, labels: Record<string, string>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const line = (text: string, options: { font?: typeof regular; size?: number; gap?: number } = {}) => {
    const size = options.size ?? 10;
    if (y < 60) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(pdfSafe(text).slice(0, 110), { x: 50, y, size, font: options.font ?? regular, color: rgb(0.1, 0.1, 0.1) });
    y -= options.gap ?? size + 6;
  };
  const section = (title: string, rows: string[]) => {
    y -= 6;
    line(title, { font: bold, size: 12 });
    if (rows.length === 0) line(labels.none ?? '-');
    for (const row of rows) line(row);
  };
  line(labels.title ?? 'Personal data', { font: bold, size: 16, gap: 24 });
  line(`${labels.generatedAt ?? 'Generated'}: ${data.generatedAt}`);
  const p = data.person;
  section(labels.person ?? 'Person', [
    `${labels.name ?? 'Name'}: ${p.name}`,
    `NIK: ${p.nik ?? '-'}`,
    `${labels.phone ?? 'Phone'}: ${p.phone ?? '-'}`,
    `Email: ${p.email ?? '-'}`,
    `${labels.gender ?? 'Gender'}: ${p.gender ?? '-'}`,
    `${labels.createdAt ?? 'Since'}: ${p.createdAt}`,
  ]);
  section(labels.businesses ?? 'Businesses', data.businesses.map((b) => `${b.businessName} · ${b.sector} · NIB ${b.nib ?? '-'} · ${b.address ?? '-'} · ${b.regencyCode ?? '-'}`));
  section(labels.enrolments ?? 'Programmes', data.enrolments.map((e) => `${e.programme.code} ${e.programme.name} · ${e.status} · ${e.source} · ${e.createdAt.slice(0, 10)}`));
  section(labels.attendance ?? 'Attendance', data.attendance.map((a) => `${a.programmeCode} · ${a.session} · ${a.method} · ${a.capturedAt.slice(0, 16)}`));
  section(labels.invitations ?? 'Invitations', data.invitations.map((i) => `${i.programmeCode} · ${i.campaign} · ${i.channel} · ${i.rsvp ?? '-'}`));
  section(labels.certificates ?? 'Certificates', data.certificates.map((c) => `${c.programmeCode} · ${c.serial} · ${c.issuedAt.slice(0, 10)}`));
  section(labels.consents ?? 'Consents', data.consents.map((c) => `${c.recordedAt.slice(0, 16)} · ${c.purpose} · ${c.granted ? '+' : '-'} · ${c.source} · ${c.wordingVersion}`));
  return pdf.save();
}

/**
 * Irreversibly anonymises the people given, in one statement per table (the retention job
 * passes thousands at once): names, NIK, phone, email, business names, NIB and addresses are
 * removed, identity keys replaced by `anon:<id>` so that the person can never be matched again.
 * Rows and ids stay, so enrolments, attendance, certificates counts and every indicator
 * computed from them stay correct; sector, regency, gender and the NIK's birth year (age band)
 * stay for the disaggregations. Certificates keep their serial but lose the holder's name.
 */
export async function anonymisePeople(db: DbOrTx, personIds: string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  const ids = sql`${`{${personIds.join(',')}}`}::uuid[]`;
  const done = await db.execute(sql`
    UPDATE person SET name = 'Dihapus', key = 'anon:' || id::text, nik_cipher = NULL, nik_hash = NULL, phone_cipher = NULL, phone_hash = NULL,
      email = NULL, anonymised_at = now(), updated_at = now()
    WHERE id = ANY(${ids}) AND anonymised_at IS NULL
    RETURNING id`);
  await db.execute(sql`
    UPDATE msme SET business_name = 'Dihapus', key = 'anon:' || id::text, nib = NULL, address = NULL, updated_at = now()
    WHERE owner_person_id = ANY(${ids})`);
  await db.update(campaignRecipient).set({ address: null }).where(inArray(campaignRecipient.personId, personIds));
  const recipients = db.select({ id: campaignRecipient.id }).from(campaignRecipient).where(inArray(campaignRecipient.personId, personIds));
  await db.update(outboxMessage).set({ status: 'cancelled', lastError: 'person_erased', updatedAt: new Date() }).where(sql`${outboxMessage.status} = 'queued' and ${inArray(outboxMessage.recipientId, recipients)}`);
  await db.update(outboxMessage).set({ address: '' }).where(inArray(outboxMessage.recipientId, recipients));
  // One-time codes of the self-service page: their messages lose the address, the requests (contact hashes) go.
  const codes = db.select({ id: dataAccessCode.id }).from(dataAccessCode).where(inArray(dataAccessCode.personId, personIds));
  await db.update(outboxMessage).set({ status: 'cancelled', lastError: 'person_erased', updatedAt: new Date() }).where(sql`${outboxMessage.status} = 'queued' and ${inArray(outboxMessage.recipientId, codes)}`);
  await db.update(outboxMessage).set({ address: '' }).where(inArray(outboxMessage.recipientId, codes));
  await db.delete(dataAccessCode).where(inArray(dataAccessCode.personId, personIds));
  await db.update(certificate).set({ holderName: 'Dihapus' }).where(inArray(certificate.personId, personIds));
  await db.update(participantEdit).set({ values: {}, serverValues: null }).where(inArray(participantEdit.personId, personIds));
  return (done as unknown as { rows: unknown[] }).rows.length;
}

/** Executes a deletion request on the person's behalf (admins only, by route). */
export async function erasePersonalData(options: { db: Db; actor: SessionActor; personId: string; reference: string }): Promise<{ personId: string; anonymisedAt: string }> {
  const { db, actor, personId, reference } = options;
  const { programmeId } = await authorizePerson(db, actor, personId, 'personal_data.erase');
  // The reference is the request's ticket/letter number, not a personal value.
  return erase(db, personId, { actorUserId: actor.userId, programmeId, details: { reference } });
}

/** Anonymises one person and records who asked, in one transaction; refused when already done. */
async function erase(db: Db, personId: string, audit: { actorUserId: string | null; programmeId: string | null; details: Record<string, unknown> }): Promise<{ personId: string; anonymisedAt: string }> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ anonymisedAt: person.anonymisedAt }).from(person).where(eq(person.id, personId)).for('update');
    if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
    if (p.anonymisedAt) throw new AppError('conflict', 'errors.personalData.alreadyErased');
    await anonymisePeople(tx, [personId]);
    const [after] = await tx.select({ anonymisedAt: person.anonymisedAt }).from(person).where(eq(person.id, personId));
    await recordAudit(tx, { ...audit, action: 'personal_data.erase', entityType: 'person', entityId: personId });
    return { personId, anonymisedAt: (after?.anonymisedAt ?? new Date()).toISOString() };
  });
}

/** The programme a person's own request is filed under in the audit trail: their latest enrolment. */
async function programmeOf(db: DbOrTx, personId: string): Promise<string | null> {
  const [row] = await db.select({ programmeId: enrolment.programmeId }).from(enrolment).where(eq(enrolment.personId, personId)).orderBy(desc(enrolment.createdAt)).limit(1);
  return row?.programmeId ?? null;
}

/**
 * The data subject's own export, through the self-service page (identity proven by a one-time
 * code): the same data as the admin export, audited with no staff actor and `by: data_subject`.
 */
export async function exportOwnPersonalData(options: { db: Db; personId: string; format: 'json' | 'pdf' }): Promise<PersonalDataExport> {
  const { db, personId, format } = options;
  const data = await collectPersonalData(db, personId);
  await recordAudit(db, { actorUserId: null, action: 'personal_data.export', entityType: 'person', entityId: personId, programmeId: await programmeOf(db, personId), details: { format, by: 'data_subject', channel: 'self_service' } });
  return data;
}

/** The data subject's own deletion request, executed at once exactly as an admin would (see anonymisePeople). */
export async function eraseOwnPersonalData(options: { db: Db; personId: string }): Promise<{ personId: string; anonymisedAt: string }> {
  const { db, personId } = options;
  return erase(db, personId, { actorUserId: null, programmeId: await programmeOf(db, personId), details: { reference: 'self_service', by: 'data_subject' } });
}
