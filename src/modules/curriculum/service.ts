import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { DEFAULT_COMPLETION_PERCENT } from '../../core/completion.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { curriculumModule, document, learningPath, learningPathModule, moduleMaterial } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import type { CreateModuleInput, LearningPathInput, LearningPathView, MaterialLinkInput, MaterialView, ModuleView, UpdateModuleInput } from './schema.ts';

type ModuleRow = typeof curriculumModule.$inferSelect;

function codeTaken(): AppError {
  return new AppError('conflict', 'errors.validation', { fields: { code: 'errors.field.moduleCodeTaken' } });
}

function moduleNotFound(): AppError {
  return new AppError('not_found', 'errors.notFound', { params: { entity: 'module' } });
}

/** Modules of a programme as views, with their materials and path positions. */
async function moduleViews(db: DbOrTx, programmeId: string, rows: ModuleRow[]): Promise<ModuleView[]> {
  const ids = rows.map((r) => r.id);
  const materials = ids.length
    ? await db
        .select({ material: moduleMaterial, filename: document.filename, contentType: document.contentType, size: document.size })
        .from(moduleMaterial)
        .leftJoin(document, eq(document.id, moduleMaterial.documentId))
        .where(inArray(moduleMaterial.moduleId, ids))
        .orderBy(asc(moduleMaterial.sortOrder), asc(moduleMaterial.createdAt))
    : [];
  const positions = new Map(
    (await db.select().from(learningPathModule).where(eq(learningPathModule.programmeId, programmeId))).map((p) => [p.moduleId, p.position]),
  );
  return rows.map((m) => ({
    id: m.id,
    programmeId: m.programmeId,
    code: m.code,
    title: { id: m.titleId, en: m.titleEn },
    topic: m.topic,
    durationMinutes: m.durationMinutes,
    description: m.description,
    materials: materials
      .filter((x) => x.material.moduleId === m.id)
      .map(
        (x): MaterialView => ({
          id: x.material.id,
          title: x.material.title,
          kind: x.material.kind,
          url: x.material.url,
          file: x.material.documentId ? { documentId: x.material.documentId, filename: x.filename ?? '', contentType: x.contentType ?? '', size: x.size ?? 0 } : null,
        }),
      ),
    pathPosition: positions.get(m.id) ?? null,
    archivedAt: m.archivedAt?.toISOString() ?? null,
  }));
}

async function moduleRow(db: DbOrTx, programmeId: string, moduleId: string): Promise<ModuleRow> {
  const [row] = await db.select().from(curriculumModule).where(and(eq(curriculumModule.id, moduleId), eq(curriculumModule.programmeId, programmeId)));
  if (!row) throw moduleNotFound();
  return row;
}

async function moduleById(db: DbOrTx, programmeId: string, moduleId: string): Promise<ModuleView> {
  const [view] = await moduleViews(db, programmeId, [await moduleRow(db, programmeId, moduleId)]);
  if (!view) throw moduleNotFound();
  return view;
}

export async function listModules(options: { db: Db; actor: SessionActor; programmeId: string; includeArchived?: boolean }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const rows = await db
    .select()
    .from(curriculumModule)
    .where(and(eq(curriculumModule.programmeId, programmeId), options.includeArchived ? undefined : isNull(curriculumModule.archivedAt)))
    .orderBy(asc(curriculumModule.code));
  const items = await moduleViews(db, programmeId, rows);
  return { items, total: items.length };
}

async function insertLinks(tx: DbOrTx, programmeId: string, moduleId: string, links: MaterialLinkInput[]): Promise<void> {
  if (links.length === 0) return;
  const [last] = await tx.select({ n: max(moduleMaterial.sortOrder) }).from(moduleMaterial).where(eq(moduleMaterial.moduleId, moduleId));
  const start = (last?.n ?? -1) + 1;
  await tx.insert(moduleMaterial).values(links.map((l, i) => ({ programmeId, moduleId, title: l.title, kind: 'link' as const, url: l.url, sortOrder: start + i })));
}

