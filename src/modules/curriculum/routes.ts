import { AppError } from '../../core/app-error.ts';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { createModuleBody, learningPathBody, learningPathView, listModulesQuery, materialLinkBody, materialParams, moduleList, moduleParams, moduleView, updateModuleBody } from './schema.ts';
import { addMaterialFile, addMaterialLink, createModule, getLearningPath, listModules, readMaterialFile, removeMaterial, setLearningPath, updateModule } from './service.ts';

const managers = ['admin', 'program_manager'] as const;
const MATERIAL_MAX_BYTES = 10 * 1024 * 1024;

export function registerCurriculumRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/modules',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['curriculum'], summary: "A programme's curriculum modules with their materials", params: idParams, querystring: listModulesQuery, response: { 200: moduleList } } },
    async (request) => listModules({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, includeArchived: request.query.includeArchived }),
  );
  app.post(
    '/api/programs/:id/modules',
    { config: { access: { roles: managers } }, schema: { tags: ['curriculum'], summary: 'Add a module (code unique in the programme)', params: idParams, body: createModuleBody, response: { 201: moduleView } } },
    async (request, reply) => reply.status(201).send(await createModule({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body })),
  );
  app.patch(
    '/api/programs/:id/modules/:moduleId',
    { config: { access: { roles: managers } }, schema: { tags: ['curriculum'], summary: 'Edit, archive or restore a module', params: moduleParams, body: updateModuleBody, response: { 200: moduleView } } },
    async (request) => updateModule({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, moduleId: request.params.moduleId, input: request.body }),
  );
  app.post(
    '/api/programs/:id/modules/:moduleId/materials',
    { config: { access: { roles: managers } }, schema: { tags: ['curriculum'], summary: 'Add a link as material', params: moduleParams, body: materialLinkBody, response: { 201: moduleView } } },
    async (request, reply) =>
      reply.status(201).send(await addMaterialLink({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, moduleId: request.params.moduleId, input: request.body })),
  );
  app.post(
    '/api/programs/:id/modules/:moduleId/materials/file',
    {
      config: { access: { roles: managers } },
      schema: { tags: ['curriculum'], summary: 'Upload a file as material (multipart: `file`, optional `title`; at most 10 MB)', params: moduleParams, response: { 201: moduleView } },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'errors.document.missing');
      const part = await request.file({ limits: { fileSize: MATERIAL_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('bad_request', 'errors.document.missing');
      const content = await part.toBuffer();
      if (content.length === 0) throw new AppError('bad_request', 'errors.document.missing');
      const titleField = part.fields.title;
      const title = titleField && !Array.isArray(titleField) && titleField.type === 'field' ? String(titleField.value) : undefined;
      const view = await addMaterialFile({
        db: ctx.db,
        actor: actorOf(request),
        programmeId: request.params.id,
        moduleId: request.params.moduleId,
        file: { filename: part.filename || 'materi', contentType: part.mimetype || 'application/octet-stream', content, title: title?.slice(0, 200) },
      });
      return reply.status(201).send(view);
    },
  );
  app.delete(
    '/api/programs/:id/modules/:moduleId/materials/:materialId',
    { config: { access: { roles: managers } }, schema: { tags: ['curriculum'], summary: 'Remove a material', params: materialParams, response: { 200: moduleView } } },
    async (request) =>
      removeMaterial({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, moduleId: request.params.moduleId, materialId: request.params.materialId }),
  );
  app.get(
    '/api/programs/:id/modules/:moduleId/materials/:materialId/file',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['curriculum'], summary: 'Download an uploaded material', params: materialParams } },
    async (request, reply) => {
      const file = await readMaterialFile({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, moduleId: request.params.moduleId, materialId: request.params.materialId });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
  app.get(
    '/api/programs/:id/learning-path',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['curriculum'], summary: "The programme's learning path: ordered modules and the completion rule", params: idParams, response: { 200: learningPathView } } },
    async (request) => getLearningPath({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id }),
  );
  app.put(
    '/api/programs/:id/learning-path',
    { config: { access: { roles: managers } }, schema: { tags: ['curriculum'], summary: 'Set the learning path (replaces it)', params: idParams, body: learningPathBody, response: { 200: learningPathView } } },
    async (request) => setLearningPath({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, input: request.body }),
  );
}
