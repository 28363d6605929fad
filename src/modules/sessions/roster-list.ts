import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { collapseSpaces } from '../../core/normalised.ts';
import { matchRosterHeaders } from '../../core/roster-headers.ts';
import { identifyCells, identifyPastedLine, type LineIdentity } from '../../core/roster-identifier.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { enrolment, person } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { openRoster } from '../imports/read-roster.ts';
import { rosterResolver } from '../imports/resolver.ts';
import { partnerSharingWithdrawn } from '../personal-data/consent.ts';
import { nikHash, phoneHash } from '../personal-data/values.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeSession } from './access.ts';
import { addToRosters, assertOpen, openCohortSessions, presentOutcome, type RosterOutcome } from './roster.ts';
import { MAX_LIST_LINES, type AddFromListResult, type ListLineReason } from './schema.ts';

/*
 * Enrolment from a list: the organiser uploads a roster (CSV or XLSX, read by the import's
 * reader and header matching) or pastes NIKs / phone numbers. Each line is matched against the
 * programme's participants through the keyed hashes of NIK and phone (never the plain values),
 * and the people found go through the same roster rules as the filter path (capacity,
 * double-booking). Answers and the audit trail carry line numbers and masked values only.
 */

/** Where the list comes from: a file already on disk (an upload), or pasted text. */
export type ListSource = { kind: 'file'; path: string; sheet?: string } | { kind: 'text'; text: string };

type ListLine = { line: number; identity: Exclude<LineIdentity, { kind: 'blank' }> };

function tooMany(field?: string): AppError {
  const params = { max: MAX_LIST_LINES };
  return field
    ? new AppError('validation', 'errors.validation', { fields: { [field]: 'errors.rosterList.tooManyLines' }, params })
    : new AppError('bad_request', 'errors.rosterList.tooManyLines', { params });
}

function pastedLines(text: string): ListLine[] {
  const provinces = rosterResolver().provinceCodes;
  const lines: ListLine[] = [];
  for (const [index, raw] of text.split(/\r\n|\n|\r/u).entries()) {
    const identity = identifyPastedLine(raw, provinces);
    if (identity.kind === 'blank') continue;
    lines.push({ line: index + 1, identity });
    if (lines.length > MAX_LIST_LINES) throw tooMany('text');
  }
  if (lines.length === 0) throw new AppError('validation', 'errors.validation', { fields: { text: 'errors.rosterList.empty' } });
  return lines;
}

/**
 * The NIK and phone columns of a roster file (found by the import's header matching), or, in a
 * file without a header row, its one column of NIKs / phone numbers.
 */
async function fileLines(path: string, sheet: string | undefined): Promise<ListLine[]> {
  const provinces = rosterResolver().provinceCodes;
  const reader = await openRoster(path, { sheet });
  try {
    const { columns } = matchRosterHeaders(reader.headers);
    const lines: ListLine[] = [];
    let identify: (cells: string[]) => LineIdentity;
    if (columns.nik !== undefined || columns.phone !== undefined) {
      const { nik, phone } = columns;
      identify = (cells) =>
        cells.every((c) => c.trim() === '') ? { kind: 'blank' } : identifyCells({ nik: nik === undefined ? undefined : cells[nik], phone: phone === undefined ? undefined : cells[phone] }, provinces);
    } else {
      const filled = reader.headers.filter((h) => h.trim() !== '');
      const first = filled.length === 1 ? identifyPastedLine(filled[0] ?? '', provinces) : null;
      if (first?.kind !== 'identity') {
        const found = reader.headers.map((h) => collapseSpaces(h)).filter((h) => h !== '');
        throw new AppError('bad_request', 'errors.rosterList.noIdentityColumn', { params: { found: found.length ? found.join(', ') : '—' } });
      }
      // No header row: the first line already names someone.
      lines.push({ line: 1, identity: first });
      identify = (cells) => identifyPastedLine(cells.join('\t'), provinces);
    }
    for await (const batch of reader.batches) {
      for (const row of batch) {
        const identity = identify(row.cells);
        if (identity.kind === 'blank') continue;
        lines.push({ line: row.line, identity });
        if (lines.length > MAX_LIST_LINES) throw tooMany();
      }
    }
    if (lines.length === 0) throw new AppError('bad_request', 'errors.rosterList.empty');
    return lines;
  } finally {
    reader.close();
  }
}

function readList(source: ListSource): Promise<ListLine[]> {
  return source.kind === 'text' ? Promise.resolve(pastedLines(source.text)) : fileLines(source.path, source.sheet);
}

type Unmatched = { line: number; reason: ListLineReason; value: string | null; params?: Record<string, string | number> };
type Matches = { personIds: string[]; lineOf: Map<string, number>; unmatched: Unmatched[] };

/**
 * The programme's participants the lines name: by NIK (the registry key), else by phone. People
 * who withdrew, who are in another programme only, or (for partner staff) who refused to share
 * their data with the partner are not found. A phone shared by several participants names nobody.
 */
