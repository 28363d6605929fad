import { syncParticipantEdits, type ParticipantEditResult } from '../../api/attendance.ts';
import { baseToSend, type EditRecord } from './edit-record.ts';
import { editsSnapshot, saveEdits } from './edit-outbox.ts';
import { reasonText, refusalOf } from './sync-failure.ts';

const BATCH = 200;
const now = () => new Date().toISOString();
const latest = (record: EditRecord): EditRecord => editsSnapshot().find((r) => r.clientId === record.clientId) ?? record;

/** The record with the server's answer. */
function answered(record: EditRecord, result: ParticipantEditResult): EditRecord {
  const done = { ...latest(record), syncedAt: now(), reason: null, message: null, fields: null };
  switch (result.outcome) {
    case 'applied':
      return { ...done, status: 'applied', version: result.version };
    case 'conflict':
      return { ...done, status: 'conflict', conflictId: result.conflictId };
    // Sent before and the answer was lost: the server's record of it says which.
    case 'duplicate':
      return result.conflictId ? { ...done, status: 'conflict', conflictId: result.conflictId } : { ...done, status: 'applied' };
    default: {
      const reason = result.reason ?? 'invalid_record';
      const fields = result.fields && Object.keys(result.fields).length ? result.fields : null;
      return { ...done, status: 'rejected', reason, fields, message: fields ? Object.values(fields).join(' · ') : reasonText(reason) };
    }
  }
}

/**
 * Sends the trainer's pending participant edits (`POST /api/sync/participants`), oldest first.
 * An edit that builds on an earlier one of this device waits for that one's answer, to be sent
 * with the version it produced. No network, an expired session or server trouble stop the run
 * (`Stop`): everything left waits for the next one.
 */
export async function sendEdits(records: EditRecord[]): Promise<void> {
  const waiting = new Set(records.map((r) => r.clientId));
  while (waiting.size > 0) {
    const all = editsSnapshot();
    const ready = all.filter((r) => waiting.has(r.clientId) && !(r.after && waiting.has(r.after))).slice(0, BATCH);
    if (ready.length === 0) return;
    const sent = ready.map((r) => ({ ...r, sentBase: baseToSend(r, all), attempts: r.attempts + 1, lastAttemptAt: now() }));
    await saveEdits(sent);
    let results: ParticipantEditResult[];
    try {
      results = (await syncParticipantEdits(sent.map((r) => ({ clientId: r.clientId, sessionId: r.sessionId, personId: r.personId, baseVersion: r.sentBase, values: r.values, editedAt: r.editedAt })))).results;
    } catch (error) {
      const refusal = refusalOf(error);
      await saveEdits(sent.map((r) => ({ ...latest(r), status: 'rejected', reason: refusal.code, message: refusal.message, fields: refusal.fields })));
      sent.forEach((r) => waiting.delete(r.clientId));
      continue;
    }
    const byId = new Map(results.map((r) => [r.clientId, r]));
    // Every edit is answered; one without an answer (never expected) is tried again next time.
    await saveEdits(sent.flatMap((r) => {
      const result = byId.get(r.clientId);
      return result ? [answered(r, result)] : [];
    }));
    sent.forEach((r) => waiting.delete(r.clientId));
  }
}
