import { submitMilestone, syncVisits, uploadMilestonePhoto, uploadVisitPhoto } from '../../api/mentoring.ts';
import type { VisitSyncRecord } from '../../api/types.ts';
import { i18n } from '../../i18n/setup.ts';
import { photoDelete, photoGet } from './db.ts';
import type { MentoringRecord, PhotoRef } from './mentoring-record.ts';
import { mentoringSnapshot, saveMentoring } from './mentoring-outbox.ts';
import { refusalOf } from './sync-failure.ts';

const BATCH = 200;
const now = () => new Date().toISOString();
const reasonText = (reason: string) => i18n.t(`trainer.mentoring.reasons.${reason}` as 'trainer.mentoring.reasons.invalid_record', { defaultValue: reason });

/** The latest state of a record (the screens or an earlier step may have changed it). */
const latest = (record: MentoringRecord): MentoringRecord => mentoringSnapshot().find((r) => r.clientId === record.clientId) ?? record;

const counted = (records: MentoringRecord[]) =>
  saveMentoring(
    records.map((r) => {
      const current = latest(r);
      return { ...current, attempts: current.attempts + 1, lastAttemptAt: now() };
    }),
  );
const synced = (record: MentoringRecord, serverId: string | null): MentoringRecord => ({ ...latest(record), status: 'synced', serverId, syncedAt: now(), reason: null, message: null });
const rejected = (record: MentoringRecord, reason: string, message: string): MentoringRecord => ({ ...latest(record), status: 'rejected', reason, message });

function visitRecord(r: MentoringRecord): VisitSyncRecord {
  const visit = r.visit ?? { visitedOn: '', mode: 'on_site' as const, notes: null, agreedActions: [] };
  return { clientId: r.clientId, programmeId: r.programmeId, msmeId: r.msmeId, visitedOn: visit.visitedOn, mode: visit.mode, notes: visit.notes, agreedActions: visit.agreedActions, capturedAt: r.capturedAt };
}

/** Visits through the stable batch contract, `POST /api/sync/visits`: client id → visit id for the photos. */
async function sendVisits(visits: MentoringRecord[]): Promise<void> {
  for (let i = 0; i < visits.length; i += BATCH) {
    const batch = visits.slice(i, i + BATCH);
    await counted(batch);
    let result;
    try {
      result = await syncVisits(batch.map(visitRecord));
    } catch (error) {
      const refusal = refusalOf(error);
      await saveMentoring(batch.map((r) => rejected(r, refusal.code, refusal.message)));
      continue;
    }
    const refused = new Map(result.rejected.map((r) => [r.clientId, r.reason]));
    await saveMentoring(
      batch.flatMap((r) => {
        const reason = refused.get(r.clientId);
        if (reason) return [rejected(r, reason, reasonText(reason))];
        const id = result.visitIds[r.clientId];
        // Every record is answered; one without an id (never expected) is tried again next time.
        return id ? [synced(r, id)] : [];
      }),
    );
  }
}

/** Milestones are a PUT: sending one again is harmless. */
async function sendMilestone(record: MentoringRecord): Promise<void> {
  const milestone = record.milestone;
  if (!milestone) return;
  await counted([record]);
  try {
    const saved = await submitMilestone(record.programmeId, record.msmeId, milestone.kind, { reachedOn: milestone.reachedOn, evidenceUrl: milestone.evidenceUrl, notes: milestone.notes });
    await saveMentoring([synced(record, saved.id)]);
  } catch (error) {
    const refusal = refusalOf(error);
    await saveMentoring([rejected(record, refusal.code, refusal.message)]);
  }
}

const withPhoto = (record: MentoringRecord, clientId: string, change: Partial<PhotoRef>): MentoringRecord => {
  const current = latest(record);
  return { ...current, photos: current.photos.map((p) => (p.clientId === clientId ? { ...p, ...change } : p)) };
};

/** Photos of records the server has taken: each uploaded once (by its own client id), then dropped from the device. */
async function sendPhotos(record: MentoringRecord): Promise<void> {
  for (const photo of latest(record).photos.filter((p) => p.status === 'pending')) {
    const kept = await photoGet(photo.clientId);
    if (!kept) {
      await saveMentoring([withPhoto(record, photo.clientId, { status: 'rejected', message: i18n.t('trainer.mentoring.photoLost') })]);
      continue;
    }
    const extension = kept.type === 'image/png' ? 'png' : kept.type === 'image/webp' ? 'webp' : 'jpg';
    const file = new File([kept.blob], `foto-${photo.clientId.slice(0, 8)}.${extension}`, { type: kept.type });
    try {
      const current = latest(record);
      if (current.kind === 'visit' && current.serverId) await uploadVisitPhoto(current.serverId, file, photo.clientId);
      else if (current.kind === 'milestone' && current.milestone) await uploadMilestonePhoto(current.programmeId, current.msmeId, current.milestone.kind, file);
      else continue;
      await saveMentoring([withPhoto(record, photo.clientId, { status: 'uploaded', message: null })]);
      await photoDelete(photo.clientId);
    } catch (error) {
      const refusal = refusalOf(error);
      await saveMentoring([withPhoto(record, photo.clientId, { status: 'rejected', message: refusal.message })]);
    }
  }
}

/**
 * Sends the mentor's pending visits (in batches), milestones, and then the photos of every
 * record the server has taken. No network, an expired session or server trouble stop the run
 * (`Stop`): everything left waits for the next one.
 */
export async function sendMentoring(records: MentoringRecord[]): Promise<void> {
  await sendVisits(records.filter((r) => r.kind === 'visit' && r.status === 'pending'));
  for (const record of records.filter((r) => r.kind === 'milestone' && r.status === 'pending')) await sendMilestone(record);
  for (const record of records) {
    const current = latest(record);
    if (current.status === 'synced' && current.photos.some((p) => p.status === 'pending')) await sendPhotos(current);
  }
}
