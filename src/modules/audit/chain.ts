import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../../db/client.ts';
import { auditChainHead, auditEvent } from '../../db/schema/index.ts';
import { startPeriodic, type Periodic } from '../../server/periodic.ts';

/**
 * The audit trail is a hash chain: every event stores the hash of the one before it and its own
 * hash, SHA-256 over `prevHash + "\n" + canonical JSON of the event` (RFC 8785, so the same bytes
 * whatever the key order in jsonb). Changing, removing or reordering an event breaks the chain
 * from that event on; `berdaya audit verify` finds it.
 *
 * Writers insert events unsealed inside their own transaction, taking no lock, so audited writes
 * (a sync batch, a login) never wait for one another. The sealer then chains committed events in
 * id order, giving each its place (`seq`), under a lock on the single-row chain head so that two
 * sealers (two server processes) never chain at once. The database refuses any other change to an
 * event (migration 0014), and an event committed after a later one was sealed simply takes the
 * next place: the chain is the order of sealing, and every sealed event stays where it is.
 */
export const GENESIS_HASH = '0'.repeat(64);
const BATCH = 1_000;
/** How often the server seals what was committed since. */
const SEAL_INTERVAL_MS = 1_000;

export type ChainedFields = {
  id: number;
  at: Date;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  programmeId: string | null;
  details: Record<string, unknown> | null;
};

export function canonicalEvent(event: ChainedFields): string {
  const json = canonicalize({
    id: event.id,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    programmeId: event.programmeId,
    details: event.details,
  });
  if (json === undefined) throw new Error('audit event cannot be serialised');
  return json;
}

export function eventHash(prevHash: string, event: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEvent(event)).digest('hex');
}

export type NewAuditEvent = Omit<ChainedFields, 'id' | 'at'>;

/** Appends one event (unsealed) in the caller's transaction; the sealer chains it once committed. */
export async function appendAuditEvent(db: DbOrTx, input: NewAuditEvent): Promise<void> {
  // Stored as jsonb and hashed as read back: no undefined, no Dates, no class instances. The time
  // is set here in milliseconds (a JS Date), so what is hashed later is exactly what is stored.
  const details = input.details === null ? null : (JSON.parse(JSON.stringify(input.details)) as Record<string, unknown>);
  await db.insert(auditEvent).values({ ...input, details, at: new Date() });
}

/**
 * `appendAuditEvent` as part of a larger statement: one unsealed event per row of `rows` (a query
 * yielding `programme_id` and `details`), for a write whose details (the counts of an offline
 * sync batch) are only known inside the statement that makes it. Details must be jsonb built from
 * plain values (numbers, strings), as `appendAuditEvent` stores them.
 */
export function appendAuditEventsSql(input: { actorUserId: string | null; action: string; entityType: string; rows: SQL }): SQL {
  return sql`
    INSERT INTO ${auditEvent} (at, actor_user_id, action, entity_type, entity_id, programme_id, details)
    SELECT ${new Date().toISOString()}::timestamptz, ${input.actorUserId}::uuid, ${input.action}, ${input.entityType}, NULL, r.programme_id, r.details
    FROM (${input.rows}) r`;
}

/** Chains every committed unsealed event, in id order, after the current head; returns how many. */
export async function sealAuditChain(db: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
      const batch = await tx.select().from(auditEvent).where(isNull(auditEvent.seq)).orderBy(asc(auditEvent.id)).limit(BATCH);
      if (batch.length === 0) return 0;
      let prevHash = head?.lastHash ?? GENESIS_HASH;
      let seq = head?.lastSeq ?? 0;
      const sealedRows: { id: number; seq: number; prevHash: string; hash: string }[] = [];
      for (const row of batch) {
        const hash = eventHash(prevHash, row);
        seq += 1;
        sealedRows.push({ id: row.id, seq, prevHash, hash });
        prevHash = hash;
      }
      await tx.execute(sql`
        UPDATE audit_event e SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
        FROM json_to_recordset(${JSON.stringify(sealedRows.map((r) => ({ id: r.id, seq: r.seq, prev_hash: r.prevHash, hash: r.hash })))}::json)
          AS s(id bigint, seq bigint, prev_hash text, hash text)
        WHERE e.id = s.id`);
      const last = sealedRows.at(-1) as (typeof sealedRows)[number];
      await tx
        .insert(auditChainHead)
        .values({ id: 1, lastEventId: last.id, lastSeq: last.seq, lastHash: last.hash })
        .onConflictDoUpdate({ target: auditChainHead.id, set: { lastEventId: last.id, lastSeq: last.seq, lastHash: last.hash } });
      return batch.length;
    });
    sealed += count;
    if (count < BATCH) return sealed;
  }
}

export type AuditSealer = Periodic;

/** Seals committed events every second while the server runs (a database outage: the events wait, unsealed, for the next round). */
export function startAuditSealer(options: { db: Db; log: FastifyBaseLogger }): AuditSealer {
  return startPeriodic({ work: () => sealAuditChain(options.db), intervalMs: SEAL_INTERVAL_MS, log: options.log, failure: 'audit sealing failed; retrying' });
}

export type AuditVerification =
  | { ok: true; events: number; pending: number; headHash: string }
  | { ok: false; events: number; broken: { id: number; at: string | null; reason: 'hash_mismatch' | 'chain_broken' | 'head_mismatch' } };

/**
 * Walks the chain in seal order and reports the first event whose link or content does not match,
 * or a head that points past the last event (events removed from the end). `pending` counts events
 * committed but not sealed yet.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let lastId = 0;
  let events = 0;
  for (;;) {
    const batch = await db.select().from(auditEvent).where(gt(auditEvent.seq, lastSeq)).orderBy(asc(auditEvent.seq)).limit(BATCH);
    for (const row of batch) {
      const at = row.at.toISOString();
      if (row.seq !== lastSeq + 1 || row.prevHash !== prevHash) return { ok: false, events, broken: { id: row.id, at, reason: 'chain_broken' } };
      if (row.hash === null || eventHash(prevHash, row) !== row.hash) return { ok: false, events, broken: { id: row.id, at, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      lastSeq = row.seq;
      lastId = row.id;
      events += 1;
    }
    if (batch.length < BATCH) break;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if ((head?.lastHash ?? GENESIS_HASH) !== prevHash || (head?.lastSeq ?? 0) !== lastSeq) {
    return { ok: false, events, broken: { id: head?.lastEventId ?? lastId, at: null, reason: 'head_mismatch' } };
  }
  const [pending] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(isNull(auditEvent.seq));
  return { ok: true, events, pending: pending?.n ?? 0, headHash: prevHash };
}
