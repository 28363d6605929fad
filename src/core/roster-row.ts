import { normaliseEmail } from './email.ts';
import { normaliseGender, type Gender } from './gender.ts';
import { normaliseNib } from './nib.ts';
import { normaliseNik } from './nik.ts';
import { collapseSpaces, type Normalised } from './normalised.ts';
import { normalisePhone } from './phone.ts';
import type { RegionResolver } from './region-resolver.ts';
import type { RosterField } from './roster-headers.ts';
import { normaliseSector, type Sector } from './sector.ts';
import { normaliseYesNo } from './yes-no.ts';

/** In the order they are checked: a row gets the first reason that applies. */
export const REJECTION_REASONS = [
  'missing_name',
  'nik_invalid',
  'phone_invalid',
  'nib_invalid',
  'no_identity',
  'region_unresolved',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_LABELS: Record<RejectionReason, { id: string; en: string }> = {
  missing_name: {
    id: 'Nama usaha atau nama pemilik kosong',
    en: 'Business name or owner name is missing',
  },
  nik_invalid: {
    id: 'NIK tidak valid (harus 16 digit, kode provinsi, tanggal dan bulan lahir yang benar)',
    en: 'NIK is not valid (must be 16 digits with a valid province code, birth day and month)',
  },
  phone_invalid: {
    id: 'Nomor HP tidak valid (harus nomor seluler Indonesia, mis. 0812… atau +62812…)',
    en: 'Phone number is not valid (must be an Indonesian mobile number, e.g. 0812… or +62812…)',
  },
  nib_invalid: {
    id: 'NIB tidak valid (harus 13 digit)',
    en: 'NIB is not valid (must be 13 digits)',
  },
  no_identity: {
    id: 'NIK dan nomor HP kosong (minimal salah satu harus diisi)',
    en: 'Both NIK and phone number are missing (at least one is required)',
  },
  region_unresolved: {
    id: 'Kabupaten/kota kosong, tidak dikenal atau ambigu (tambahkan provinsi atau awalan Kab./Kota)',
    en: 'Regency/city is missing, unknown or ambiguous (add the province or a Kab./Kota prefix)',
  },
};

export type RosterRow = {
  businessName: string;
  ownerName: string;
  /** 16 digits. */
  nik: string | null;
  /** 13 digits. */
  nib: string | null;
  /** E.164, `+628…`. */
  phone: string | null;
  email: string | null;
  /** Null when blank or unrecognised. */
  gender: Gender | null;
  sector: Sector;
  address: string | null;
  /** Kemendagri regency code, `31.74`. */
  regencyCode: string;
  active: boolean | null;
  willing: boolean | null;
  /** Identifies the owner: `nik:<16 digits>` when the NIK is known, else `phone:<E.164>`. */
  key: string;
};

export type RosterRowResult = { ok: true; row: RosterRow } | { ok: false; reason: RejectionReason };

export type RosterRowValues = Partial<Record<RosterField, string>>;

const reject = (reason: RejectionReason): RosterRowResult => ({ ok: false, reason });

const valueOrNull = <T>(n: Normalised<T>): T | null => (n.kind === 'valid' ? n.value : null);

/** Collapsed cell text; a cell holding only dashes is how spreadsheets write "none" and counts as blank. */
const cellText = (raw: string | undefined): string => {
  const s = collapseSpaces(raw ?? '');
  return /^[-\u2010-\u2015]+$/u.test(s) ? '' : s;
};

export const validateRosterRow = (
  values: RosterRowValues,
  resolver: Pick<RegionResolver, 'provinceCodes' | 'resolveRegency'>,
): RosterRowResult => {
  const text = (field: RosterField): string => cellText(values[field]);

  const businessName = text('businessName');
  const ownerName = text('ownerName');
  if (businessName === '' || ownerName === '') return reject('missing_name');

  const nik = normaliseNik(text('nik'), resolver.provinceCodes);
  if (nik.kind === 'invalid') return reject('nik_invalid');
  const phone = normalisePhone(text('phone'));
  if (phone.kind === 'invalid') return reject('phone_invalid');
  const nib = normaliseNib(text('nib'));
  if (nib.kind === 'invalid') return reject('nib_invalid');

  const key = nik.kind === 'valid' ? `nik:${nik.value}` : phone.kind === 'valid' ? `phone:${phone.value}` : null;
  if (key === null) return reject('no_identity');

  const region = resolver.resolveRegency(text('regency'), text('province'));
  if (!region.ok) return reject('region_unresolved');

  const address = text('address');
  return {
    ok: true,
    row: {
      businessName,
      ownerName,
      nik: valueOrNull(nik),
      nib: valueOrNull(nib),
      phone: valueOrNull(phone),
      email: valueOrNull(normaliseEmail(text('email'))),
      gender: valueOrNull(normaliseGender(text('gender'))),
      sector: normaliseSector(text('sector')),
      address: address === '' ? null : address,
      regencyCode: region.code,
      active: valueOrNull(normaliseYesNo(text('active'))),
      willing: valueOrNull(normaliseYesNo(text('willing'))),
      key,
    },
  };
};

/**
 * Every rule a row breaks, in checking order — for forms, which show all problems at once
 * (the import records only the first). Empty when `validateRosterRow` accepts the row.
 */
export const rosterRowProblems = (
  values: RosterRowValues,
  resolver: Pick<RegionResolver, 'provinceCodes' | 'resolveRegency'>,
): RejectionReason[] => {
  const text = (field: RosterField): string => cellText(values[field]);
  const problems: RejectionReason[] = [];
  if (text('businessName') === '' || text('ownerName') === '') problems.push('missing_name');
  const nik = normaliseNik(text('nik'), resolver.provinceCodes);
  if (nik.kind === 'invalid') problems.push('nik_invalid');
  const phone = normalisePhone(text('phone'));
  if (phone.kind === 'invalid') problems.push('phone_invalid');
  if (normaliseNib(text('nib')).kind === 'invalid') problems.push('nib_invalid');
  if (nik.kind === 'empty' && phone.kind === 'empty') problems.push('no_identity');
  if (!resolver.resolveRegency(text('regency'), text('province')).ok) problems.push('region_unresolved');
  return problems;
};