export async function createModule(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateModuleInput }): Promise<ModuleView> {
  const { db, actor, programmeId, input } = options;
  try {
    return await db.transaction(async (tx) => {
      await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
      const [taken] = await tx.select({ id: curriculumModule.id }).from(curriculumModule).where(and(eq(curriculumModule.programmeId, programmeId), eq(curriculumModule.code, input.code)));
      if (taken) throw codeTaken();
      const [created] = await tx
        .insert(curriculumModule)
        .values({ programmeId, code: input.code, titleId: input.title.id, titleEn: input.title.en, topic: input.topic, durationMinutes: input.durationMinutes, description: input.description ?? null })
        .returning({ id: curriculumModule.id });
      if (!created) throw new Error('insert returned no row');
      await insertLinks(tx, programmeId, created.id, input.materials);
      await recordAudit(tx, { actorUserId: actor.userId, action: 'module.create', entityType: 'module', entityId: created.id, programmeId, details: { code: input.code, topic: input.topic } });
      return moduleById(tx, programmeId, created.id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'curriculum_module_programme_code_uq')) throw codeTaken();
    throw error;
  }
}

export async function updateModule(options: { db: Db; actor: SessionActor; programmeId: string; moduleId: string; input: UpdateModuleInput }): Promise<ModuleView> {
  const { db, actor, programmeId, moduleId, input } = options;
  try {
    return await db.transaction(async (tx) => {
      await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
      const current = await moduleRow(tx, programmeId, moduleId);
      if (input.code && input.code !== current.code) {
        const [taken] = await tx.select({ id: curriculumModule.id }).from(curriculumModule).where(and(eq(curriculumModule.programmeId, programmeId), eq(curriculumModule.code, input.code)));
        if (taken) throw codeTaken();
      }
      if (input.archived === true) {
        const [inPath] = await tx.select({ one: sql`1` }).from(learningPathModule).where(eq(learningPathModule.moduleId, moduleId));
        if (inPath) throw new AppError('conflict', 'errors.curriculum.moduleInPath');
      }
      await tx
        .update(curriculumModule)
        .set({
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.title?.id !== undefined ? { titleId: input.title.id } : {}),
          ...(input.title?.en !== undefined ? { titleEn: input.title.en } : {}),
          ...(input.topic !== undefined ? { topic: input.topic } : {}),
          ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
          ...(input.archived === false ? { archivedAt: null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(curriculumModule.id, moduleId));
      const action = input.archived === true ? 'module.archive' : input.archived === false ? 'module.restore' : 'module.update';
      await recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'module', entityId: moduleId, programmeId, details: { fields: Object.keys(input) } });
      return moduleById(tx, programmeId, moduleId);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'curriculum_module_programme_code_uq')) throw codeTaken();
    throw error;
  }
}

export async function addMaterialLink(options: { db: Db; actor: SessionActor; programmeId: string; moduleId: string; input: MaterialLinkInput }): Promise<ModuleView> {
  const { db, actor, programmeId, moduleId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
    await moduleRow(tx, programmeId, moduleId);
    await insertLinks(tx, programmeId, moduleId, [input]);
    await recordAudit(tx, { actorUserId: actor.userId, action: 'module.material_add', entityType: 'module', entityId: moduleId, programmeId, details: { kind: 'link' } });
    return moduleById(tx, programmeId, moduleId);
  });
}

/** Stores an uploaded file in `document` and lists it as a material of the module. */
export async function addMaterialFile(options: {
  db: Db;
  actor: SessionActor;
  programmeId: string;
  moduleId: string;
  file: { filename: string; contentType: string; content: Buffer; title?: string };
}): Promise<ModuleView> {
  const { db, actor, programmeId, moduleId, file } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
    await moduleRow(tx, programmeId, moduleId);
    const [doc] = await tx
      .insert(document)
      .values({
        programmeId,
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        content: file.content,
        createdBy: actor.userId,
      })
      .returning({ id: document.id });
    if (!doc) throw new Error('insert returned no row');
    const [last] = await tx.select({ n: max(moduleMaterial.sortOrder) }).from(moduleMaterial).where(eq(moduleMaterial.moduleId, moduleId));
    await tx.insert(moduleMaterial).values({ programmeId, moduleId, title: file.title?.trim() || file.filename, kind: 'file', documentId: doc.id, sortOrder: (last?.n ?? -1) + 1 });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'module.material_add', entityType: 'module', entityId: moduleId, programmeId, details: { kind: 'file', documentId: doc.id, size: file.content.length } });
    return moduleById(tx, programmeId, moduleId);
  });
}

export async function removeMaterial(options: { db: Db; actor: SessionActor; programmeId: string; moduleId: string; materialId: string }): Promise<ModuleView> {
  const { db, actor, programmeId, moduleId, materialId } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
    const removed = await tx
      .delete(moduleMaterial)
      .where(and(eq(moduleMaterial.id, materialId), eq(moduleMaterial.moduleId, moduleId), eq(moduleMaterial.programmeId, programmeId)))
      .returning({ id: moduleMaterial.id });
    if (removed.length === 0) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'material' } });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'module.material_remove', entityType: 'module', entityId: moduleId, programmeId, details: { materialId } });
    return moduleById(tx, programmeId, moduleId);
  });
}

/** A material file's content, for anyone who sees the programme (materials are not personal data). */
export async function readMaterialFile(options: { db: Db; actor: SessionActor; programmeId: string; moduleId: string; materialId: string }) {
  const { db, actor, programmeId, moduleId, materialId } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const [row] = await db
    .select({ filename: document.filename, contentType: document.contentType, content: document.content })
    .from(moduleMaterial)
    .innerJoin(document, eq(document.id, moduleMaterial.documentId))
    .where(and(eq(moduleMaterial.id, materialId), eq(moduleMaterial.moduleId, moduleId), eq(moduleMaterial.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'material' } });
  return row;
}

