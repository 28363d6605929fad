import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { appUser, organisation, partnership, programme, site, userProgramme } from '../../src/db/schema/index.ts';
import type { Role } from '../../src/core/policy.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';

export const TEST_PASSWORD = 'rahasia-uji-123';
let passwordHash: Promise<string> | undefined;

const suffix = () => randomBytes(3).toString('hex');

export async function makeOrganisation(db: Db, values: Partial<typeof organisation.$inferInsert> = {}) {
  const [row] = await db
    .insert(organisation)
    .values({ name: `Organisasi Uji ${suffix()}`, kind: 'government', ...values })
    .returning();
  if (!row) throw new Error('no organisation');
  return row;
}

export async function makeProgramme(db: Db, values: Partial<typeof programme.$inferInsert> = {}) {
  const ownerOrganisationId = values.ownerOrganisationId ?? (await makeOrganisation(db)).id;
  const [row] = await db
    .insert(programme)
    .values({ code: `UJI-${suffix().toUpperCase()}`, name: 'Program Uji', status: 'active', ...values, ownerOrganisationId })
    .returning();
  if (!row) throw new Error('no programme');
  return row;
}

export async function makeSite(db: Db, programmeId: string, values: Partial<typeof site.$inferInsert> = {}) {
  const [row] = await db
    .insert(site)
    .values({ programmeId, name: `Lokasi ${suffix()}`, type: 'kabupaten_kota', regionCode: '31.74', ...values })
    .returning();
  if (!row) throw new Error('no site');
  return row;
}

export async function makePartnership(db: Db, programmeId: string, organisationId: string, values: Partial<typeof partnership.$inferInsert> = {}) {
  const [row] = await db.insert(partnership).values({ programmeId, organisationId, role: 'implementing', ...values }).returning();
  if (!row) throw new Error('no partnership');
  return row;
}

export type MakeUserOptions = { role: Role; organisationId?: string | null; programmeIds?: string[]; email?: string; active?: boolean };

export async function makeUser(db: Db, options: MakeUserOptions) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [row] = await db
    .insert(appUser)
    .values({
      email: options.email ?? `${options.role}-${suffix()}@uji.berdaya.id`,
      name: `Pengguna ${options.role}`,
      role: options.role,
      organisationId: options.organisationId ?? null,
      passwordHash: await passwordHash,
      active: options.active ?? true,
    })
    .returning();
  if (!row) throw new Error('no user');
  if (options.programmeIds?.length) await db.insert(userProgramme).values(options.programmeIds.map((programmeId) => ({ userId: row.id, programmeId })));
  return row;
}
