import type { DbOrTx } from '../../db/client.ts';
import { appendAuditEvent } from './chain.ts';

export type AuditInput = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  programmeId?: string | null;
  /** Never personal values (NIK, phone, names): ids, codes and counts only. */
  details?: Record<string, unknown>;
};

/** Appends an audit event to the hash chain; call inside the transaction that makes the change. */
export async function recordAudit(db: DbOrTx, input: AuditInput): Promise<void> {
  await appendAuditEvent(db, {
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    programmeId: input.programmeId ?? null,
    details: input.details ?? null,
  });
}
