import { and, eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { AppError } from '../../core/app-error.ts';
import { createReferralToken, readReferralToken } from '../../core/signed-token.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import type { Database, Db, DbOrTx } from '../../db/client.ts';
import { champion, enrolment, person, programme, referral } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { saveMaturityAssessment } from '../assessments/maturity.ts';
import { recordAudit } from '../audit/service.ts';
import { completedPeopleSql } from '../certificates/completion.ts';
import { addParticipant } from '../participants/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { personIdentity, upsertPersonInProgramme } from '../trainees/service.ts';
import type { CreateChampionInput } from './schema.ts';
import type { z } from 'zod';
import type { registerBody } from './schema.ts';

type ChampionRow = typeof champion.$inferSelect;

function view(row: ChampionRow, name: string | null) {
  return { id: row.id, programmeId: row.programmeId, personId: row.personId, name, category: row.category, active: row.active };
}

/** Registers a person as a digital champion of the programme (kind `champion`). */
export async function createChampion(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateChampionInput }) {
  const { db, actor, programmeId, input } = options;
  const identity = personIdentity(input.person);
  return db.transaction(async (tx) => {
    const target = await authorizeProgramme(tx, actor, programmeId, 'champion.manage');
    if (target.archivedAt) throw new AppError('conflict', 'errors.programme.archived');
    const { personId } = await upsertPersonInProgramme(tx, { programmeId, identity, kind: 'champion', source: 'manual' });
    const [row] = await tx.insert(champion).values({ programmeId, personId, category: input.category, createdBy: actor.userId }).onConflictDoNothing().returning();
    if (!row) throw new AppError('conflict', 'errors.champion.exists');
    const [p] = await tx.select({ name: person.name }).from(person).where(eq(person.id, personId));
    await recordAudit(tx, { actorUserId: actor.userId, action: 'champion.create', entityType: 'champion', entityId: row.id, programmeId, details: { personId, category: input.category } });
    return view(row, p?.name ?? null);
  });
}

async function championRow(db: DbOrTx, programmeId: string, championId: string): Promise<ChampionRow> {
  const [row] = await db.select().from(champion).where(and(eq(champion.id, championId), eq(champion.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'champion' } });
  return row;
}

export async function updateChampion(options: { db: Db; actor: SessionActor; programmeId: string; championId: string; input: { category?: ChampionRow['category']; active?: boolean } }) {
  const { db, actor, programmeId, championId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'champion.manage');
    await championRow(tx, programmeId, championId);
    const [row] = await tx.update(champion).set({ ...input, updatedAt: new Date() }).where(eq(champion.id, championId)).returning();
    if (!row) throw new Error('update returned no row');
    const [p] = await tx.select({ name: person.name }).from(person).where(eq(person.id, row.personId));
    await recordAudit(tx, { actorUserId: actor.userId, action: 'champion.update', entityType: 'champion', entityId: row.id, programmeId, details: input });
    return view(row, p?.name ?? null);
  });
}

/** The champion's personal referral link and its QR code (printed on posters, shared on WhatsApp). */
export async function referralLink(options: { db: Db; secret: string; actor: SessionActor; programmeId: string; championId: string; linkBase: string }) {
  const { db, secret, actor, programmeId, championId } = options;
  await authorizeProgramme(db, actor, programmeId, 'champion.manage');
  await championRow(db, programmeId, championId);
  const token = createReferralToken(secret, championId);
  const url = `${options.linkBase.replace(/\/+$/, '')}/daftar#${token}`;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { championId, token, url, svg };
}

/** The champion a referral token names, if the token is genuine and the champion still active. */
async function championOfToken(db: DbOrTx, secret: string, token: string | undefined) {
  const read = readReferralToken(secret, token ?? '');
  const [row] = read
    ? await db
        .select({ champion, name: person.name, programme: { id: programme.id, code: programme.code, name: programme.name, archivedAt: programme.archivedAt, status: programme.status } })
        .from(champion)
        .innerJoin(person, eq(person.id, champion.personId))
        .innerJoin(programme, eq(programme.id, champion.programmeId))
        .where(eq(champion.id, read.championId))
    : [];
  if (!row || !row.champion.active || row.programme.archivedAt || row.programme.status === 'completed') throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.referral.invalid' } });
  return row;
}

