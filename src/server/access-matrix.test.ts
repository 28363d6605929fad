/**
 * The access matrix: every API route × every role (and anonymous) × own / other programme,
 * with the exact status each must get. The table below is the policy as the product means it,
 * written independently of the route declarations; the test walks `app.apiRoutes`, so a route
 * added without a row here fails with its name ("adding a route without a policy fails the build").
 *
 * How a status is derived from a row:
 *   anonymous → 401 (public routes: `ok` for everyone; CLI hand-off routes: 403 without the token)
 *   a role not in `access` → 403 (the route's door, before anything else)
 *   programme-scoped, another programme, a role that sees only its own programmes
 *     (program_manager, partner_coordinator, trainer) → 404 (invisible, never "forbidden")
 *   a role in `forbidden` (passes the door, but the programme policy refuses the action) → 403
 *   else → `ok`
 * "Own" is programme A: the programme manager and the trainer are members, the partner
 * coordinator's organisation is a partner, the trainer runs A's first session. "Other" is B,
 * owned by another organisation with no tie to them. Admins and viewers see every programme.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../core/indicators.ts';
import type { Role } from '../core/policy.ts';
import { newToken, tokenDigest } from '../core/tokens.ts';
import { eq } from 'drizzle-orm';
import { createMyDataToken } from '../core/signed-token.ts';
import { campaignRecipient, dataAccessCode, outboxMessage, participantEdit, userInvite } from '../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite, makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { importRoster, rosterFile } from '../../test/support/import.ts';
import { destinationAccessRows } from '../../test/support/destination-access-rows.ts';
import { outcomeAccessRows } from '../../test/support/outcome-access-rows.ts';
import { qualityAccessRows } from '../../test/support/quality-access-rows.ts';
import { reportAccessRows } from '../../test/support/report-access-rows.ts';
import { createTestApp, nextAddress, type Client, type TestApp } from '../../test/support/test-app.ts';
import { enrolPeople, makeModule, runQueuedJobs } from '../../test/support/training.ts';

type Caller = Role | 'anonymous';
type Scope = 'own' | 'other';
const CALLERS: readonly Caller[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer', 'anonymous'];
/** Roles that see a programme only through a tie to it (membership, ownership, partnership). */
const SEE_OWN_ONLY: readonly Role[] = ['program_manager', 'partner_coordinator', 'trainer'];

const ALL: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer'];
const MANAGERS: readonly Role[] = ['admin', 'program_manager'];
const ORGANISERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator'];
const RECORDERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer'];

/** The rows one programme holds, created once. */
type Side = {
  programmeId: string;
  code: string;
  /** A partnership with an MoU document (not the partner coordinator's own). */
  partnershipId: string;
  siteId: string;
  targetId: string;
  moduleId: string;
  fileMaterialId: string;
  /** The trainer runs this session in A. */
  sessionId: string;
  /** A session no trainer of the matrix runs. */
  unassignedSessionId: string;
  cohortId: string;
  /** Enrolled people, each for one kind of call (so that one call does not change another's answer). */
  personId: string;
  rosterPersonId: string;
  cohortPersonId: string;
  checkInToken: string;
  importJobId: string;
  campaignId: string;
  messageId: string;
  /** A sent campaign and one of its recipients. */
  sentCampaignId: string;
  recipientId: string;
  conflictPersonId: string;
};

type Fixtures = { own: Side; other: Side; editableOrganisationId: string; dummyUserId: string; ownerOrganisationId: string };

type Upload = { fields?: Record<string, string>; name: string; type: string; content: Buffer };
type Call = { url: string; body?: unknown; upload?: Upload; headers?: Record<string, string>; remoteAddress?: string };

