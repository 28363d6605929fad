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

export type Reference = {
  indicators: { code: string; unit: IndicatorUnit }[];
  sectors: string[];
  siteTypes: SiteType[];
  partnerRoles: PartnerRole[];
  organisationKinds: OrganisationKind[];
  programmeStatuses: ProgrammeStatus[];
};