/** The learning path as stored; a programme without one has an empty path and the default rule. */
export async function learningPathOf(db: DbOrTx, programmeId: string): Promise<LearningPathView> {
  const [path] = await db.select().from(learningPath).where(eq(learningPath.programmeId, programmeId));
  const entries = await db
    .select({ position: learningPathModule.position, module: curriculumModule })
    .from(learningPathModule)
    .innerJoin(curriculumModule, eq(curriculumModule.id, learningPathModule.moduleId))
    .where(eq(learningPathModule.programmeId, programmeId))
    .orderBy(asc(learningPathModule.position));
  const views = await moduleViews(db, programmeId, entries.map((e) => e.module));
  return {
    programmeId,
    completionMinPercent: path?.completionMinPercent ?? DEFAULT_COMPLETION_PERCENT,
    totalMinutes: entries.reduce((sum, e) => sum + e.module.durationMinutes, 0),
    modules: entries.map((e, i) => ({ position: e.position, module: views[i] as ModuleView })),
  };
}

export async function getLearningPath(options: { db: Db; actor: SessionActor; programmeId: string }): Promise<LearningPathView> {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'programme.read');
  return learningPathOf(options.db, options.programmeId);
}

/** Writes the path (modules in order and the rule), replacing what was there. */
export async function writeLearningPath(tx: DbOrTx, programmeId: string, input: LearningPathInput): Promise<void> {
  await tx
    .insert(learningPath)
    .values({ programmeId, completionMinPercent: input.completionMinPercent })
    .onConflictDoUpdate({ target: learningPath.programmeId, set: { completionMinPercent: input.completionMinPercent, updatedAt: new Date() } });
  await tx.delete(learningPathModule).where(eq(learningPathModule.programmeId, programmeId));
  if (input.moduleIds.length) await tx.insert(learningPathModule).values(input.moduleIds.map((moduleId, i) => ({ programmeId, moduleId, position: i + 1 })));
}

export async function setLearningPath(options: { db: Db; actor: SessionActor; programmeId: string; input: LearningPathInput }): Promise<LearningPathView> {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
    const known = input.moduleIds.length
      ? await tx
          .select({ id: curriculumModule.id })
          .from(curriculumModule)
          .where(and(eq(curriculumModule.programmeId, programmeId), inArray(curriculumModule.id, input.moduleIds), isNull(curriculumModule.archivedAt)))
      : [];
    const knownIds = new Set(known.map((k) => k.id));
    const unknownIndex = input.moduleIds.findIndex((id) => !knownIds.has(id));
    if (unknownIndex >= 0) throw new AppError('validation', 'errors.validation', { fields: { [`moduleIds.${unknownIndex}`]: 'errors.field.moduleUnknown' } });
    await writeLearningPath(tx, programmeId, input);
    await recordAudit(tx, { actorUserId: actor.userId, action: 'learning_path.update', entityType: 'learning_path', entityId: programmeId, programmeId, details: { moduleIds: input.moduleIds, completionMinPercent: input.completionMinPercent } });
    return learningPathOf(tx, programmeId);
  });
}

/**
 * Copies a programme's curriculum (modules with their materials, files included) and learning
 * path into another programme; used by "replicate programme". Archived modules stay behind.
 */
export async function copyCurriculum(tx: DbOrTx, options: { fromProgrammeId: string; toProgrammeId: string; actorUserId: string }): Promise<number> {
  const { fromProgrammeId, toProgrammeId } = options;
  const modules = await tx.select().from(curriculumModule).where(and(eq(curriculumModule.programmeId, fromProgrammeId), isNull(curriculumModule.archivedAt)));
  const idMap = new Map<string, string>();
  for (const m of modules) {
    const [copy] = await tx
      .insert(curriculumModule)
      .values({ programmeId: toProgrammeId, code: m.code, titleId: m.titleId, titleEn: m.titleEn, topic: m.topic, durationMinutes: m.durationMinutes, description: m.description })
      .returning({ id: curriculumModule.id });
    if (!copy) throw new Error('insert returned no row');
    idMap.set(m.id, copy.id);
  }
  if (modules.length) {
    const materials = await tx.select({ material: moduleMaterial, doc: document }).from(moduleMaterial).leftJoin(document, eq(document.id, moduleMaterial.documentId)).where(inArray(moduleMaterial.moduleId, [...idMap.keys()]));
    for (const { material, doc } of materials) {
      let documentId: string | null = null;
      if (doc) {
        const [copy] = await tx
          .insert(document)
          .values({ programmeId: toProgrammeId, filename: doc.filename, contentType: doc.contentType, size: doc.size, sha256: doc.sha256, content: doc.content, createdBy: options.actorUserId })
          .returning({ id: document.id });
        documentId = copy?.id ?? null;
      }
      await tx.insert(moduleMaterial).values({ programmeId: toProgrammeId, moduleId: idMap.get(material.moduleId) as string, title: material.title, kind: material.kind, url: material.url, documentId, sortOrder: material.sortOrder });
    }
  }
  const source = await learningPathOf(tx, fromProgrammeId);
  const [hasPath] = await tx.select({ one: sql`1` }).from(learningPath).where(eq(learningPath.programmeId, fromProgrammeId));
  if (hasPath) {
    const moduleIds = source.modules.map((e) => idMap.get(e.module.id)).filter((id): id is string => Boolean(id));
    await writeLearningPath(tx, toProgrammeId, { moduleIds, completionMinPercent: source.completionMinPercent });
  }
  return modules.length;
}
