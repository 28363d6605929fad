import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programme } from './programmes.ts';
import { codeText } from './types.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A programme's certificate rule and layout. Without a row: attendance alone, Indonesian and English. */
export const certificateSetting = pgTable(
  'certificate_setting',
  {
    programmeId: uuid()
      .primaryKey()
      .references(() => programme.id),
    /** When set, every learning-path module that has test questions needs a post-test at or above this (1–100). */
    postTestPassPercent: smallint(),
    /** Print English lines under the Indonesian ones. */
    includeEnglish: boolean().notNull().default(true),
    signatoryName: text(),
    signatoryTitle: text(),
    /** The next serial number of the programme (a counter row: issuing locks it briefly). */
    nextNumber: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('certificate_setting_pass_ck', sql`${t.postTestPassPercent} is null or ${t.postTestPassPercent} between 1 and 100`)],
);

/** What a certificate says, fixed when it is issued (the PDF can be rendered again identically). */
export type CertificateContent = {
  programme: { code: string; name: string };
  partners: string[];
  modules: { code: string; titleId: string; titleEn: string }[];
  /** Local date of issue (WIB), `YYYY-MM-DD`. */
  issuedOn: string;
  includeEnglish: boolean;
  signatory: { name: string; title: string } | null;
};

/**
 * A certificate of completion: one per person and programme, never issued twice. The holder's
 * name is printed on it and shown by the public verification; NIK and phone never are.
 */
export const certificate = pgTable(
  'certificate',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    personId: uuid().notNull(),
    number: integer().notNull(),
    serial: codeText().notNull(),
    verificationCode: codeText().notNull(),
    holderName: text().notNull(),
    content: jsonb().$type<CertificateContent>().notNull(),
    /** Base of the verification URL in the QR code (BERDAYA_PUBLIC_URL or the issuer's origin). */
    verifyBaseUrl: text().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid(),
    revocationReason: text(),
  },
  (t) => [
    uniqueIndex('certificate_person_uq').on(t.programmeId, t.personId),
    uniqueIndex('certificate_number_uq').on(t.programmeId, t.number),
    uniqueIndex('certificate_serial_uq').on(t.serial),
    uniqueIndex('certificate_code_uq').on(t.verificationCode),
    check('certificate_revocation_ck', sql`${t.revokedAt} is null or ${t.revocationReason} is not null`),
  ],
);

/**
 * The PDFs of a bulk-generation job, one row per certificate, written as the job goes: a job
 * taken up again after a crash skips the rows already there. The ZIP is streamed from them.
 */
export const certificateBundleFile = pgTable(
  'certificate_bundle_file',
  {
    jobId: uuid().notNull(),
    certificateId: uuid().notNull(),
    programmeId: uuid().notNull(),
    /** Order in the ZIP. */
    position: integer().notNull(),
    filename: text().notNull(),
    /** bytes */
    size: bigint({ mode: 'number' }).notNull(),
    content: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.certificateId] }), index('certificate_bundle_file_position_idx').on(t.jobId, t.position)],
);
