/**
 * Response shapes of the Berdaya API, mirroring the Zod schemas in src/modules/<feature>/schema.ts.
 * Kept by hand so that no server code reaches the browser bundle.
 */

export const ROLES = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PROGRAMME_STATUSES = ['draft', 'active', 'completed', 'archived'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const SITE_TYPES = ['sentra_ekraf', 'destinasi_wisata', 'desa_wisata', 'kabupaten_kota', 'online'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const PARTNER_ROLES = ['lead', 'implementing', 'strategic', 'infrastructure', 'funding', 'oversight', 'other'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const ORGANISATION_KINDS = ['government', 'platform', 'ngo', 'infrastructure', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

/** `{ items, total, page, pageSize }` as every list endpoint answers. */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type CurrentUser = { id: string; email: string; name: string; role: Role; organisationId: string | null };

export type Organisation = {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  website: string | null;
  programmeCount: number;
  archivedAt: string | null;
};

export type Programme = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  status: ProgrammeStatus;
  /** Date only, `YYYY-MM-DD`. */
  startDate: string | null;
  endDate: string | null;
  owner: { id: string; name: string };
  replicatedFromId: string | null;
  siteCount: number;
  partnerCount: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Partnership = {
  id: string;
  programmeId: string;
  organisation: { id: string; name: string; shortName: string | null; kind: string };
  role: PartnerRole;
  mouNumber: string | null;
  mouSignedOn: string | null;
  mouScope: string | null;
  mouDocument: { id: string; filename: string; size: number } | null;
  archivedAt: string | null;
};

export type Site = {
  id: string;
  programmeId: string;
  name: string;
  type: SiteType;
  region: { code: string; name: string; provinceCode: string; provinceName: string };
  address: string | null;
  /** Placed by the demo data as an example rather than taken from a source document. */
  illustrative: boolean;
  archivedAt: string | null;
};

export type Target = {
  id: string;
  programmeId: string;
  indicator: string;
  value: number;
  site: { id: string; name: string } | null;
  region: { code: string; name: string; provinceCode: string; provinceName: string } | null;
  sector: string | null;
  gender: Gender | null;
  periodStart: string | null;
  periodEnd: string | null;
  notes: string | null;
  archivedAt: string | null;
};

export type Region = {
  code: string;
  name: string;
  /** 1 province, 2 regency/city, 3 district, 4 village. */
  level: number;
  provinceCode: string;
  provinceName: string;
  parentCode: string | null;
};

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation: { id: string; name: string } | null;
  active: boolean;
  invitePending: boolean;
  lastLoginAt: string | null;
  programmes: { id: string; code: string; name: string }[];
};

export type InviteResult = { user: User; inviteUrl: string };

export type IndicatorUnit = 'count' | 'percent' | 'score';

/** Fields of a roster row (src/core/roster-headers.ts). */
export type RosterField = 'businessName' | 'ownerName' | 'nik' | 'nib' | 'phone' | 'email' | 'gender' | 'sector' | 'address' | 'regency' | 'province' | 'active' | 'willing';

export type Reference = {
  indicators: { code: string; unit: IndicatorUnit }[];
  sectors: string[];
  siteTypes: SiteType[];
  partnerRoles: PartnerRole[];
  organisationKinds: OrganisationKind[];
  programmeStatuses: ProgrammeStatus[];
  rosterColumns: { field: RosterField; required: boolean; headers: string[] }[];
  rejectionReasons: string[];
  enrolmentStatuses: string[];
};

/** What happened to a person in one programme, in the order a participant goes through them. */
export const ENROLMENT_STATUSES = ['registered', 'invited', 'confirmed', 'attending', 'completed', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** One enrolment in a programme's participant list (src/modules/participants/schema.ts). */
export type ParticipantRow = {
  personId: string;
  enrolmentId: string;
  name: string;
  /** Masked (`3174********0001`) unless the role needs the full NIK. */
  nik: string | null;
  /** E.164, `+628…`. */
  phone: string | null;
  gender: Gender | null;
  businessName: string | null;
  sector: string | null;
  regency: { code: string; name: string } | null;
  status: EnrolmentStatus;
  active: boolean | null;
  willing: boolean | null;
  source: string;
};

/** A keyset page: `nextCursor` asks for the page after this one; `total` is counted up to 10,000. */
export type ParticipantPage = { items: ParticipantRow[]; total: number; totalCapped: boolean; nextCursor: number | null };

export type Enrolment = {
  id: string;
  programme: { id: string; code: string; name: string };
  status: EnrolmentStatus;
  active: boolean | null;
  willing: boolean | null;
  source: string;
  createdAt: string;
};

export type ParticipantDetail = {
  person: { id: string; name: string; nik: string | null; phone: string | null; email: string | null; gender: Gender | null };
  msme: {
    id: string;
    businessName: string;
    nib: string | null;
    sector: string;
    address: string | null;
    regency: { code: string; name: string; provinceName: string } | null;
  } | null;
  enrolments: Enrolment[];
};

/** Why an import rejected a row, in the order the server checks them (src/core/roster-row.ts). */
export const REJECTION_REASONS = ['missing_name', 'nik_invalid', 'phone_invalid', 'nib_invalid', 'no_identity', 'region_unresolved'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** `total = inserted + updated + duplicates + rejected`. */
export type ImportSummary = {
  total: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
};

export type ImportJob = {
  id: string;
  programmeId: string;
  status: ImportStatus;
  /** `staging` while the file is read and checked, `merging` while rows are saved. */
  phase: string | null;
  filename: string;
  dryRun: boolean;
  /** 0–100 over reading (to 80) and saving. */
  percent: number;
  summary: ImportSummary | null;
  unknownColumns: string[];
  /** Already in the user's language. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};