/** What the registration page shows: the programme and who invites. */
export async function referralInfo(options: { db: Db; secret: string; token: string | undefined }) {
  const row = await championOfToken(options.db, options.secret, options.token);
  return { programme: { code: row.programme.code, name: row.programme.name }, champion: { name: row.name, category: row.champion.category } };
}

/**
 * Public self-registration through a champion's link: the roster's validation and
 * deduplication (`addParticipant`), source `referral`, attributed to the champion (the first
 * champion who brought a person keeps the credit). A person the registry already knows is only
 * enrolled, never rewritten by a public form; the answer is the same either way, so that the
 * form does not reveal who is registered. With answers, the baseline questionnaire is recorded.
 */
export async function registerThroughReferral(options: { database: Database; secret: string; input: z.infer<typeof registerBody>; locale: Locale }) {
  const { database, secret, input, locale } = options;
  const db = database.db;
  const row = await championOfToken(db, secret, input.token);
  const programmeId = row.programme.id;
  const { token: _token, maturity, ...participant } = input;
  const { personId, alreadyEnrolled } = await addParticipant({ database, actor: SYSTEM_ACTOR, programmeId, input: { ...participant, active: true, willing: participant.willing ?? true }, source: 'referral', keepExisting: true });
  await db.transaction(async (tx) => {
    if (!alreadyEnrolled) {
      const [added] = await tx.insert(referral).values({ programmeId, championId: row.champion.id, personId }).onConflictDoNothing().returning({ id: referral.id });
      if (added) await recordAudit(tx, { actorUserId: null, action: 'referral.register', entityType: 'champion', entityId: row.champion.id, programmeId, details: { personId } });
    }
    if (maturity && !alreadyEnrolled) {
      const [e] = await tx.select({ msmeId: enrolment.msmeId }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.personId, personId)));
      if (e?.msmeId) await saveMaturityAssessment(tx, { programmeId, msmeId: e.msmeId, phase: 'baseline', answers: maturity, source: 'self', actorUserId: null });
    }
  });
  return { registered: true as const, message: translate(locale, 'referral.registered', { programme: row.programme.name }) };
}

type RankingRow = { id: string; programme_id: string; person_id: string; name: string; category: ChampionRow['category']; active: boolean; referrals: number; trained: number; completed: number };

/** Champions ranked by people referred, or by referred people who completed the training. */
export async function championRanking(options: { db: Db; actor: SessionActor; programmeId: string; sort: 'referrals' | 'completed' }) {
  const { db, actor, programmeId, sort } = options;
  await authorizeProgramme(db, actor, programmeId, 'report.read');
  const completed = await completedPeopleSql(db, programmeId);
  const rows = (
    (await db.execute(sql`
      select c.id, c.programme_id, c.person_id, p.name, c.category, c.active,
        count(r.person_id)::int as referrals,
        count(r.person_id) filter (where exists (select 1 from attendance a where a.programme_id = ${programmeId} and a.person_id = r.person_id))::int as trained,
        count(r.person_id) filter (where r.person_id in (select person_id from ${completed} done))::int as completed
      from ${champion} c join ${person} p on p.id = c.person_id
      left join ${referral} r on r.champion_id = c.id
      where c.programme_id = ${programmeId}
      group by c.id, p.name`)) as unknown as { rows: RankingRow[] }
  ).rows;
  const key = (r: RankingRow) => (sort === 'completed' ? [Number(r.completed), Number(r.referrals)] : [Number(r.referrals), Number(r.completed)]) as [number, number];
  rows.sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1] || a.name.localeCompare(b.name));
  const showNames = actor.role !== 'viewer';
  let rank = 0;
  let previous = '';
  return {
    sort,
    items: rows.map((r, i) => {
      const k = key(r).join('|');
      if (k !== previous) rank = i + 1;
      previous = k;
      return {
        id: r.id,
        programmeId: r.programme_id,
        personId: r.person_id,
        name: showNames ? r.name : null,
        category: r.category,
        active: r.active,
        rank,
        referrals: Number(r.referrals),
        trained: Number(r.trained),
        completed: Number(r.completed),
      };
    }),
  };
}
