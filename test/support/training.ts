import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { curriculumModule, enrolment, msme, person } from '../../src/db/schema/index.ts';
import { protectPerson } from '../../src/modules/personal-data/values.ts';
import { claimNextJob } from '../../src/modules/jobs/service.ts';
import { runJob } from '../../src/modules/jobs/runner.ts';
import { JOB_HANDLERS } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';

let serial = 0;

export type PersonSpec = {
  name?: string;
  /** 16 digits; the person's registry key is then the NIK's. */
  nik?: string | null;
  phone?: string | null;
  email?: string | null;
  gender?: 'female' | 'male' | null;
  businessName?: string;
  sector?: string;
  regencyCode?: string;
  active?: boolean | null;
  willing?: boolean | null;
};

/** People enrolled in a programme, straight into the registry (one person, MSME and enrolment each). */
export async function enrolPeople(db: Db, programmeId: string, specs: PersonSpec[]): Promise<string[]> {
  const ids: string[] = [];
  for (const spec of specs) {
    serial += 1;
    const phone = spec.phone === undefined ? `+62813${String(serial).padStart(8, '0')}` : spec.phone;
    const stored = protectPerson({ nik: spec.nik ?? null, phone: phone ?? `+62899${String(randomBytes(4).readUInt32BE()).padStart(10, '0')}` });
    const key = stored.key;
    const [p] = await db
      .insert(person)
      .values({ ...stored, phoneCipher: phone ? stored.phoneCipher : null, phoneHash: phone ? stored.phoneHash : null, name: spec.name ?? `Peserta ${serial}`, email: spec.email ?? null, gender: spec.gender ?? 'female' })
      .returning({ id: person.id });
    if (!p) throw new Error('no person');
    const regency = spec.regencyCode ?? '53.15';
    const [m] = await db
      .insert(msme)
      .values({ key, ownerPersonId: p.id, businessName: spec.businessName ?? `Usaha ${serial}`, sector: spec.sector ?? 'kuliner', regencyCode: regency, provinceCode: regency.slice(0, 2) })
      .returning({ id: msme.id });
    await db.insert(enrolment).values({ programmeId, personId: p.id, msmeId: m?.id ?? null, source: 'import', active: spec.active === undefined ? true : spec.active, willing: spec.willing === undefined ? true : spec.willing });
    ids.push(p.id);
  }
  return ids;
}

export async function makeModule(db: Db, programmeId: string, values: Partial<typeof curriculumModule.$inferInsert> = {}) {
  serial += 1;
  const [row] = await db
    .insert(curriculumModule)
    .values({ programmeId, code: `M-${serial}`, titleId: `Modul ${serial}`, titleEn: `Module ${serial}`, topic: 'literasi_digital', durationMinutes: 60, ...values })
    .returning();
  if (!row) throw new Error('no module');
  return row;
}

/** Runs every queued durable job in this process, as the server's job runner would. */
export async function runQueuedJobs(ctx: AppContext): Promise<void> {
  for (;;) {
    const next = await claimNextJob(ctx.db, Object.keys(JOB_HANDLERS));
    if (!next) return;
    await runJob(ctx.database, JOB_HANDLERS, next);
  }
}

/** A fresh client-side id, as the trainer app generates them. */
export function clientId(): string {
  return crypto.randomUUID();
}