async function matchLines(db: DbOrTx, actor: SessionActor, programmeId: string, lines: ListLine[]): Promise<Matches> {
  const keyOf = new Map<string, string>();
  const hashOf = new Map<string, string>();
  for (const { identity } of lines) {
    if (identity.kind !== 'identity') continue;
    if (identity.nik) keyOf.set(identity.nik, `nik:${nikHash(identity.nik)}`);
    if (identity.phone) hashOf.set(identity.phone, phoneHash(identity.phone));
  }
  const visible: SQL[] = [eq(enrolment.programmeId, programmeId), ne(enrolment.status, 'withdrawn')];
  if (actor.role === 'partner_coordinator' && actor.organisationId) visible.push(sql`not ${partnerSharingWithdrawn(sql`${person.id}`, actor.organisationId)}`);
  const byKey = new Map<string, string>();
  if (keyOf.size > 0) {
    const rows = await db
      .select({ id: person.id, key: person.key })
      .from(person)
      .innerJoin(enrolment, eq(enrolment.personId, person.id))
      .where(and(inArray(person.key, [...new Set(keyOf.values())]), ...visible));
    for (const r of rows) byKey.set(r.key, r.id);
  }
  const byPhone = new Map<string, Set<string>>();
  if (hashOf.size > 0) {
    const rows = await db
      .select({ id: person.id, hash: person.phoneHash })
      .from(person)
      .innerJoin(enrolment, eq(enrolment.personId, person.id))
      .where(and(inArray(person.phoneHash, [...new Set(hashOf.values())]), ...visible));
    for (const r of rows) if (r.hash) byPhone.set(r.hash, (byPhone.get(r.hash) ?? new Set()).add(r.id));
  }

  const matches: Matches = { personIds: [], lineOf: new Map(), unmatched: [] };
  for (const { line, identity } of lines) {
    if (identity.kind === 'problem') {
      matches.unmatched.push({ line, reason: identity.reason, value: identity.shown });
      continue;
    }
    let personId = identity.nik ? byKey.get(keyOf.get(identity.nik) ?? '') : undefined;
    if (!personId && identity.phone) {
      const owners = byPhone.get(hashOf.get(identity.phone) ?? '');
      if (owners && owners.size > 1) {
        matches.unmatched.push({ line, reason: 'ambiguous', value: identity.shown });
        continue;
      }
      personId = owners ? [...owners][0] : undefined;
    }
    if (!personId) {
      matches.unmatched.push({ line, reason: 'not_found', value: identity.shown });
      continue;
    }
    const earlier = matches.lineOf.get(personId);
    if (earlier !== undefined) {
      matches.unmatched.push({ line, reason: 'duplicate', value: identity.shown, params: { line: earlier } });
      continue;
    }
    matches.lineOf.set(personId, line);
    matches.personIds.push(personId);
  }
  return matches;
}

async function present(db: DbOrTx, outcome: RosterOutcome, matches: Matches, lines: number, locale: Locale): Promise<AddFromListResult> {
  const base = await presentOutcome(db, outcome, matches.personIds.length, locale);
  return {
    ...base,
    lines,
    refused: base.refused.map((r) => ({ ...r, line: matches.lineOf.get(r.personId) ?? 0 })),
    unmatched: matches.unmatched.map((u) => ({ line: u.line, reason: u.reason, value: u.value, message: translate(locale, `errors.rosterList.line.${u.reason}`, u.params) })),
  };
}

const auditCounts = (source: ListSource, lines: number, matches: Matches, outcome: RosterOutcome) => ({
  byList: source.kind,
  lines,
  matched: matches.personIds.length,
  unmatched: matches.unmatched.length,
  added: outcome.added.length,
  already: outcome.already.length,
  refused: outcome.refused.length,
});

/** Adds the programme participants a list names to a session's roster; reports every line that added nobody, and why. */
export async function addSessionParticipantsFromList(options: { db: Db; actor: SessionActor; sessionId: string; source: ListSource; locale: Locale }): Promise<AddFromListResult> {
  const { db, actor, sessionId, source, locale } = options;
  assertOpen((await authorizeSession(db, actor, sessionId, 'session.manage')).session);
  const lines = await readList(source);
  return db.transaction(async (tx) => {
    const { session } = await authorizeSession(tx, actor, sessionId, 'session.manage');
    assertOpen(session);
    const matches = await matchLines(tx, actor, session.programmeId, lines);
    const outcome = await addToRosters(tx, { programmeId: session.programmeId, sessionIds: [sessionId], personIds: matches.personIds, source: 'import', addedBy: actor.userId });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'session.roster_add',
      entityType: 'session',
      entityId: sessionId,
      programmeId: session.programmeId,
      details: auditCounts(source, lines.length, matches, outcome),
    });
    return present(tx, outcome, matches, lines.length, locale);
  });
}

/** Adds the people a list names to every planned or open session of a cohort (all or none per person). */
export async function addCohortParticipantsFromList(options: {
  db: Db;
  actor: SessionActor;
  programmeId: string;
  cohortId: string;
  source: ListSource;
  locale: Locale;
}): Promise<AddFromListResult> {
  const { db, actor, programmeId, cohortId, source, locale } = options;
  await authorizeProgramme(db, actor, programmeId, 'session.manage');
  await openCohortSessions(db, programmeId, cohortId);
  const lines = await readList(source);
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'session.manage');
    const sessionIds = await openCohortSessions(tx, programmeId, cohortId);
    const matches = await matchLines(tx, actor, programmeId, lines);
    const outcome = await addToRosters(tx, { programmeId, sessionIds, personIds: matches.personIds, source: 'cohort', addedBy: actor.userId });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'cohort.roster_add',
      entityType: 'cohort',
      entityId: cohortId,
      programmeId,
      details: { sessions: sessionIds.length, ...auditCounts(source, lines.length, matches, outcome) },
    });
    return present(tx, outcome, matches, lines.length, locale);
  });
}
