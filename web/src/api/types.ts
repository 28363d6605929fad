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

/** The `status` filter of partnership and target lists: current rows (the default) or archived ones. */
export type ListStatus = 'active' | 'archived';

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
  person: {
    id: string;
    name: string;
    /** Always masked (`3174********0001`); the full NIK only through the audited reveal. */
    nik: string | null;
    /** Whether the caller may reveal the full NIK. */
    nikRevealable: boolean;
    phone: string | null;
    email: string | null;
    gender: Gender | null;
    /** Personal fields were removed (deletion request or retention period). */
    anonymised: boolean;
  };
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

/** The six topics of Jalin Nusantara's curriculum (src/modules/curriculum/schema.ts). */
export const MODULE_TOPICS = ['literasi_digital', 'bisnis', 'keuangan_dasar', 'pembuatan_konten', 'pemasaran_digital', 'praktik_ecommerce'] as const;
export type ModuleTopic = (typeof MODULE_TOPICS)[number];

/** A module title in both languages. */
export type LocalisedTitle = { id: string; en: string };

export type Material = {
  id: string;
  title: string;
  kind: 'link' | 'file';
  url: string | null;
  file: { documentId: string; filename: string; contentType: string; size: number } | null;
};

export type CurriculumModule = {
  id: string;
  programmeId: string;
  code: string;
  title: LocalisedTitle;
  topic: ModuleTopic;
  /** Minutes. */
  durationMinutes: number;
  description: string | null;
  materials: Material[];
  /** Position in the programme's learning path, null when not in it. */
  pathPosition: number | null;
  archivedAt: string | null;
};

export type LearningPath = {
  programmeId: string;
  /** Attend at least this share of the path's minutes to complete it. */
  completionMinPercent: number;
  totalMinutes: number;
  modules: { position: number; module: CurriculumModule }[];
};

