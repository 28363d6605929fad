import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import { organisation } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { createProgrammeBody } from '../../modules/programmes/schema.ts';
import { createProgramme } from '../../modules/programmes/service.ts';
import { openRuntime } from '../../server/runtime.ts';
import { CliError } from '../output.ts';
import { translate } from '../../server/i18n.ts';

export type ProgramCreateOptions = { code: string; name: string; start?: string; end?: string; owner?: string; description?: string; json?: boolean };

/** The organisation named by --owner (name or short name), else the platform operator's own. */
async function ownerOrganisationId(db: Db, owner: string | undefined): Promise<string> {
  if (owner) {
    const [found] = await db
      .select({ id: organisation.id })
      .from(organisation)
      .where(sql`lower(${organisation.name}) = lower(${owner}) or lower(${organisation.shortName}) = lower(${owner})`);
    if (!found) throw new CliError(`Organisasi "${owner}" tidak ditemukan / Organisation "${owner}" not found`);
    return found.id;
  }
  const operator = 'Berdaya (operator platform)';
  const [existing] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, operator));
  if (existing) return existing.id;
  const [created] = await db.insert(organisation).values({ name: operator, shortName: 'Berdaya', kind: 'other' }).returning({ id: organisation.id });
  if (!created) throw new Error('could not create the operator organisation');
  return created.id;
}

export async function programCreateCommand(options: ProgramCreateOptions): Promise<void> {
  const parsed = createProgrammeBody.safeParse({
    code: options.code,
    name: options.name,
    startDate: options.start,
    endDate: options.end,
    description: options.description,
    status: 'draft',
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const field = { startDate: '--start', endDate: '--end', code: '--code', name: '--name' }[String(i.path[0])] ?? String(i.path[0]);
      const msg = i.message.startsWith('errors.') ? `${translate('id', i.message)} / ${translate('en', i.message)}` : i.message;
      return `  ${field}: ${msg}`;
    });
    throw new CliError(`Masukan tidak valid / Invalid input:\n${lines.join('\n')}`);
  }
  const runtime = await openRuntime(loadConfig());
  try {
    const ownerId = await ownerOrganisationId(runtime.db, options.owner);
    const created = await createProgramme({ db: runtime.db, actor: SYSTEM_ACTOR, input: { ...parsed.data, ownerOrganisationId: ownerId } });
    if (options.json) console.log(JSON.stringify(created));
    else console.log(`Program dibuat / Programme created: ${created.code} — ${created.name} (${created.id})`);
  } finally {
    await runtime.close();
  }
}