type Rule = {
  access: readonly Role[] | 'public' | 'handoff';
  scope: 'programme' | 'global';
  /** Status for a permitted caller. */
  ok: number;
  /** Roles that pass the door but whose programme policy refuses the action: 403 on their own programme. */
  forbidden?: readonly Role[];
  /** The call ends or replaces the caller's session: it runs on a fresh session of the role. */
  freshSession?: true;
  /** Builds the call for a side; may create what the call consumes. */
  call(f: Fixtures, side: Side): Call | Promise<Call>;
  /** Where `ok` is not a plain success, why. */
  note?: string;
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let serial = 0;
const next = () => ++serial;
const uniqueCode = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}-${next()}`;
const uniquePhone = () => `08127${String(next()).padStart(7, '0')}`;
const future = (day: number, hour = 9) => `2030-05-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00`;

let t: TestApp;
let f: Fixtures;
let admin: Client;
const sessions = {} as Record<Role, Client>;

const MATRIX: Record<string, Rule> = {
  // System
  'GET /api/health': { access: 'public', scope: 'global', ok: 200, call: () => ({ url: '/api/health' }) },
  'GET /api/openapi.json': { access: 'public', scope: 'global', ok: 200, call: () => ({ url: '/api/openapi.json' }) },
  'GET /api/reference': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/reference' }) },

  // Authentication
  'POST /api/auth/login': {
    access: 'public',
    scope: 'global',
    ok: 200,
    freshSession: true,
    call: async () => {
      const user = await makeUser(t.ctx.db, { role: 'viewer' });
      return { url: '/api/auth/login', body: { email: user.email, password: TEST_PASSWORD }, remoteAddress: nextAddress() };
    },
  },
  'POST /api/auth/logout': { access: ALL, scope: 'global', ok: 204, freshSession: true, call: () => ({ url: '/api/auth/logout' }) },
  'POST /api/auth/logout-all': { access: ALL, scope: 'global', ok: 204, freshSession: true, call: () => ({ url: '/api/auth/logout-all' }) },
  'POST /api/auth/change-password': {
    access: ALL,
    scope: 'global',
    ok: 204,
    freshSession: true,
    call: () => ({ url: '/api/auth/change-password', body: { currentPassword: TEST_PASSWORD, newPassword: 'kata-sandi-baru-123' } }),
  },
  'GET /api/auth/me': { access: 'public', scope: 'global', ok: 200, call: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/accept-invite': {
    access: 'public',
    scope: 'global',
    ok: 200,
    freshSession: true,
    call: async () => {
      const user = await makeUser(t.ctx.db, { role: 'trainer' });
      const token = newToken();
      await t.ctx.db.insert(userInvite).values({ id: tokenDigest(token), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) });
      return { url: '/api/auth/accept-invite', body: { token, password: 'kata-sandi-undangan-1' }, remoteAddress: nextAddress() };
    },
  },

  // Reference data
  'GET /api/regions': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/regions?q=jakarta' }) },
  'GET /api/regions/:code': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/regions/31.74' }) },
  'GET /api/organisations': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/organisations' }) },
  'POST /api/organisations': { access: MANAGERS, scope: 'global', ok: 201, call: () => ({ url: '/api/organisations', body: { name: `Organisasi Matriks ${next()}`, kind: 'ngo' } }) },
  'GET /api/organisations/:id': { access: ALL, scope: 'global', ok: 200, call: (fx) => ({ url: `/api/organisations/${fx.editableOrganisationId}` }) },
  'PATCH /api/organisations/:id': { access: MANAGERS, scope: 'global', ok: 200, call: (fx) => ({ url: `/api/organisations/${fx.editableOrganisationId}`, body: { website: 'https://contoh.id' } }) },

  // Programmes
  'GET /api/programs': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/programs' }) },
  'POST /api/programs': {
    access: MANAGERS,
    scope: 'global',
    ok: 201,
    call: (fx) => ({ url: '/api/programs', body: { code: uniqueCode('MTX'), name: 'Program matriks', ownerOrganisationId: fx.ownerOrganisationId } }),
  },
  'GET /api/programs/by-code/:code': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/by-code/${s.code}` }) },
  'GET /api/programs/:id': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}` }) },
  'PATCH /api/programs/:id': { access: MANAGERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}`, body: { description: 'Diubah oleh matriks akses' } }) },
  'POST /api/programs/:id/replicate': {
    access: MANAGERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/replicate`, body: { code: uniqueCode('RPL'), name: 'Replikasi matriks', regionCodes: ['53.01'], copyPartners: false } }),
  },

  // Partners and MoUs
  'GET /api/programs/:id/partnerships': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/partnerships` }) },
  'POST /api/programs/:id/partnerships': {
    access: MANAGERS,
    scope: 'programme',
    ok: 201,
    call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/partnerships`, body: { organisationId: (await makeOrganisation(t.ctx.db, { kind: 'ngo' })).id, role: 'implementing' } }),
  },
  'GET /api/programs/:id/partnerships/:partnershipId': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/partnerships/${s.partnershipId}` }) },
  'PATCH /api/programs/:id/partnerships/:partnershipId': {
    access: MANAGERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/partnerships/${s.partnershipId}`, body: { mouScope: 'Pelatihan literasi digital' } }),
  },
  'PUT /api/programs/:id/partnerships/:partnershipId/mou': {
    access: MANAGERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/partnerships/${s.partnershipId}/mou`, upload: { name: 'mou.pdf', type: 'application/pdf', content: PDF } }),
  },
  'GET /api/programs/:id/partnerships/:partnershipId/mou': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/partnerships/${s.partnershipId}/mou` }),
  },

  // Sites and targets
  'GET /api/programs/:id/sites': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/sites` }) },
  'POST /api/programs/:id/sites': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/sites`, body: { name: `Lokasi matriks ${next()}`, type: 'kabupaten_kota', regionCode: '31.74' } }),
  },
  'PATCH /api/programs/:id/sites/:siteId': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/sites/${s.siteId}`, body: { address: 'Jl. Matriks 1' } }) },
  'GET /api/programs/:id/targets': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/targets` }) },
  'POST /api/programs/:id/targets': { access: MANAGERS, scope: 'programme', ok: 201, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/targets`, body: { indicator: INDICATOR_CODES[0], value: 100 } }) },
  'GET /api/programs/:id/targets/:targetId': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/targets/${s.targetId}` }) },
  'PATCH /api/programs/:id/targets/:targetId': { access: MANAGERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/targets/${s.targetId}`, body: { value: 250 } }) },

  // Accounts and audit
  'GET /api/users': { access: MANAGERS, scope: 'global', ok: 200, call: () => ({ url: '/api/users' }) },
  'POST /api/users': { access: ['admin'], scope: 'global', ok: 201, call: () => ({ url: '/api/users', body: { email: `undangan-${next()}@matriks.id`, name: 'Pengguna Matriks', role: 'viewer' } }) },
  'PATCH /api/users/:id': { access: ['admin'], scope: 'global', ok: 200, call: (fx) => ({ url: `/api/users/${fx.dummyUserId}`, body: { name: 'Nama Baru' } }) },
  'POST /api/users/:id/invite': { access: ['admin'], scope: 'global', ok: 200, call: (fx) => ({ url: `/api/users/${fx.dummyUserId}/invite` }) },
  'GET /api/audit': { access: ['admin', 'viewer'], scope: 'global', ok: 200, call: () => ({ url: '/api/audit' }) },
  'GET /api/audit/filters': { access: ['admin', 'viewer'], scope: 'global', ok: 200, call: () => ({ url: '/api/audit/filters' }) },

  // Imports (personal data: organisers only)
  'POST /api/programs/:id/imports': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 202,
    call: (_, s) => ({
      url: `/api/programs/${s.programmeId}/imports`,
      upload: { name: 'daftar.csv', type: 'text/csv', content: Buffer.from(`Nama Usaha,Nama Pemilik,No. HP,Kabupaten/Kota\nWarung Matriks,Sri Matriks,${uniquePhone()},31.74\n`) },
    }),
  },
  'GET /api/programs/:id/imports': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/imports` }) },
  'GET /api/imports/:id': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/imports/${s.importJobId}` }) },
  'GET /api/imports/:id/errors.csv': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/imports/${s.importJobId}/errors.csv` }) },

  // Participants (personal data: never viewers; trainers only through their sessions)
  'GET /api/programs/:id/participants': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/participants` }) },
  'POST /api/programs/:id/participants': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/participants`, body: { businessName: 'Kedai Matriks', ownerName: 'Budi Matriks', phone: uniquePhone(), regency: '31.74' } }),
  },
  'PATCH /api/programs/:id/participants/:personId': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 204,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/participants/${s.personId}`, body: { active: true } }),
  },
  'GET /api/participants/:personId': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/participants/${s.personId}` }) },
  'PATCH /api/participants/:personId': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/participants/${s.personId}`, body: { address: 'Jl. Matriks 2' } }) },

  // Personal data (UU PDP): full NIK only to managers, exports and erasure only by admins on the person's behalf
  'POST /api/participants/:personId/reveal': { access: MANAGERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/participants/${s.personId}/reveal` }) },
  'GET /api/participants/:personId/consents': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/participants/${s.personId}/consents` }) },
  'POST /api/participants/:personId/consents': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/participants/${s.personId}/consents`, body: { purpose: 'messaging', granted: true, wordingVersion: 'matriks-1' } }),
  },
  'GET /api/participants/:personId/personal-data': { access: ['admin'], scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/participants/${s.personId}/personal-data?format=json` }) },
  'POST /api/participants/:personId/erase': {
    access: ['admin'],
    scope: 'programme',
    ok: 200,
    note: 'Each call erases a person created for it (erasure is tested in personal-data.test.ts).',
    call: async (_, s) => {
      const created = await admin.post(`/api/programs/${s.programmeId}/participants`, { businessName: 'Kedai Hapus', ownerName: 'Hapus Matriks', phone: uniquePhone(), regency: '31.74' });
      return { url: `/api/participants/${created.json().person.id}/erase`, body: { reference: 'MATRIKS-1' } };
    },
  },
  'GET /api/programs/:id/retention': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/retention` }) },
  'PUT /api/programs/:id/retention': { access: MANAGERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/retention`, body: { months: 24 } }) },
  'POST /api/personal-data/retention/run': { access: ['admin'], scope: 'global', ok: 202, call: () => ({ url: '/api/personal-data/retention/run' }) },

  // Self-service data rights: public, a one-time code then a signed token are the credentials (flow in self-service.test.ts)
  'POST /api/my-data/code': {
    access: 'public',
    scope: 'global',
    ok: 202,
    note: 'The same 202 whether or not the contact is registered.',
    call: () => ({ url: '/api/my-data/code', body: { contact: uniquePhone() }, remoteAddress: nextAddress() }),
  },
  'POST /api/my-data/verify': {
    access: 'public',
    scope: 'global',
    ok: 400,
    note: 'No code was asked for this contact: refused as invalid input (400) whoever asks.',
    call: () => ({ url: '/api/my-data/verify', body: { contact: uniquePhone(), code: '123456' }, remoteAddress: nextAddress() }),
  },
  'GET /api/my-data': { access: 'public', scope: 'programme', ok: 200, call: async (_, s) => ({ url: '/api/my-data', headers: await myDataHeaders(s.personId), remoteAddress: nextAddress() }) },
  'GET /api/my-data/export': {
    access: 'public',
    scope: 'programme',
    ok: 200,
    call: async (_, s) => ({ url: '/api/my-data/export?format=json', headers: await myDataHeaders(s.personId), remoteAddress: nextAddress() }),
  },
  'POST /api/my-data/erase': {
    access: 'public',
    scope: 'global',
    ok: 200,
    note: 'Each call erases a person created for it, with a token of their own.',
    call: async () => {
      const created = await admin.post(`/api/programs/${f.own.programmeId}/participants`, { businessName: 'Kedai Hapus Sendiri', ownerName: 'Hapus Sendiri', phone: uniquePhone(), regency: '31.74' });
      return { url: '/api/my-data/erase', body: { confirm: true }, headers: await myDataHeaders(created.json().person.id), remoteAddress: nextAddress() };
    },
  },

  // The CLI hand-off: only with the token from the data-dir lock file (tested in src/cli/import-cli.test.ts)
  'POST /api/cli/imports': { access: 'handoff', scope: 'global', ok: 403, call: () => ({ url: '/api/cli/imports?program=X' }) },
  'GET /api/cli/imports/:id': { access: 'handoff', scope: 'global', ok: 403, call: (fx) => ({ url: `/api/cli/imports/${fx.own.importJobId}` }) },
  'GET /api/cli/imports/:id/errors.csv': { access: 'handoff', scope: 'global', ok: 403, call: (fx) => ({ url: `/api/cli/imports/${fx.own.importJobId}/errors.csv` }) },
  'POST /api/cli/imports/:id/discard': { access: 'handoff', scope: 'global', ok: 403, call: (fx) => ({ url: `/api/cli/imports/${fx.own.importJobId}/discard` }) },

  // Curriculum
  'GET /api/programs/:id/modules': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules` }) },
  'POST /api/programs/:id/modules': {
    access: MANAGERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules`, body: { code: `MX-${next()}`, title: { id: 'Modul matriks', en: 'Matrix module' }, topic: 'bisnis', durationMinutes: 60 } }),
  },
  'PATCH /api/programs/:id/modules/:moduleId': {
    access: MANAGERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules/${s.moduleId}`, body: { description: 'Diubah oleh matriks akses' } }),
  },
  'POST /api/programs/:id/modules/:moduleId/materials': {
    access: MANAGERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules/${s.moduleId}/materials`, body: { title: 'Tautan', url: 'https://contoh.id/materi' } }),
  },
  'POST /api/programs/:id/modules/:moduleId/materials/file': {
    access: MANAGERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules/${s.moduleId}/materials/file`, upload: { name: 'materi.pdf', type: 'application/pdf', content: PDF } }),
  },
  'DELETE /api/programs/:id/modules/:moduleId/materials/:materialId': {
    access: MANAGERS,
    scope: 'programme',
    ok: 200,
    call: async (_, s) => {
      const added = await admin.post(`/api/programs/${s.programmeId}/modules/${s.moduleId}/materials`, { title: `Hapus ${next()}`, url: 'https://contoh.id/hapus' });
      const materials = added.json().materials as { id: string }[];
      return { url: `/api/programs/${s.programmeId}/modules/${s.moduleId}/materials/${materials.at(-1)?.id}` };
    },
  },
  'GET /api/programs/:id/modules/:moduleId/materials/:materialId/file': {
    access: ALL,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules/${s.moduleId}/materials/${s.fileMaterialId}/file` }),
  },
  'GET /api/programs/:id/learning-path': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/learning-path` }) },
  'PUT /api/programs/:id/learning-path': {
    access: MANAGERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/learning-path`, body: { moduleIds: [s.moduleId], completionMinPercent: 80 } }),
  },

  // Sessions and cohorts
  'GET /api/programs/:id/sessions': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/sessions` }) },
  'GET /api/programs/:id/sessions/calendar': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/sessions/calendar?from=2030-01-01&to=2030-12-31` }) },
  'POST /api/programs/:id/sessions': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => {
      const day = 1 + (next() % 27);
      return {
        url: `/api/programs/${s.programmeId}/sessions`,
        body: { siteId: s.siteId, title: 'Sesi matriks', modality: 'in_person', startsAt: `2030-07-${String(day).padStart(2, '0')}T09:00`, endsAt: `2030-07-${String(day).padStart(2, '0')}T11:00`, capacity: 30, moduleIds: [s.moduleId] },
      };
    },
  },
  'GET /api/programs/:id/trainers': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/trainers` }) },
  'GET /api/me/sessions': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/me/sessions' }) },
  'GET /api/sessions/:id': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/sessions/${s.sessionId}` }) },
  'PATCH /api/sessions/:id': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/sessions/${s.sessionId}`, body: { notes: 'Catatan matriks' } }) },
  'POST /api/sessions/:id/participants': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/participants`, body: { personIds: [s.personId] } }) },
  'POST /api/sessions/:id/participants/file': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/participants/file`, upload: { name: 'daftar-nik.csv', type: 'text/csv', content: Buffer.from(`No. HP\n${uniquePhone()}\n`) } }),
  },
  'POST /api/sessions/:id/participants/list': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/participants/list`, body: { text: uniquePhone() } }) },
  'DELETE /api/sessions/:id/participants/:personId': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 204,
    call: async (_, s) => {
      const added = await admin.post(`/api/sessions/${s.sessionId}/participants`, { personIds: [s.rosterPersonId] });
      if (added.statusCode !== 200) throw new Error(`roster fixture: ${added.body}`);
      return { url: `/api/sessions/${s.sessionId}/participants/${s.rosterPersonId}` };
    },
  },
  'GET /api/programs/:id/cohorts': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cohorts` }) },
  'POST /api/programs/:id/cohorts': { access: ORGANISERS, scope: 'programme', ok: 201, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cohorts`, body: { name: `Kelompok ${next()}` } }) },
  'PATCH /api/programs/:id/cohorts/:cohortId': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cohorts/${s.cohortId}`, body: { description: 'Diubah oleh matriks akses' } }),
  },
  'POST /api/programs/:id/cohorts/:cohortId/participants': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cohorts/${s.cohortId}/participants`, body: { personIds: [s.cohortPersonId] } }),
  },
  'POST /api/programs/:id/cohorts/:cohortId/participants/file': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cohorts/${s.cohortId}/participants/file`, upload: { name: 'daftar-nik.csv', type: 'text/csv', content: Buffer.from(`NIK;No. HP\n;${uniquePhone()}\n`) } }),
  },
  'POST /api/programs/:id/cohorts/:cohortId/participants/list': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cohorts/${s.cohortId}/participants/list`, body: { text: uniquePhone() } }),
  },

  // Attendance and offline sync
  'POST /api/sync/attendance': {
    access: RECORDERS,
    scope: 'global',
    ok: 200,
    note: 'Not programme-scoped by URL: each record is checked against its session (refused records are reported, tested in attendance.test.ts).',
    call: () => ({ url: '/api/sync/attendance', body: { records: [] } }),
  },
  'GET /api/sync/rejections': { access: RECORDERS, scope: 'global', ok: 200, call: () => ({ url: '/api/sync/rejections' }) },
  'POST /api/sync/participants': { access: RECORDERS, scope: 'global', ok: 200, note: 'Each edit is checked against its session (attendance.test.ts).', call: () => ({ url: '/api/sync/participants', body: { edits: [] } }) },
  'POST /api/sessions/:id/check-in': {
    access: RECORDERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/check-in`, body: { token: s.checkInToken, clientId: randomUUID() } }),
  },
  'POST /api/sessions/:id/walk-ins': {
    access: RECORDERS,
    scope: 'programme',
    ok: 201,
    call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/walk-ins`, body: { businessName: 'Usaha Datang Langsung', ownerName: 'Ani Matriks', phone: uniquePhone(), regency: '31.74' } }),
  },
  'GET /api/programs/:id/check-in-codes/:personId': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/check-in-codes/${s.personId}` }) },
  'GET /api/programs/:id/progress': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/progress` }) },
  'GET /api/programs/:id/progress/:personId': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/progress/${s.personId}` }) },
  'GET /api/programs/:id/participant-conflicts': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/participant-conflicts` }) },
  'POST /api/programs/:id/participant-conflicts/:conflictId/resolve': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/participant-conflicts/${await makeConflict(s)}/resolve`, body: { keep: 'server' } }),
  },

  // Invitation campaigns
  'GET /api/programs/:id/campaigns': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/campaigns` }) },
  'POST /api/programs/:id/campaigns/preview': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/programs/${s.programmeId}/campaigns/preview`, body: { name: 'Undangan matriks', sessionId: s.sessionId } }),
  },
  'POST /api/programs/:id/campaigns': { access: ORGANISERS, scope: 'programme', ok: 201, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/campaigns`, body: { name: 'Undangan matriks', sessionId: s.sessionId } }) },
  'GET /api/campaigns/:id': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/campaigns/${s.campaignId}` }) },
  'PATCH /api/campaigns/:id': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/campaigns/${s.campaignId}`, body: { name: 'Undangan (ubah)' } }) },
  'POST /api/campaigns/:id/preview': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/campaigns/${s.campaignId}/preview` }) },
  'POST /api/campaigns/:id/send': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 202,
    call: async (_, s) => ({ url: `/api/campaigns/${await makeCampaign(s)}/send` }),
  },
  'GET /api/campaigns/:id/recipients': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/campaigns/${s.campaignId}/recipients` }) },
  'GET /api/campaigns/:id/recipients/:recipientId/link': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/campaigns/${s.sentCampaignId}/recipients/${s.recipientId}/link` }),
  },
  'POST /api/campaigns/:id/messages/:messageId/review': {
    access: ORGANISERS,
    scope: 'programme',
    ok: 200,
    call: (_, s) => ({ url: `/api/campaigns/${s.campaignId}/messages/${s.messageId}/review`, body: { decision: 'failed' } }),
  },

  // RSVP: public, the signed token is the credential (its flow is tested in campaigns.test.ts)
  'GET /api/rsvp/session': {
    access: 'public',
    scope: 'global',
    ok: 400,
    note: 'The door is open to everyone; a wrong token is refused as invalid input (400) whoever asks.',
    call: () => ({ url: '/api/rsvp/session', headers: { 'x-rsvp-token': 'bukan-token-yang-sah' }, remoteAddress: nextAddress() }),
  },
  'POST /api/rsvp': {
    access: 'public',
    scope: 'global',
    ok: 400,
    note: 'As above.',
    call: () => ({ url: '/api/rsvp', body: { token: 'bukan-token-yang-sah', answer: 'yes' }, remoteAddress: nextAddress() }),
  },
  'POST /api/rsvp/opt-out': {
    access: 'public',
    scope: 'global',
    ok: 400,
    note: 'As above.',
    call: () => ({ url: '/api/rsvp/opt-out', body: { token: 'bukan-token-yang-sah' }, remoteAddress: nextAddress() }),
  },

  // Monitoring: aggregates only, so every role reads them; viewers get small cells suppressed (monitoring.test.ts)
  'GET /api/indicators': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/indicators' }) },
  'GET /api/indicators/:code/versions': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/indicators/msme_enrolled/versions' }) },
  'PUT /api/indicators/:code': {
    access: ['admin'],
    scope: 'global',
    ok: 200,
    call: async () => {
      const current = await admin.get('/api/indicators/msme_enrolled/versions');
      const [latest] = current.json().items as { name: unknown; description: unknown; unit: string; spec: unknown }[];
      return { url: '/api/indicators/msme_enrolled', body: { name: latest?.name, description: latest?.description, unit: latest?.unit, spec: latest?.spec } };
    },
    note: 'each call writes a new version of the definition',
  },
  'GET /api/programs/:id/indicators': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/indicators` }) },
  'GET /api/programs/:id/indicators/:code': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/indicators/msme_enrolled?by=gender` }) },
  'GET /api/programs/:id/dashboard': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/dashboard?province=53` }) },
  'GET /api/national': { access: ['admin', 'program_manager', 'viewer'], scope: 'global', ok: 200, call: () => ({ url: '/api/national' }) },

  // Outcomes (cascade, people by type, mentoring, milestones, champions, assessments, feedback, certificates): rows kept beside their fixtures.
  ...outcomeAccessRows({ app: () => t, admin: () => admin, trainerId: () => sessions.trainer.userId }),
  // Impact estimates and data-quality tasks.
  ...qualityAccessRows({ app: () => t, trainerId: () => sessions.trainer.userId }),
  // Reports (XLSX/PDF jobs) and the public results page: rows kept beside their fixtures.
  ...reportAccessRows({ app: () => t, viewer: () => sessions.viewer }),
  ...destinationAccessRows({ app: () => t, admin: () => admin, trainerId: () => sessions.trainer.userId }),
};