export const SESSION_MODALITIES = ['in_person', 'online', 'hybrid'] as const;
export type SessionModality = (typeof SESSION_MODALITIES)[number];
export const SESSION_STATUSES = ['planned', 'open', 'done', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type TimeZoneName = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
/** `tot`: training of trainers, whose attendees may be certified as trainers (the cascade). */
export const SESSION_KINDS = ['regular', 'tot'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** A session in lists and calendars (src/modules/sessions/schema.ts). */
export type SessionSummary = {
  id: string;
  programmeId: string;
  title: string;
  site: { id: string; name: string; regionCode: string };
  cohort: { id: string; name: string } | null;
  kind: SessionKind;
  modality: SessionModality;
  status: SessionStatus;
  capacity: number;
  rosterCount: number;
  attendedCount: number;
  /** UTC instants. */
  startsAt: string;
  endsAt: string;
  /** The site's zone and its label (WIB, WITA, WIT). */
  timeZone: TimeZoneName;
  timeZoneLabel: string;
  /** Wall-clock time at the site, `2024-01-23T09:00`. */
  startsAtLocal: string;
  endsAtLocal: string;
  /** Already in the caller's language: `Selasa, 23 Januari 2024, 09.00–12.00 WITA`. */
  when: string;
};

export const ATTENDANCE_METHODS = ['qr', 'manual', 'import', 'offline'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];
export const ROSTER_SOURCES = ['manual', 'filter', 'cohort', 'rsvp', 'walk_in', 'attendance', 'import'] as const;
export type RosterSource = (typeof ROSTER_SOURCES)[number];

export type RosterEntry = {
  personId: string;
  name: string;
  /** Masked unless the role needs the full NIK. */
  nik: string | null;
  phone: string | null;
  gender: Gender | null;
  businessName: string | null;
  source: RosterSource;
  addedAt: string;
  attendance: { method: AttendanceMethod; capturedAt: string } | null;
  rsvp: 'yes' | 'no' | null;
  /** Sent back with an offline edit (`baseVersion`). */
  version: string;
};

export type SessionDetail = SessionSummary & {
  meetingUrl: string | null;
  venue: string | null;
  notes: string | null;
  modules: { id: string; code: string; title: LocalisedTitle; topic: ModuleTopic; durationMinutes: number }[];
  /** Empty for viewers. */
  trainers: { id: string; name: string }[];
  trainerCount: number;
  /** Share of the roster who attended (0–1); null while the roster is empty. */
  attendanceRate: number | null;
  /** The destination event the session is planned around. */
  event: { id: string; title: string; kind: 'festival' | 'national_event' | 'regional_event' | 'programme_launch' | 'other'; season: 'low' | 'high' | null; startsOn: string; endsOn: string } | null;
  createdAt: string;
  updatedAt: string;
  /** Null for callers who may not see personal data. */
  roster: RosterEntry[] | null;
};

export type MySession = SessionSummary & { programme: { id: string; code: string; name: string } };

export type Cohort = {
  id: string;
  programmeId: string;
  name: string;
  description: string | null;
  sessionCount: number;
  firstStartsAt: string | null;
  lastEndsAt: string | null;
  archivedAt: string | null;
};

export type TrainerOption = { id: string; name: string; email: string; organisation: { id: string; name: string } | null; member: boolean };

/** Who to pick from a programme's participants; absent keys do not narrow, `null` is "either". */
export type ParticipantPick = {
  regency?: string;
  province?: string;
  sector?: string;
  gender?: Gender;
  active?: boolean | null;
  willing?: boolean | null;
  /** Has not attended any session of the programme yet. */
  notYetTrained?: boolean;
};

export const REFUSAL_REASONS = ['not_enrolled', 'full', 'double_booked'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type AddToRosterResult = {
  matched: number;
  added: string[];
  alreadyOnRoster: string[];
  refused: {
    personId: string;
    /** Null when the person's data was removed. */
    name?: string | null;
    reason: RefusalReason;
    /** Already in the user's language, naming the session and the clash. */
    message: string;
    session: { id: string; title: string } | null;
    conflict: { sessionId: string | null; title: string | null; startsAt: string } | null;
  }[];
};

export const LIST_LINE_REASONS = ['nik_invalid', 'phone_invalid', 'not_identifier', 'no_identity', 'not_found', 'ambiguous', 'duplicate'] as const;
export type ListLineReason = (typeof LIST_LINE_REASONS)[number];

/** Adding from a file or a pasted list of NIKs / phone numbers: the people as above, plus each line that added nobody. */
export type AddFromListResult = Omit<AddToRosterResult, 'refused'> & {
  /** Lines read (blank lines and the header row not counted). */
  lines: number;
  refused: (AddToRosterResult['refused'][number] & { line: number })[];
  unmatched: { line: number; reason: ListLineReason; message: string; /** Masked, e.g. `3174********0001`. */ value: string | null }[];
};

/** A list to add from: a file (CSV or XLSX), or pasted text. */
export type AddFromListInput = { file: File } | { text: string };

export const CHANNELS = ['log', 'whatsapp', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CAMPAIGN_STATUSES = ['draft', 'queued', 'sent'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const PLACEHOLDERS = ['nama', 'usaha', 'sesi', 'tanggal', 'tempat', 'tautan'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Recipients of a campaign: the default picks willing and active participants. */
export type CampaignFilter = ParticipantPick & { active: boolean | null; willing: boolean | null };

export type Campaign = {
  id: string;
  programmeId: string;
  name: string;
  target: { kind: 'session' | 'cohort'; id: string; title: string };
  channel: Channel;
  subject: string;
  template: string;
  filter: CampaignFilter;
  status: CampaignStatus;
  rsvpExpiresAt: string | null;
  createdAt: string;
  sentAt: string | null;
  jobId: string | null;
  stats: {
    recipients: number;
    skipped: { opted_out: number; no_address: number };
    delivery: Record<DeliveryStatus, number>;
    rsvp: { yes: number; no: number; none: number };
  };
};

export type CampaignPreview = {
  matched: number;
  recipients: number;
  skipped: { opted_out: number; no_address: number };
  /** The message as the first recipient would get it (with an example link). */
  sample: { subject: string | null; body: string } | null;
  placeholders: Placeholder[];
};

/** What an RSVP answer did to the roster. */
export type RsvpRosterEffect = 'added' | 'already' | 'full' | 'double_booked' | 'not_enrolled' | 'removed' | 'none';

export type CampaignRecipient = {
  recipientId: string;
  personId: string;
  name: string;
  address: string | null;
  skipReason: 'opted_out' | 'no_address' | null;
  delivery: { messageId: string; status: DeliveryStatus; attempts: number; lastError: string | null; nextAttemptAt: string | null; sentAt: string | null } | null;
  rsvp: 'yes' | 'no' | null;
  rsvpAt: string | null;
  rsvpRoster: string | null;
};

export type RecipientPage = { items: CampaignRecipient[]; nextCursor: string | null };

/** The public RSVP page's view of an invitation (texts in the caller's language). */
export type RsvpInvitation = {
  programme: { name: string };
  name: string;
  invitation: { kind: 'session' | 'cohort'; title: string };
  sessions: {
    title: string;
    when: string;
    place: string;
    modality: SessionModality;
    modalityText: string;
    meetingUrl: string | null;
    status: SessionStatus;
    statusText: string;
  }[];
  answer: 'yes' | 'no' | null;
  answeredAt: string | null;
  optedOut: boolean;
  expiresAt: string;
  checkIn: { token: string; svg: string };
};

export type RsvpAnswerResult = { answer: 'yes' | 'no'; roster: RsvpRosterEffect; message: string };

export const SYNC_REASONS = ['unknown_session', 'session_cancelled', 'not_your_session', 'unknown_person', 'invalid_record'] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];

/** `POST /api/sync/attendance` (stable contract). */
export type SyncRecord = { clientId: string; sessionId: string; personId: string; method: AttendanceMethod; capturedAt: string };
export type SyncResult = { accepted: number; duplicates: number; rejected: { clientId: string; reason: SyncReason }[] };

export type CheckInResult = { outcome: 'accepted' | 'duplicate' | 'rejected'; reason: SyncReason | null; message: string; person: { id: string; name: string } | null };
export type WalkInResult = { personId: string; existed: boolean; overCapacity: boolean; attendance: 'accepted' | 'duplicate' | null };
export type CheckInCode = { personId: string; programmeId: string; token: string; svg: string };

export type ProgressItem = {
  personId: string;
  enrolmentId: string;
  name: string;
  sessionsAttended: number;
  attendedMinutes: number;
  pathMinutes: number;
  /** 0–100. */
  percent: number;
  completed: boolean;
};
export type ProgressPage = { completionMinPercent: number; pathMinutes: number; items: ProgressItem[]; nextCursor: number | null };

/* ─── Outcomes: trainees by type, ToT cascade, mentoring, champions, assessments, certificates ─── */

/** Business sectors (src/core/sector.ts); labels are `sector.<code>`. */
export const SECTORS = ['kuliner', 'fesyen', 'kriya', 'kerajinan_kayu', 'anyaman', 'kerajinan_kulit', 'tekstil', 'furnitur', 'jasa', 'pariwisata', 'pertanian', 'perdagangan', 'lainnya'] as const;

/** People trained besides MSME owners (src/modules/trainees/schema.ts). */
export const TRAINEE_KINDS = ['government_staff', 'trainer', 'champion', 'trainee'] as const;
export type TraineeKind = (typeof TRAINEE_KINDS)[number];
export const PERSON_KINDS = ['msme_owner', ...TRAINEE_KINDS] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export type RegisterPersonResult = { personId: string; kind: PersonKind; existed: boolean; alreadyEnrolled: boolean };

/** `trained`: attended at least one session; `completed`: the learning path. */
export type TraineeCounts = { registered: number; trained: number; completed: number };
export type TraineeSummary = {
  byKind: ({ kind: PersonKind } & TraineeCounts)[];
  governmentInstitutions: ({ institution: string } & TraineeCounts)[];
};

/** Reach of a cascade node and everything below it (people counted once). */
export type CascadeReach = { trainersCertified: number; sessions: number; participants: number; completed: number; onboarded: number };

export type CascadeNode = {
  id: string;
  parentId: string | null;
  depth: number;
  /** `name` is null for viewers. */
  trainer: { personId: string; name: string | null; userId: string | null; organisation: { id: string; name: string } | null };
  certifiedOn: string;
  totSession: { id: string; title: string } | null;
  own: { sessions: number; participants: number };
  reach: CascadeReach;
  children: CascadeNode[];
};

export type Cascade = { roots: CascadeNode[]; totals: CascadeReach };

export type TrainerCertification = {
  id: string;
  programmeId: string;
  personId: string;
  userId: string | null;
  organisationId: string | null;
  parentId: string | null;
  totSessionId: string | null;
  certifiedOn: string;
};

export type CertifyTrainersResult = {
  certified: { personId: string; certificationId: string }[];
  alreadyCertified: string[];
  refused: { personId: string; reason: 'not_attended' | 'not_enrolled'; message: string }[];
  parentId: string | null;
};

export const VISIT_MODES = ['on_site', 'phone', 'whatsapp'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const MILESTONE_KINDS = ['social_account', 'marketplace_listing', 'first_online_sale', 'qris_payments', 'paid_ads', 'sales_analytics'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const MILESTONE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const VISIT_SYNC_REASONS = ['unknown_programme', 'unknown_msme', 'not_your_caseload', 'invalid_record'] as const;
export type VisitSyncReason = (typeof VISIT_SYNC_REASONS)[number];

type MsmeSummary = { msmeId: string; businessName: string; ownerName: string; sector: string; regencyCode: string | null; maturityLevel: number | null };

export type CaseloadItem = MsmeSummary & { mentor: { id: string; name: string }; assignedAt: string; visits: number; lastVisitOn: string | null };
export type CaseloadResult = { added: string[]; already: string[]; notEnrolled: string[] };

/** The mentor's own caseload across programmes (`GET /api/me/caseload`). */
export type MyCaseloadItem = MsmeSummary & {
  programme: { id: string; code: string; name: string };
  ownerPersonId: string;
  /** E.164. */
  phone: string | null;
  address: string | null;
  lastVisitOn: string | null;
  milestones: { kind: MilestoneKind; status: MilestoneStatus }[];
};

/** `POST /api/sync/visits`: a visit as the trainer app captured it. */
export type VisitSyncRecord = {
  clientId: string;
  programmeId: string;
  msmeId: string;
  /** Local date, `YYYY-MM-DD`. */
  visitedOn: string;
  mode: VisitMode;
  notes: string | null;
  agreedActions: string[];
  /** ISO 8601 with offset. */
  capturedAt: string;
};
export type VisitSyncResult = {
  accepted: number;
  duplicates: number;
  rejected: { clientId: string; reason: VisitSyncReason }[];
  /** clientId → visit id (accepted and duplicates): photos go to the visit id. */
  visitIds: Record<string, string>;
};
export type PhotoResult = { photoId: string; duplicate: boolean; contentType: string; size: number };

export type Visit = {
  id: string;
  programmeId: string;
  msmeId: string;
  clientId: string;
  mentor: { id: string; name: string };
  visitedOn: string;
  mode: VisitMode;
  notes: string | null;
  agreedActions: string[];
  capturedAt: string;
  receivedAt: string;
  photos: { id: string; clientId: string; contentType: string; size: number }[];
};

export type Milestone = {
  id: string;
  programmeId: string;
  msmeId: string;
  kind: MilestoneKind;
  reachedOn: string;
  evidenceUrl: string | null;
  evidencePhoto: { contentType: string; size: number } | null;
  notes: string | null;
  status: MilestoneStatus;
  submittedBy: string;
  submittedAt: string;
  verifiedBy: { id: string; name: string } | null;
  verifiedAt: string | null;
  rejectionReason: string | null;
  /** In programme lists; null in an MSME's own list. */
  businessName: string | null;
};

export const CHAMPION_CATEGORIES = ['youth', 'religious_leader', 'community_figure', 'other'] as const;
export type ChampionCategory = (typeof CHAMPION_CATEGORIES)[number];

export type Champion = { id: string; programmeId: string; personId: string; name: string | null; category: ChampionCategory; active: boolean };
export type ChampionRanking = {
  sort: 'referrals' | 'completed';
  /** `rank` is 1-based; ties share it. */
  items: (Champion & { rank: number; referrals: number; trained: number; completed: number })[];
};
export type ReferralLink = { championId: string; token: string; url: string; svg: string };
export type ReferralInfo = { programme: { code: string; name: string }; champion: { name: string; category: ChampionCategory } };

export const MATURITY_QUESTIONS = [
  'has_social_account',
  'has_business_profile',
  'listed_on_marketplace',
  'sells_via_social_commerce',
  'receives_online_orders',
  'accepts_digital_payments',
  'runs_paid_ads',
  'uses_sales_analytics',
  'has_repeat_online_customers',
] as const;
export type MaturityQuestion = (typeof MATURITY_QUESTIONS)[number];
export type MaturityAnswers = Partial<Record<MaturityQuestion, boolean>>;
export const MATURITY_LEVELS = [0, 1, 2, 3, 4] as const;

/** Texts in the caller's language. */
export type MaturityQuestionnaire = {
  questions: { code: MaturityQuestion; text: string }[];
  levels: { level: number; label: string; description: string }[];
  onboardedLevel: number;
};
export type MaturityResult = { assessmentId: string; phase: 'baseline' | 'endline'; level: number; currentLevel: number | null };
export type LevelCounts = Record<'0' | '1' | '2' | '3' | '4', number>;
export type MaturitySummary = {
  baseline: { assessed: number; levels: LevelCounts; onboarded: number };
  endline: { assessed: number; levels: LevelCounts; onboarded: number };
  paired: number;
  improved: number;
  newlyOnboarded: number;
};

export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type QuestionOption = { key: string; id: string; en: string };
export type Question = {
  id: string;
  moduleId: string;
  kind: QuestionKind;
  prompt: LocalisedTitle;
  options: QuestionOption[];
  correct: string[];
  position: number;
  archivedAt: string | null;
};

/** Scores are 0–100. */
export type TestsSummary = {
  postTestPassPercent: number | null;
  modules: {
    module: { id: string; code: string; title: LocalisedTitle };
    questions: number;
    pre: { people: number; averageScore: number | null };
    post: { people: number; averageScore: number | null; passed: number | null };
  }[];
};

export type FeedbackSummary = {
  responses: number;
  averageRating: number | null;
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…100. */
  nps: number | null;
};
export type ProgrammeFeedback = { overall: FeedbackSummary; sessions: { id: string; title: string; startsAt: string; summary: FeedbackSummary }[] };

export type ParticipantLink = { personId: string; programmeId: string; token: string; url: string; svg: string; expiresAt: string };

/** What a participant sees through their personal link (`GET /api/participant`). */
export type ParticipantHome = {
  programme: { id: string; code: string; name: string };
  name: string;
  hasBusiness: boolean;
  tests: {
    module: { id: string; code: string; title: LocalisedTitle };
    /** Without the correct answers. */
    questions: { id: string; kind: QuestionKind; prompt: LocalisedTitle; options: QuestionOption[] }[];
    bestPre: number | null;
    bestPost: number | null;
  }[];
  sessions: { id: string; title: string; startsAt: string; attended: boolean; feedbackGiven: boolean }[];
  certificate: { serial: string; verificationCode: string; verifyUrl: string; revoked: boolean } | null;
};
export type TestPhase = 'pre' | 'post';
export type ParticipantAttempt = { clientId: string; moduleId: string; phase: TestPhase; answers: Record<string, string[]>; takenAt: string };
export type AttemptsResult = {
  accepted: number;
  duplicates: number;
  rejected: { clientId: string; reason: string }[];
  scores: { clientId: string; points: number; maxPoints: number; score: number; passed: boolean | null }[];
};
export type FeedbackResult = { outcome: 'accepted' | 'duplicate'; message: string };

export type CertificateSettings = { programmeId: string; postTestPassPercent: number | null; includeEnglish: boolean; signatoryName: string | null; signatoryTitle: string | null };

export type Certificate = {
  id: string;
  programmeId: string;
  personId: string;
  serial: string;
  verificationCode: string;
  verifyUrl: string;
  holderName: string;
  issuedOn: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
};

export type Eligibility = {
  personId: string;
  eligible: boolean;
  percent: number;
  completionMinPercent: number;
  postTestPassPercent: number | null;
  postTestsMissing: { moduleId: string; code: string; bestScore: number | null }[];
  /** Why not, in the user's language. */
  reason: string | null;
};

/** Public verification (`GET /api/verify/:code`): never NIK or phone. */
export type Verification = {
  valid: boolean;
  status: 'valid' | 'revoked';
  serial: string;
  holderName: string;
  programme: { code: string; name: string };
  partners: string[];
  modules: LocalisedTitle[];
  issuedOn: string;
  revokedAt: string | null;
  message: string;
};

export type CertificateBundle = {
  id: string;
  programmeId: string;
  cohortId: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number | null;
  percent: number;
  notEligible: number | null;
  error: string | null;
  downloadUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
};
