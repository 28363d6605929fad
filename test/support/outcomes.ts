import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { enrolment } from '../../src/db/schema/index.ts';
import type { Client } from './test-app.ts';
import { clientId } from './training.ts';

let day = 0;

/** A session of the programme on a day of its own (no roster clashes between tests), created through the API. */
export async function makeSession(
  admin: Client,
  programmeId: string,
  options: { siteId: string; moduleIds: string[]; trainerIds?: string[]; kind?: 'regular' | 'tot'; title?: string; cohortId?: string },
): Promise<string> {
  day += 1;
  const month = String(1 + (Math.floor(day / 28) % 12)).padStart(2, '0');
  const date = `2031-${month}-${String(1 + (day % 28)).padStart(2, '0')}`;
  const res = await admin.post(`/api/programs/${programmeId}/sessions`, {
    siteId: options.siteId,
    title: options.title ?? `Sesi ${day}`,
    kind: options.kind ?? 'regular',
    modality: 'in_person',
    startsAt: `${date}T09:00`,
    endsAt: `${date}T12:00`,
    capacity: 200,
    moduleIds: options.moduleIds,
    trainerIds: options.trainerIds ?? [],
    ...(options.cohortId ? { cohortId: options.cohortId } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`session: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** Marks people present at a session through the offline sync, as a trainer app would. */
export async function attend(client: Client, sessionId: string, personIds: string[]): Promise<void> {
  const res = await client.post('/api/sync/attendance', {
    records: personIds.map((personId) => ({ clientId: clientId(), sessionId, personId, method: 'manual', capturedAt: '2031-01-01T09:30:00+07:00' })),
  });
  const body = res.json();
  if (res.statusCode !== 200 || body.rejected.length) throw new Error(`attendance: ${res.statusCode} ${res.body}`);
}

/** The MSME of an enrolled person in a programme. */
export async function msmeOf(db: Db, programmeId: string, personId: string): Promise<string> {
  const rows = await db.select({ msmeId: enrolment.msmeId, programmeId: enrolment.programmeId }).from(enrolment).where(eq(enrolment.personId, personId));
  const row = rows.find((r) => r.programmeId === programmeId);
  if (!row?.msmeId) throw new Error('no msme');
  return row.msmeId;
}
