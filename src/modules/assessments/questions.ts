import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { curriculumModule, knowledgeQuestion } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import type { CreateQuestionInput, QuestionView, UpdateQuestionInput } from './schema.ts';

type QuestionRow = typeof knowledgeQuestion.$inferSelect;

export function questionView(q: QuestionRow): QuestionView {
  return {
    id: q.id,
    moduleId: q.moduleId,
    kind: q.kind,
    prompt: { id: q.promptId, en: q.promptEn },
    options: q.options,
    correct: q.correct,
    position: q.position,
    archivedAt: q.archivedAt?.toISOString() ?? null,
  };
}

async function assertModule(db: DbOrTx, programmeId: string, moduleId: string): Promise<void> {
  const [row] = await db.select({ id: curriculumModule.id }).from(curriculumModule).where(and(eq(curriculumModule.id, moduleId), eq(curriculumModule.programmeId, programmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'module' } });
}

/** The live (not archived) questions of a module's test, in order. */
export async function moduleQuestions(db: DbOrTx, programmeId: string, moduleId: string): Promise<QuestionRow[]> {
  return db
    .select()
    .from(knowledgeQuestion)
    .where(and(eq(knowledgeQuestion.programmeId, programmeId), eq(knowledgeQuestion.moduleId, moduleId), isNull(knowledgeQuestion.archivedAt)))
    .orderBy(asc(knowledgeQuestion.position), asc(knowledgeQuestion.createdAt));
}

export async function listQuestions(options: { db: Db; actor: SessionActor; programmeId: string; moduleId: string }) {
  const { db, actor, programmeId, moduleId } = options;
  // The correct answers: organisers only (participants get the questions without them).
  await authorizeProgramme(db, actor, programmeId, 'participant.read');
  await assertModule(db, programmeId, moduleId);
  return { items: (await moduleQuestions(db, programmeId, moduleId)).map(questionView) };
}

export async function createQuestion(options: { db: Db; actor: SessionActor; programmeId: string; moduleId: string; input: CreateQuestionInput }) {
  const { db, actor, programmeId, moduleId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
    await assertModule(tx, programmeId, moduleId);
    const position = input.position ?? (await moduleQuestions(tx, programmeId, moduleId)).length;
    const [row] = await tx
      .insert(knowledgeQuestion)
      .values({ programmeId, moduleId, kind: input.kind, promptId: input.prompt.id, promptEn: input.prompt.en, options: input.options, correct: input.correct, position })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'question.create', entityType: 'question', entityId: row.id, programmeId, details: { moduleId, kind: input.kind } });
    return questionView(row);
  });
}

export async function updateQuestion(options: { db: Db; actor: SessionActor; programmeId: string; questionId: string; input: UpdateQuestionInput }) {
  const { db, actor, programmeId, questionId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'curriculum.manage');
    const [current] = await tx.select().from(knowledgeQuestion).where(and(eq(knowledgeQuestion.id, questionId), eq(knowledgeQuestion.programmeId, programmeId)));
    if (!current) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'question' } });
    const kind = input.kind ?? current.kind;
    const options_ = input.options ?? current.options;
    const correct = input.correct ?? current.correct;
    const keys = new Set(options_.map((o) => o.key));
    if (correct.some((k) => !keys.has(k))) throw new AppError('validation', 'errors.validation', { fields: { correct: 'errors.question.correctUnknown' } });
    if (kind === 'single' && correct.length !== 1) throw new AppError('validation', 'errors.validation', { fields: { correct: 'errors.question.singleOneCorrect' } });
    const [row] = await tx
      .update(knowledgeQuestion)
      .set({
        kind,
        options: options_,
        correct,
        ...(input.prompt ? { promptId: input.prompt.id, promptEn: input.prompt.en } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
        ...(input.archived === false ? { archivedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(knowledgeQuestion.id, questionId))
      .returning();
    if (!row) throw new Error('update returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: input.archived ? 'question.archive' : 'question.update', entityType: 'question', entityId: row.id, programmeId, details: { fields: Object.keys(input) } });
    return questionView(row);
  });
}
