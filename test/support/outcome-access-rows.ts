/**
 * Access-matrix rows for the outcome routes (cascade, people by type, mentoring, milestones,
 * champions, assessments, feedback, participant links, certificates), in the shape of the rows
 * of src/server/access-matrix.test.ts, so that the matrix takes them with one line:
 *
 *   ...outcomeAccessRows({ app: () => t, admin: () => admin, trainerId: () => sessions.trainer.userId }),
 *
 * Fixtures are made lazily, once per side (programme), through the API as an admin. The matrix's
 * trainer is given a caseload only in the programme they already belong to ("own"): assigning
 * them elsewhere would make them a member there and change other rows' answers. Calls that consume
 * what they touch (verify, issue, revoke) make a fresh fixture each time.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import type { Role } from '../../src/core/policy.ts';
import { enrolment, job } from '../../src/db/schema/index.ts';
import { runJob } from '../../src/modules/jobs/runner.ts';
import { JOB_HANDLERS } from '../../src/server/app.ts';
import { makeUser } from './factories.ts';
import { nextAddress, type Client, type TestApp } from './test-app.ts';
import { enrolPeople } from './training.ts';

type Upload = { fields?: Record<string, string>; name: string; type: string; content: Buffer };
type Call = { url: string; body?: unknown; upload?: Upload; headers?: Record<string, string>; remoteAddress?: string };
/** What the rows need of a side of the matrix. */
type SideLike = { programmeId: string; sessionId: string; moduleId: string; siteId: string; personId: string };
type Row = {
  access: readonly Role[] | 'public' | 'handoff';
  scope: 'programme' | 'global';
  ok: number;
  forbidden?: readonly Role[];
  call(f: { own: SideLike }, side: SideLike): Call | Promise<Call>;
  note?: string;
};

const ALL: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer'];
const MANAGERS: readonly Role[] = ['admin', 'program_manager'];
const ORGANISERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator'];
const RECORDERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer'];
const REPORTERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'viewer'];

type Fixture = {
  msmeId: string;
  visitId: string;
  photoId: string;
  certificationId: string;
  totSessionId: string;
  championId: string;
  questionId: string;
  certificateId: string;
  verificationCode: string;
  bundleId: string;
  rosterPersonId: string;
};

function png(): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(128);
  return PNG.sync.write(image);
}

let serial = 0;
const phone = () => `08128${String(Date.now() % 1_000_000).padStart(6, '0')}${String(++serial % 10)}`.slice(0, 13);