/** A participant edit waiting as a conflict, as an offline device leaves it. */
async function makeConflict(s: Side): Promise<string> {
  const [row] = await t.ctx.db
    .insert(participantEdit)
    .values({
      clientId: randomUUID(),
      programmeId: s.programmeId,
      sessionId: s.sessionId,
      personId: s.conflictPersonId,
      submittedBy: sessions.trainer.userId,
      baseVersion: '2020-01-01T00:00:00.000Z',
      serverVersion: '2020-02-01T00:00:00.000Z',
      values: { address: 'Jl. Perangkat' },
      serverValues: { address: 'Jl. Server' },
      status: 'conflict',
      editedAt: new Date(),
    })
    .returning({ id: participantEdit.id });
  return row?.id ?? '';
}

/** The self-service page's token for a person, as verifying a one-time code gives it (a used code request and its signed token). */
async function myDataHeaders(personId: string): Promise<Record<string, string>> {
  const requestId = randomUUID();
  await t.ctx.db.insert(dataAccessCode).values({ id: requestId, contactHash: `matriks-${requestId}`, personId, expiresAt: new Date(Date.now() + 600_000), usedAt: new Date() });
  return { 'x-my-data-token': createMyDataToken(t.ctx.secret, { personId, requestId, expiresAt: new Date(Date.now() + 1_800_000) }) };
}

