import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { curriculumModule, organisation, partnership, programme, site, target } from '../../db/schema/index.ts';
import { writeLearningPath } from '../curriculum/service.ts';
import { loadDemoContext } from '../destination/demo-context.ts';
import { recordAudit } from '../audit/service.ts';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES } from './demo-data.ts';

export type DemoResult = { created: string[]; skipped: string[] };

/** Loads the seed programmes; programmes whose code already exists are left as they are. */
export async function loadDemo(db: Db): Promise<DemoResult> {
  return db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGANISATIONS) {
      const [existing] = await tx.select({ id: organisation.id }).from(organisation).where(sql`lower(${organisation.name}) = lower(${o.name})`);
      const id =
        existing?.id ??
        (await tx.insert(organisation).values({ name: o.name, shortName: o.shortName, kind: o.kind, website: o.website ?? null }).returning({ id: organisation.id }))[0]?.id;
      if (!id) throw new Error(`could not create organisation ${o.key}`);
      orgIds.set(o.key, id);
    }
    const org = (key: string) => {
      const id = orgIds.get(key);
      if (!id) throw new Error(`demo data names unknown organisation ${key}`);
      return id;
    };

    const result: DemoResult = { created: [], skipped: [] };
    for (const p of DEMO_PROGRAMMES) {
      const [existing] = await tx.select({ id: programme.id }).from(programme).where(eq(programme.code, p.code));
      if (existing) {
        result.skipped.push(p.code);
        continue;
      }
      const [created] = await tx
        .insert(programme)
        .values({ code: p.code, name: p.name, description: p.description, ownerOrganisationId: org(p.owner), startDate: p.startDate, endDate: p.endDate, status: p.status })
        .returning({ id: programme.id });
      if (!created) throw new Error(`could not create programme ${p.code}`);
      const programmeId = created.id;
      if (p.partners.length) {
        await tx.insert(partnership).values(
          p.partners.map((pa) => ({
            programmeId,
            organisationId: org(pa.org),
            role: pa.role,
            mouNumber: pa.mouNumber ?? null,
            mouSignedOn: pa.mouSignedOn ?? null,
            mouScope: pa.mouScope ?? null,
          })),
        );
      }
      await tx.insert(site).values(p.sites.map((s) => ({ programmeId, ...s })));
      await loadDemoContext(tx, p.code, programmeId);
      if (p.targets.length) {
        await tx.insert(target).values(p.targets.map((t, i) => ({ programmeId, indicator: t.indicator, value: t.value, sector: t.sector ?? null, notes: t.notes ?? null, sortOrder: i })));
      }
      if (p.modules?.length) {
        const modules = await tx
          .insert(curriculumModule)
          .values(p.modules.map((m) => ({ programmeId, code: m.code, titleId: m.titleId, titleEn: m.titleEn, topic: m.topic, durationMinutes: m.durationMinutes, description: m.description })))
          .returning({ id: curriculumModule.id, code: curriculumModule.code });
        const idOf = new Map(modules.map((m) => [m.code, m.id]));
        await writeLearningPath(tx, programmeId, { moduleIds: p.modules.map((m) => idOf.get(m.code) as string), completionMinPercent: p.completionMinPercent ?? 80 });
      }
      await recordAudit(tx, { actorUserId: null, action: 'demo.load', entityType: 'programme', entityId: programmeId, programmeId, details: { code: p.code } });
      result.created.push(p.code);
    }
    return result;
  });
}

export async function hasAnyProgramme(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: programme.id }).from(programme).limit(1);
  return Boolean(row);
}