export function outcomeAccessRows(deps: { app: () => TestApp; admin: () => Client; trainerId: () => string }): Record<string, Row> {
  const fixtures = new Map<string, Promise<Fixture>>();
  const ok = <R extends { statusCode: number; body: string }>(res: R, what: string): R => {
    if (res.statusCode >= 300) throw new Error(`${what} fixture: ${res.statusCode} ${res.body}`);
    return res;
  };
  const multipart = (upload: Upload) => {
    const boundary = `----berdaya-hasil-${++serial}`;
    const fields = Object.entries(upload.fields ?? {}).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.name}"\r\nContent-Type: ${upload.type}\r\n\r\n`;
    return { payload: Buffer.concat([Buffer.from(fields.join('') + head), upload.content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const msmeOf = async (programmeId: string, personId: string) => {
    const rows = await deps.app().ctx.db.select({ msmeId: enrolment.msmeId, programmeId: enrolment.programmeId }).from(enrolment).where(eq(enrolment.personId, personId));
    return rows.find((r) => r.programmeId === programmeId)?.msmeId as string;
  };
  /** A fresh participant of the side who completed its learning path (eligible for a certificate). */
  const completer = async (side: SideLike) => {
    const admin = deps.admin();
    const [personId] = await enrolPeople(deps.app().ctx.db, side.programmeId, [{}]);
    ok(await admin.put(`/api/programs/${side.programmeId}/learning-path`, { moduleIds: [side.moduleId], completionMinPercent: 80 }), 'learning path');
    ok(await admin.post('/api/sync/attendance', { records: [{ clientId: randomUUID(), sessionId: side.sessionId, personId, method: 'manual', capturedAt: '2030-05-02T10:00:00+07:00' }] }), 'attendance');
    return personId as string;
  };
  const issue = async (side: SideLike) => ok(await deps.admin().post(`/api/programs/${side.programmeId}/certificates`, { personId: await completer(side) }), 'certificate').json() as { id: string; verificationCode: string };

  const fixture = (side: SideLike, own: SideLike): Promise<Fixture> => {
    let made = fixtures.get(side.programmeId);
    if (!made) {
      made = (async () => {
        const t = deps.app();
        const admin = deps.admin();
        const db = t.ctx.db;
        const [owner, rosterPersonId] = (await enrolPeople(db, side.programmeId, [{}, {}])) as [string, string];
        const msmeId = await msmeOf(side.programmeId, owner);
        // The matrix's trainer mentors this MSME only in their own programme (see above).
        const mentor = side.programmeId === own.programmeId ? deps.trainerId() : (await makeUser(db, { role: 'trainer' })).id;
        ok(await admin.post(`/api/programs/${side.programmeId}/caseloads`, { mentorUserId: mentor, msmeIds: [msmeId] }), 'caseload');
        ok(await admin.post(`/api/sessions/${side.sessionId}/participants`, { personIds: [rosterPersonId] }), 'roster');
        const visit = ok(await admin.post(`/api/programs/${side.programmeId}/msmes/${msmeId}/visits`, { visitedOn: '2030-05-02', mode: 'on_site' }), 'visit').json();
        const photoBody = multipart({ fields: { clientId: 'foto-matriks' }, name: 'foto.png', type: 'image/png', content: png() });
        const photo = ok(await admin.inject({ method: 'POST', url: `/api/visits/${visit.id}/photos`, payload: photoBody.payload, headers: photoBody.headers }), 'photo').json();
        ok(await admin.put(`/api/programs/${side.programmeId}/msmes/${msmeId}/milestones/social_account`, { reachedOn: '2030-05-01', evidenceUrl: 'https://contoh.id/akun' }), 'milestone');
        const evidence = multipart({ name: 'bukti.png', type: 'image/png', content: png() });
        ok(await admin.inject({ method: 'PUT', url: `/api/programs/${side.programmeId}/msmes/${msmeId}/milestones/social_account/photo`, payload: evidence.payload, headers: evidence.headers }), 'evidence');
        const trainerPerson = ok(await admin.post(`/api/programs/${side.programmeId}/people`, { kind: 'trainer', name: 'Pelatih Matriks', phone: phone() }), 'trainer person').json().personId;
        const certification = ok(await admin.post(`/api/programs/${side.programmeId}/trainer-certifications`, { personId: trainerPerson }), 'certification').json();
        const tot = ok(
          await admin.post(`/api/programs/${side.programmeId}/sessions`, { siteId: side.siteId, title: 'ToT matriks', kind: 'tot', modality: 'in_person', startsAt: '2030-08-01T09:00', endsAt: '2030-08-01T12:00', capacity: 30, moduleIds: [side.moduleId] }),
          'ToT session',
        ).json();
        const champion = ok(await admin.post(`/api/programs/${side.programmeId}/champions`, { category: 'youth', person: { name: 'Duta Matriks', phone: phone() } }), 'champion').json();
        const question = ok(
          await admin.post(`/api/programs/${side.programmeId}/modules/${side.moduleId}/questions`, { kind: 'single', prompt: { id: 'Soal?', en: 'Question?' }, options: [{ key: 'a', id: 'Ya', en: 'Yes' }, { key: 'b', id: 'Tidak', en: 'No' }], correct: ['a'] }),
          'question',
        ).json();
        const cert = await issue(side);
        const bundle = ok(await admin.post(`/api/programs/${side.programmeId}/certificate-bundles`, {}), 'bundle').json();
        const [claimed] = await db.update(job).set({ status: 'running', attempts: 1 }).where(eq(job.id, bundle.id)).returning();
        if (!claimed || (await runJob(t.ctx.database, JOB_HANDLERS, claimed)).status !== 'done') throw new Error('bundle fixture did not finish');
        return {
          msmeId,
          visitId: visit.id,
          photoId: photo.photoId,
          certificationId: certification.id,
          totSessionId: tot.id,
          championId: champion.id,
          questionId: question.id,
          certificateId: cert.id,
          verificationCode: cert.verificationCode,
          bundleId: bundle.id,
          rosterPersonId,
        };
      })();
      fixtures.set(side.programmeId, made);
    }
    return made;
  };
  const fx = (f: { own: SideLike }, side: SideLike) => fixture(side, f.own);
  const photoUpload = (): Upload => ({ fields: { clientId: randomUUID() }, name: 'foto.png', type: 'image/png', content: png() });
  const badToken = { 'x-participant-token': 'bukan-token-yang-sah' };
  const publicNote = 'The door is open to everyone; a wrong token is refused as invalid input (400) whoever asks.';

  return {
    // People by type and the ToT cascade
    'POST /api/programs/:id/people': { access: ORGANISERS, scope: 'programme', ok: 201, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/people`, body: { kind: 'government_staff', name: 'Humas Matriks', phone: phone(), institution: 'Pemerintah Kabupaten Jayapura' } }) },
    'GET /api/programs/:id/trainees/summary': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/trainees/summary` }) },
    'GET /api/programs/:id/cascade': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/cascade` }) },
    'POST /api/programs/:id/trainer-certifications': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 201,
      call: async (_, s) => {
        const personId = ok(await deps.admin().post(`/api/programs/${s.programmeId}/people`, { kind: 'trainer', name: 'Master Matriks', phone: phone() }), 'person').json().personId;
        return { url: `/api/programs/${s.programmeId}/trainer-certifications`, body: { personId } };
      },
    },
    'PATCH /api/programs/:id/trainer-certifications/:certificationId': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/trainer-certifications/${(await fx(f, s)).certificationId}`, body: { organisationId: null } }),
    },
    'POST /api/sessions/:id/certify-trainers': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      note: 'The person did not attend the ToT session: 200 with the refusal (certification itself is tested in cascade.test.ts).',
      call: async (f, s) => ({ url: `/api/sessions/${(await fx(f, s)).totSessionId}/certify-trainers`, body: { personIds: [s.personId] } }),
    },

    // Mentoring (trainers: their own caseload)
    'GET /api/programs/:id/caseloads': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/caseloads` }) },
    'POST /api/programs/:id/caseloads': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/caseloads`, body: { mentorUserId: (await makeUser(deps.app().ctx.db, { role: 'trainer' })).id, msmeIds: [(await fx(f, s)).msmeId] } }),
    },
    'POST /api/programs/:id/caseloads/end': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/caseloads/end`, body: { mentorUserId: (await makeUser(deps.app().ctx.db, { role: 'trainer' })).id, msmeIds: [(await fx(f, s)).msmeId] } }),
    },
    'GET /api/me/caseload': { access: ALL, scope: 'global', ok: 200, call: () => ({ url: '/api/me/caseload' }) },
    'POST /api/sync/visits': {
      access: RECORDERS,
      scope: 'global',
      ok: 200,
      note: 'Not programme-scoped by URL: each record is checked against its programme and caseload (tested in mentoring.test.ts).',
      call: () => ({ url: '/api/sync/visits', body: { records: [] } }),
    },
    'GET /api/sync/visit-rejections': { access: RECORDERS, scope: 'global', ok: 200, call: () => ({ url: '/api/sync/visit-rejections' }) },
    'GET /api/programs/:id/msmes/:msmeId/visits': { access: RECORDERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/visits` }) },
    'POST /api/programs/:id/msmes/:msmeId/visits': {
      access: RECORDERS,
      scope: 'programme',
      ok: 201,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/visits`, body: { visitedOn: '2030-05-03', mode: 'whatsapp' } }),
    },
    'POST /api/visits/:id/photos': { access: RECORDERS, scope: 'programme', ok: 201, call: async (f, s) => ({ url: `/api/visits/${(await fx(f, s)).visitId}/photos`, upload: photoUpload() }) },
    'GET /api/visits/:id/photos/:photoId': { access: RECORDERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/visits/${(await fx(f, s)).visitId}/photos/${(await fx(f, s)).photoId}` }) },

    // Milestones
    'GET /api/programs/:id/milestones': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/milestones?status=pending` }) },
    'GET /api/programs/:id/msmes/:msmeId/milestones': { access: RECORDERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/milestones` }) },
    'PUT /api/programs/:id/msmes/:msmeId/milestones/:kind': {
      access: RECORDERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/milestones/social_account`, body: { reachedOn: '2030-05-01', evidenceUrl: 'https://contoh.id/akun' } }),
    },
    'PUT /api/programs/:id/msmes/:msmeId/milestones/:kind/photo': {
      access: RECORDERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/milestones/social_account/photo`, upload: { name: 'bukti.png', type: 'image/png', content: png() } }),
    },
    'GET /api/programs/:id/msmes/:msmeId/milestones/:kind/photo': {
      access: RECORDERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/milestones/social_account/photo` }),
    },
    'POST /api/programs/:id/msmes/:msmeId/milestones/:kind/verify': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      call: async (_, s) => {
        const [owner] = await enrolPeople(deps.app().ctx.db, s.programmeId, [{}]);
        const msmeId = await msmeOf(s.programmeId, owner as string);
        ok(await deps.admin().put(`/api/programs/${s.programmeId}/msmes/${msmeId}/milestones/qris_payments`, { reachedOn: '2030-05-01', evidenceUrl: 'https://contoh.id/qris' }), 'milestone');
        return { url: `/api/programs/${s.programmeId}/msmes/${msmeId}/milestones/qris_payments/verify`, body: { decision: 'rejected', reason: 'Bukti tidak terbaca' } };
      },
    },

    // Champions and referrals
    'GET /api/programs/:id/champions': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/champions` }) },
    'POST /api/programs/:id/champions': { access: ORGANISERS, scope: 'programme', ok: 201, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/champions`, body: { category: 'community_figure', person: { name: 'Tokoh Matriks', phone: phone() } } }) },
    'PATCH /api/programs/:id/champions/:championId': { access: ORGANISERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/champions/${(await fx(f, s)).championId}`, body: { category: 'youth' } }) },
    'GET /api/programs/:id/champions/:championId/referral-link': { access: ORGANISERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/champions/${(await fx(f, s)).championId}/referral-link` }) },
    'GET /api/register': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/register', headers: { 'x-referral-token': 'bukan-token-yang-sah' }, remoteAddress: nextAddress() }) },
    'POST /api/register': {
      access: 'public',
      scope: 'global',
      ok: 400,
      note: publicNote,
      call: () => ({ url: '/api/register', body: { token: 'bukan-token-yang-sah', businessName: 'Usaha', ownerName: 'Orang', phone: phone(), regency: '31.74' }, remoteAddress: nextAddress() }),
    },

    // Assessments, tests and feedback
    'GET /api/maturity/questionnaire': { access: 'public', scope: 'global', ok: 200, call: () => ({ url: '/api/maturity/questionnaire' }) },
    'POST /api/programs/:id/msmes/:msmeId/maturity': {
      access: RECORDERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/maturity`, body: { phase: 'baseline', answers: { has_social_account: true } } }),
    },
    'GET /api/programs/:id/msmes/:msmeId/maturity': { access: RECORDERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${(await fx(f, s)).msmeId}/maturity` }) },
    'GET /api/programs/:id/maturity/summary': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/maturity/summary` }) },
    'GET /api/programs/:id/modules/:moduleId/questions': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules/${s.moduleId}/questions` }) },
    'POST /api/programs/:id/modules/:moduleId/questions': {
      access: MANAGERS,
      scope: 'programme',
      ok: 201,
      call: (_, s) => ({ url: `/api/programs/${s.programmeId}/modules/${s.moduleId}/questions`, body: { kind: 'multiple', prompt: { id: 'Pilih', en: 'Pick' }, options: [{ key: 'a', id: 'A', en: 'A' }, { key: 'b', id: 'B', en: 'B' }], correct: ['a', 'b'] } }),
    },
    'PATCH /api/programs/:id/questions/:questionId': { access: MANAGERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/questions/${(await fx(f, s)).questionId}`, body: { position: 1 } }) },
    'POST /api/sync/test-attempts': {
      access: RECORDERS,
      scope: 'global',
      ok: 200,
      note: 'Not programme-scoped by URL: each attempt is checked against its programme and, for trainers, their sessions (tested in assessments.test.ts).',
      call: () => ({ url: '/api/sync/test-attempts', body: { attempts: [] } }),
    },
    'GET /api/programs/:id/tests/summary': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/tests/summary` }) },
    'POST /api/sessions/:id/feedback': { access: RECORDERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/feedback`, body: { clientId: randomUUID(), rating: 4, recommend: 8 } }) },
    'GET /api/sessions/:id/feedback': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/sessions/${s.sessionId}/feedback` }) },
    'GET /api/programs/:id/feedback/summary': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/feedback/summary` }) },

    // The participant's own link (public: the token is the credential)
    'GET /api/programs/:id/participant-links/:personId': {
      access: RECORDERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/participant-links/${(await fx(f, s)).rosterPersonId}` }),
    },
    'GET /api/participant': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/participant', headers: badToken, remoteAddress: nextAddress() }) },
    'POST /api/participant/test-attempts': {
      access: 'public',
      scope: 'global',
      ok: 400,
      note: publicNote,
      call: () => ({ url: '/api/participant/test-attempts', headers: badToken, body: { attempts: [{ clientId: randomUUID(), moduleId: randomUUID(), phase: 'pre', answers: {}, takenAt: '2030-05-02T10:00:00+07:00' }] }, remoteAddress: nextAddress() }),
    },
    'POST /api/participant/feedback': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/participant/feedback', headers: badToken, body: { clientId: randomUUID(), sessionId: randomUUID(), rating: 5 }, remoteAddress: nextAddress() }) },
    'POST /api/participant/maturity': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/participant/maturity', headers: badToken, body: { phase: 'baseline', answers: {} }, remoteAddress: nextAddress() }) },
    'GET /api/participant/certificate.pdf': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/participant/certificate.pdf', headers: badToken, remoteAddress: nextAddress() }) },

    // Certificates
    'GET /api/programs/:id/certificate-settings': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/certificate-settings` }) },
    'PUT /api/programs/:id/certificate-settings': { access: MANAGERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/certificate-settings`, body: { postTestPassPercent: null, includeEnglish: true } }) },
    'GET /api/programs/:id/certificates': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/certificates` }) },
    'GET /api/programs/:id/certificates/eligibility/:personId': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/certificates/eligibility/${s.personId}` }) },
    'POST /api/programs/:id/certificates': { access: ORGANISERS, scope: 'programme', ok: 201, call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/certificates`, body: { personId: await completer(s) } }) },
    'GET /api/certificates/:id': { access: ORGANISERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/certificates/${(await fx(f, s)).certificateId}` }) },
    'GET /api/certificates/:id/pdf': { access: ORGANISERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/certificates/${(await fx(f, s)).certificateId}/pdf` }) },
    'POST /api/certificates/:id/revoke': { access: MANAGERS, scope: 'programme', ok: 200, call: async (_, s) => ({ url: `/api/certificates/${(await issue(s)).id}/revoke`, body: { reason: 'Uji matriks akses' } }) },
    'GET /api/verify/:code': { access: 'public', scope: 'global', ok: 200, call: async (f) => ({ url: `/api/verify/${(await fx(f, f.own)).verificationCode}`, remoteAddress: nextAddress() }) },
    'POST /api/programs/:id/certificate-bundles': { access: ORGANISERS, scope: 'programme', ok: 202, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/certificate-bundles`, body: {} }) },
    'GET /api/certificate-bundles/:id': { access: ORGANISERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/certificate-bundles/${(await fx(f, s)).bundleId}` }) },
    'GET /api/certificate-bundles/:id/download': { access: ORGANISERS, scope: 'programme', ok: 200, call: async (f, s) => ({ url: `/api/certificate-bundles/${(await fx(f, s)).bundleId}/download` }) },
  };
}