async function makeCampaign(s: Side): Promise<string> {
  const res = await admin.post(`/api/programs/${s.programmeId}/campaigns`, { name: `Undangan ${next()}`, sessionId: s.sessionId });
  if (res.statusCode !== 201) throw new Error(`campaign fixture: ${res.body}`);
  return res.json().id;
}

function expectedStatus(rule: Rule, caller: Caller, scope: Scope): number {
  if (rule.access === 'public') return rule.ok;
  if (rule.access === 'handoff') return 403;
  if (caller === 'anonymous') return 401;
  if (!rule.access.includes(caller)) return 403;
  if (rule.scope === 'programme' && scope === 'other' && SEE_OWN_ONLY.includes(caller)) return 404;
  if (rule.forbidden?.includes(caller)) return 403;
  return rule.ok;
}

function multipart(upload: Upload): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----berdaya-matriks-${next()}`;
  const fields = Object.entries(upload.fields ?? {}).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.name}"\r\nContent-Type: ${upload.type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(fields.join('') + head), upload.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function clientFor(caller: Caller, rule: Rule): Promise<Client> {
  if (caller === 'anonymous') return t.anonymous;
  if (rule.freshSession) return t.signIn({ role: caller });
  return sessions[caller];
}

async function send(client: Client, method: string, call: Call) {
  const upload = call.upload ? multipart(call.upload) : undefined;
  return client.inject({
    method: method as 'GET',
    url: call.url,
    ...(upload ? { payload: upload.payload } : call.body !== undefined ? { payload: call.body as object } : {}),
    headers: { ...upload?.headers, ...call.headers },
    ...(call.remoteAddress ? { remoteAddress: call.remoteAddress } : {}),
  });
}

async function makeSide(options: { ownerOrganisationId: string; partnerOrganisationId?: string; trainerId?: string; label: string }): Promise<Side> {
  const db = t.ctx.db;
  const p = await makeProgramme(db, { ownerOrganisationId: options.ownerOrganisationId, code: uniqueCode(`MTX-${options.label}`) });
  if (options.partnerOrganisationId) await makePartnership(db, p.id, options.partnerOrganisationId);
  const partner = await makePartnership(db, p.id, (await makeOrganisation(db, { kind: 'platform' })).id, { role: 'strategic' });
  const mou = await send(admin, 'PUT', { url: `/api/programs/${p.id}/partnerships/${partner.id}/mou`, upload: { name: 'mou.pdf', type: 'application/pdf', content: PDF } });
  if (mou.statusCode !== 200) throw new Error(`MoU fixture: ${mou.body}`);
  const site = await makeSite(db, p.id);
  const target = await admin.post(`/api/programs/${p.id}/targets`, { indicator: INDICATOR_CODES[0], value: 10 });
  const module = await makeModule(db, p.id);
  const withFile = await send(admin, 'POST', { url: `/api/programs/${p.id}/modules/${module.id}/materials/file`, upload: { name: 'materi.pdf', type: 'application/pdf', content: PDF } });
  if (withFile.statusCode !== 201) throw new Error(`material fixture: ${withFile.body}`);
  const createSession = async (body: Record<string, unknown>) => {
    const res = await admin.post(`/api/programs/${p.id}/sessions`, { siteId: site.id, modality: 'in_person', capacity: 100, moduleIds: [module.id], ...body });
    if (res.statusCode !== 201) throw new Error(`session fixture: ${res.body}`);
    return res.json().id as string;
  };
  const sessionId = await createSession({ title: 'Sesi A', startsAt: future(2), endsAt: future(2, 12), trainerIds: options.trainerId ? [options.trainerId] : [] });
  const unassignedSessionId = await createSession({ title: 'Sesi tanpa pelatih matriks', startsAt: future(4), endsAt: future(4, 12) });
  const cohort = await admin.post(`/api/programs/${p.id}/cohorts`, { name: 'Kelompok matriks' });
  await createSession({ title: 'Sesi kelompok', startsAt: future(3), endsAt: future(3, 12), cohortId: cohort.json().id });
  const [personId, rosterPersonId, cohortPersonId, checkInPersonId, conflictPersonId] = await enrolPeople(db, p.id, [{}, {}, {}, {}, {}]);
  const code = await admin.get(`/api/programs/${p.id}/check-in-codes/${checkInPersonId}`);
  if (code.statusCode !== 200) throw new Error(`check-in code fixture: ${code.body}`);
  const roster = rosterFile(`Nama Usaha,Nama Pemilik,No. HP,Kabupaten/Kota\nWarung ${options.label},Sri ${options.label},${uniquePhone()},31.74\n,Tanpa Usaha,${uniquePhone()},31.74\n`);
  const imported = await importRoster(t.ctx, { programmeId: p.id, file: roster });
  const campaignId = await makeCampaign({ programmeId: p.id, sessionId } as Side);
  const sentCampaignId = await makeCampaign({ programmeId: p.id, sessionId } as Side);
  const sent = await admin.post(`/api/campaigns/${sentCampaignId}/send`);
  if (sent.statusCode !== 202) throw new Error(`sent campaign fixture: ${sent.body}`);
  await runQueuedJobs(t.ctx);
  const [recipient] = await db.select({ id: campaignRecipient.id }).from(campaignRecipient).where(eq(campaignRecipient.campaignId, sentCampaignId)).limit(1);
  if (!recipient) throw new Error('sent campaign fixture: no recipient');
  const [message] = await db
    .insert(outboxMessage)
    .values({ programmeId: p.id, campaignId, channel: 'log', address: '+6281200000000', body: 'Undangan', idempotencyKey: randomUUID(), status: 'failed' })
    .returning({ id: outboxMessage.id });
  return {
    programmeId: p.id,
    code: p.code,
    partnershipId: partner.id,
    siteId: site.id,
    targetId: target.json().id,
    moduleId: module.id,
    fileMaterialId: withFile.json().materials.find((m: { kind: string }) => m.kind === 'file').id,
    sessionId,
    unassignedSessionId,
    cohortId: cohort.json().id,
    personId: personId as string,
    rosterPersonId: rosterPersonId as string,
    cohortPersonId: cohortPersonId as string,
    checkInToken: code.json().token,
    importJobId: imported.jobId,
    campaignId,
    messageId: message?.id ?? '',
    sentCampaignId,
    recipientId: recipient.id,
    conflictPersonId: conflictPersonId as string,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const ownerA = await makeOrganisation(db, { kind: 'government' });
  const partnerOrg = await makeOrganisation(db, { kind: 'ngo' });
  const ownerB = await makeOrganisation(db, { kind: 'government' });
  admin = await t.signIn({ role: 'admin', organisationId: ownerA.id });
  sessions.admin = admin;
  sessions.viewer = await t.signIn({ role: 'viewer' });
  sessions.trainer = await t.signIn({ role: 'trainer' });
  const own = await makeSide({ ownerOrganisationId: ownerA.id, partnerOrganisationId: partnerOrg.id, trainerId: sessions.trainer.userId, label: 'A' });
  const other = await makeSide({ ownerOrganisationId: ownerB.id, label: 'B' });
  sessions.program_manager = await t.signIn({ role: 'program_manager', programmeIds: [own.programmeId] });
  sessions.partner_coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partnerOrg.id });
  const dummy = await makeUser(db, { role: 'viewer' });
  f = { own, other, editableOrganisationId: (await makeOrganisation(db)).id, dummyUserId: dummy.id, ownerOrganisationId: ownerA.id };
}, 180_000);
afterAll(() => t?.close());

describe('access matrix', () => {
  it('has a rule for every API route (adding a route without a policy fails the build), and no rule for a route that is gone', () => {
    const routes = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((key) => !(key in MATRIX));
    expect(missing, 'API routes with no row in the access matrix (src/server/access-matrix.test.ts): add one saying who may call them').toEqual([]);
    const gone = Object.keys(MATRIX).filter((key) => !routes.includes(key));
    expect(gone, 'access-matrix rows for routes that no longer exist').toEqual([]);
  });

  it('matches each route\'s declared access rule to the matrix', () => {
    const differing: string[] = [];
    for (const route of t.app.apiRoutes) {
      const rule = MATRIX[`${route.method} ${route.url}`];
      if (!rule) continue;
      const declared = 'public' in route.access ? 'public' : 'handoff' in route.access ? 'handoff' : [...route.access.roles].sort().join(',');
      const wanted = typeof rule.access === 'string' ? rule.access : [...rule.access].sort().join(',');
      if (declared !== wanted) differing.push(`${route.method} ${route.url}: declares ${declared}, the matrix says ${wanted}`);
    }
    expect(differing).toEqual([]);
  });

  describe.each(Object.keys(MATRIX))('%s', (key) => {
    it('answers every role on its own and on another programme with the exact status', async () => {
      const rule = MATRIX[key] as Rule;
      const method = key.slice(0, key.indexOf(' '));
      const wrong: string[] = [];
      for (const caller of CALLERS) {
        for (const scope of rule.scope === 'programme' ? (['own', 'other'] as const) : (['own'] as const)) {
          const want = expectedStatus(rule, caller, scope);
          const client = await clientFor(caller, rule);
          const res = await send(client, method, await rule.call(f, f[scope]));
          if (res.statusCode !== want) wrong.push(`${caller} on ${scope} programme: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
});

