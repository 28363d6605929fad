import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { can } from '../../core/policy.ts';
import { regionDisplayName } from '../../core/region-name.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { document, partnership, region, site, target } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { copyCurriculum } from '../curriculum/service.ts';
import { authorizeProgramme } from './access.ts';
import type { ProgrammeView, ReplicateProgrammeInput } from './schema.ts';
import { getProgramme, insertProgramme } from './service.ts';

type SiteType = (typeof site.$inferSelect)['type'];

function mostCommon(types: SiteType[]): SiteType | undefined {
  const counts = new Map<SiteType, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Copies a programme's structure to new places, as Jalin Nusantara went from Labuan Bajo
 * to seven more cities: same owner and partners (with their MoUs), programme-wide targets
 * as a template, the curriculum and learning path, and one site per new region. Participants
 * and activity (sessions, attendance) are not copied.
 */
export async function replicateProgramme(options: { db: Db; actor: SessionActor; sourceId: string; input: ReplicateProgrammeInput }): Promise<ProgrammeView> {
  const { db, actor, sourceId, input } = options;
  if (!can(actor, 'programme.create')) throw new AppError('forbidden', 'errors.forbidden');
  const regionCodes = [...new Set(input.regionCodes)];
  try {
    const newId = await db.transaction(async (tx) => {
      const source = await authorizeProgramme(tx, actor, sourceId, 'programme.replicate');
      const regions = await tx.select({ code: region.code, name: region.name }).from(region).where(inArray(region.code, regionCodes));
      const known = new Map(regions.map((r) => [r.code, r.name]));
      const unknownIndex = regionCodes.findIndex((c) => !known.has(c));
      if (unknownIndex >= 0) {
        throw new AppError('validation', 'errors.validation', { fields: { [`regionCodes.${unknownIndex}`]: 'errors.field.regionUnknown' } });
      }

      const id = await insertProgramme(tx, actor, {
        code: input.code,
        name: input.name,
        description: source.description,
        ownerOrganisationId: source.ownerOrganisationId,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        status: 'draft',
        replicatedFromId: source.id,
      });

      if (input.copyPartners) {
        const partners = await tx
          .select({ partnership, doc: document })
          .from(partnership)
          .leftJoin(document, eq(document.id, partnership.mouDocumentId))
          .where(and(eq(partnership.programmeId, source.id), isNull(partnership.archivedAt)));
        for (const { partnership: p, doc } of partners) {
          let mouDocumentId: string | null = null;
          if (doc) {
            const [copy] = await tx
              .insert(document)
              .values({ programmeId: id, filename: doc.filename, contentType: doc.contentType, size: doc.size, sha256: doc.sha256, content: doc.content, createdBy: actor.userId })
              .returning({ id: document.id });
            mouDocumentId = copy?.id ?? null;
          }
          await tx.insert(partnership).values({
            programmeId: id,
            organisationId: p.organisationId,
            role: p.role,
            mouNumber: p.mouNumber,
            mouSignedOn: p.mouSignedOn,
            mouScope: p.mouScope,
            mouDocumentId,
          });
        }
      }

      const sourceSites = await tx.select({ type: site.type }).from(site).where(and(eq(site.programmeId, source.id), isNull(site.archivedAt)));
      const siteType = input.siteType ?? mostCommon(sourceSites.map((s) => s.type)) ?? 'kabupaten_kota';
      await tx.insert(site).values(regionCodes.map((code) => ({ programmeId: id, name: regionDisplayName(known.get(code) ?? code), type: siteType, regionCode: code })));

      if (input.copyTargets) {
        const targets = await tx
          .select()
          .from(target)
          .where(and(eq(target.programmeId, source.id), isNull(target.archivedAt), isNull(target.siteId), isNull(target.regionCode)));
        if (targets.length > 0) {
          await tx.insert(target).values(
            targets.map((t) => ({ programmeId: id, indicator: t.indicator, value: t.value, sector: t.sector, gender: t.gender, notes: t.notes, sortOrder: t.sortOrder })),
          );
        }
      }

      // The curriculum and learning path travel with the programme (sessions and participants do not).
      const modulesCopied = await copyCurriculum(tx, { fromProgrammeId: source.id, toProgrammeId: id, actorUserId: actor.userId });

      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'programme.replicate',
        entityType: 'programme',
        entityId: id,
        programmeId: id,
        details: { sourceId: source.id, code: input.code, regionCodes, modulesCopied },
      });
      return id;
    });
    return getProgramme({ db, actor, id: newId });
  } catch (error) {
    if (isUniqueViolation(error, 'programme_code_uq')) throw new AppError('conflict', 'errors.validation', { fields: { code: 'errors.field.programmeCodeTaken' } });
    throw error;
  }
}
