import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { appUser } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/service.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';

export const DEMO_ADMIN_EMAIL = 'admin@berdaya.local';

export type BootstrapResult = { email: string; generatedPassword?: string; created: boolean } | null;

/**
 * The first admin: from BERDAYA_ADMIN_EMAIL/BERDAYA_ADMIN_PASSWORD when set (created once,
 * never overwritten), else — in demo mode, when no admin exists — admin@berdaya.local with a
 * generated password that the caller prints once.
 */
export async function ensureFirstAdmin(db: Db, config: Config, options: { demo: boolean }): Promise<BootstrapResult> {
  if (config.adminEmail && config.adminPassword) {
    const [existing] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, config.adminEmail));
    if (existing) return { email: config.adminEmail, created: false };
    const [created] = await db
      .insert(appUser)
      .values({ email: config.adminEmail, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(config.adminPassword) })
      .returning({ id: appUser.id });
    await recordAudit(db, { actorUserId: null, action: 'user.bootstrap_admin', entityType: 'user', entityId: created?.id ?? null });
    return { email: config.adminEmail, created: true };
  }
  if (!options.demo) return null;
  const [anyAdmin] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.role, 'admin')).limit(1);
  if (anyAdmin) return null;
  const password = generatePassword();
  const [created] = await db
    .insert(appUser)
    .values({ email: DEMO_ADMIN_EMAIL, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) })
    .returning({ id: appUser.id });
  await recordAudit(db, { actorUserId: null, action: 'user.bootstrap_admin', entityType: 'user', entityId: created?.id ?? null });
  return { email: DEMO_ADMIN_EMAIL, generatedPassword: password, created: true };
}