describe('IDOR: ids of another programme’s things behind one’s own programme id', () => {
  it('gives a partner coordinator of A 404 for B’s participants, imports, error files, MoU files, sites, targets and more', async () => {
    const pc = sessions.partner_coordinator;
    const A = f.own;
    const B = f.other;
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/programs/${B.programmeId}/participants`],
      ['GET', `/api/participants/${B.personId}`],
      ['GET', `/api/participants/${B.personId}/consents`],
      ['POST', `/api/participants/${B.personId}/consents`, { purpose: 'messaging', granted: false, wordingVersion: 'curian' }],
      ['PATCH', `/api/participants/${B.personId}`, { address: 'Jl. Curian' }],
      ['PATCH', `/api/programs/${A.programmeId}/participants/${B.personId}`, { active: false }],
      ['GET', `/api/programs/${B.programmeId}/imports`],
      ['GET', `/api/imports/${B.importJobId}`],
      ['GET', `/api/imports/${B.importJobId}/errors.csv`],
      ['GET', `/api/programs/${B.programmeId}/partnerships/${B.partnershipId}/mou`],
      ['GET', `/api/programs/${A.programmeId}/partnerships/${B.partnershipId}/mou`],
      ['GET', `/api/programs/${A.programmeId}/partnerships/${B.partnershipId}`],
      ['GET', `/api/programs/${B.programmeId}/partnerships/${B.partnershipId}`],
      ['PATCH', `/api/programs/${A.programmeId}/sites/${B.siteId}`, { name: 'Curian' }],
      ['PATCH', `/api/programs/${B.programmeId}/sites/${B.siteId}`, { name: 'Curian' }],
      ['GET', `/api/programs/${B.programmeId}/targets`],
      ['GET', `/api/programs/${A.programmeId}/targets/${B.targetId}`],
      ['GET', `/api/programs/${B.programmeId}/targets/${B.targetId}`],
      ['GET', `/api/programs/${A.programmeId}/check-in-codes/${B.personId}`],
      ['GET', `/api/programs/${A.programmeId}/progress/${B.personId}`],
      ['PATCH', `/api/programs/${A.programmeId}/cohorts/${B.cohortId}`, { name: 'Curian' }],
      ['GET', `/api/programs/${A.programmeId}/modules/${B.moduleId}/materials/${B.fileMaterialId}/file`],
      ['GET', `/api/sessions/${B.sessionId}`],
      ['DELETE', `/api/sessions/${A.sessionId}/participants/${B.personId}`],
      ['GET', `/api/campaigns/${B.campaignId}/recipients`],
      ['POST', `/api/campaigns/${A.campaignId}/messages/${B.messageId}/review`, { decision: 'sent' }],
    ];
    const leaks: string[] = [];
    for (const [method, url, body] of probes) {
      const res = await pc.inject({ method: method as 'GET', url, ...(body ? { payload: body as object } : {}) });
      if (res.statusCode !== 404) leaks.push(`${method} ${url} → ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
    // A target of B edited behind A's id: as the programme manager of A (coordinators may not manage targets).
    const target = await sessions.program_manager.patch(`/api/programs/${A.programmeId}/targets/${B.targetId}`, { value: 1 });
    expect(target.statusCode).toBe(404);
  });

  it('gives a trainer 404 for the sessions of their programme that they do not run', async () => {
    const trainer = sessions.trainer;
    expect((await trainer.get(`/api/sessions/${f.own.sessionId}`)).statusCode).toBe(200);
    expect((await trainer.get(`/api/sessions/${f.own.unassignedSessionId}`)).statusCode).toBe(404);
    const checkIn = await trainer.post(`/api/sessions/${f.own.unassignedSessionId}/check-in`, { token: f.own.checkInToken, clientId: randomUUID() });
    expect(checkIn.statusCode).toBe(404);
    const walkIn = await trainer.post(`/api/sessions/${f.own.unassignedSessionId}/walk-ins`, { businessName: 'Usaha', ownerName: 'Orang', phone: uniquePhone(), regency: '31.74' });
    expect(walkIn.statusCode).toBe(404);
  });
});
