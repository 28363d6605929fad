import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { redactPersonalValues } from '../../core/audit-redaction.ts';
import type { Actor } from '../../core/policy.ts';
import type { Db } from '../../db/client.ts';
import { appUser, auditEvent, programme } from '../../db/schema/index.ts';
import { offsetOf } from '../../server/schema-helpers.ts';
import type { AuditEventView, AuditFiltersView, AuditQuery } from './schema.ts';

const WIB = '+07:00';
const DAY_MS = 86_400_000;
/** Distinct values offered as filters: the most recent first, bounded. */
const FILTER_LIMIT = 200;

function bound(value: string, end: boolean): Date {
  if (value.length > 10) return new Date(value);
  const start = new Date(`${value}T00:00:00${WIB}`);
  return end ? new Date(start.getTime() + DAY_MS) : start;
}

type ActorRow = { id: string; role: string; name: string; email: string };
const actorView = (actor: Actor, row: ActorRow | undefined) =>
  row ? { id: row.id, role: row.role, name: actor.role === 'admin' ? row.name : null, email: actor.role === 'admin' ? row.email : null } : null;

async function actorsById(db: Db, ids: string[]): Promise<Map<string, ActorRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: appUser.id, role: appUser.role, name: appUser.name, email: appUser.email }).from(appUser).where(inArray(appUser.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The audit trail, newest first, filtered; viewers get details without personal values. */
export async function listAuditEvents(options: { db: Db; actor: Actor; query: AuditQuery }) {
  const { db, actor, query: q } = options;
  const conditions: (SQL | undefined)[] = [
    q.actorUserId ? eq(auditEvent.actorUserId, q.actorUserId) : undefined,
    q.action ? eq(auditEvent.action, q.action) : undefined,
    q.entityType ? eq(auditEvent.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditEvent.entityId, q.entityId) : undefined,
    q.programmeId ? eq(auditEvent.programmeId, q.programmeId) : undefined,
    q.from ? gte(auditEvent.at, bound(q.from, false)) : undefined,
    q.to ? lt(auditEvent.at, q.to.length > 10 ? new Date(new Date(q.to).getTime() + 1) : bound(q.to, true)) : undefined,
  ];
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(auditEvent).where(where);
  const rows = await db
    .select({ event: auditEvent, programmeCode: programme.code })
    .from(auditEvent)
    .leftJoin(programme, eq(programme.id, auditEvent.programmeId))
    .where(where)
    .orderBy(desc(auditEvent.id))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const actors = await actorsById(db, [...new Set(rows.map((r) => r.event.actorUserId).filter((id): id is string => id !== null))]);
  const items: AuditEventView[] = rows.map(({ event, programmeCode }) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actor: event.actorUserId ? actorView(actor, actors.get(event.actorUserId)) : null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    programmeId: event.programmeId,
    programmeCode,
    details: event.details === null ? null : actor.role === 'admin' ? event.details : (redactPersonalValues(event.details) as Record<string, unknown>),
    hash: event.hash,
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The actors, actions and entity types that occur in the trail, for the page's filters. */
export async function listAuditFilters(options: { db: Db; actor: Actor }): Promise<AuditFiltersView> {
  const { db, actor } = options;
  const distinct = async (column: typeof auditEvent.action | typeof auditEvent.entityType) =>
    (await db.selectDistinct({ value: column }).from(auditEvent).orderBy(column).limit(FILTER_LIMIT)).map((r) => r.value);
  const actorIds = (await db.selectDistinct({ id: auditEvent.actorUserId }).from(auditEvent).limit(FILTER_LIMIT)).map((r) => r.id).filter((id): id is string => id !== null);
  const actors = [...(await actorsById(db, actorIds)).values()]
    .map((row) => actorView(actor, row))
    .filter((a) => a !== null)
    .sort((a, b) => (a.name ?? a.role).localeCompare(b.name ?? b.role) || a.id.localeCompare(b.id));
  return { actors, actions: await distinct(auditEvent.action), entityTypes: await distinct(auditEvent.entityType) };
}
