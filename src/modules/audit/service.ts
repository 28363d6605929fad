import type { DbOrTx } from '../../db/client.ts';
import { auditEvent } from '../../db/schema/index.ts';

export type AuditInput = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  programmeId?: string | null;
  /** Never personal values (NIK, phone, names): ids, codes and counts only. */
  details?: Record<string, unknown>;
};

/** Appends an audit event; call inside the transaction that makes the change. */
export async function recordAudit(db: DbOrTx, input: AuditInput): Promise<void> {
  await db.insert(auditEvent).values({
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    programmeId: input.programmeId ?? null,
    details: input.details ?? null,
  });
}
