import type { FastifyRequest } from 'fastify';
import { GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { inviteResponse, inviteUserBody, listUsersQuery, updateUserBody, userList, userView } from './schema.ts';
import { inviteUser, listUsers, reissueInvite, updateUser } from './service.ts';

/** The token travels in the URL fragment, which browsers never send to the server (so it never reaches logs). */
export function registerUserRoutes(app: ApiApp, ctx: AppContext): void {
  const inviteUrl = (request: FastifyRequest, token: string) => `${ctx.config.publicUrl ?? `${request.protocol}://${request.host}`}/invite#${token}`;
  const admins = { roles: GLOBAL_ACTION_ROLES['user.manage'] };

  app.get(
    '/api/users',
    { config: { access: { roles: GLOBAL_ACTION_ROLES['user.read'] } }, schema: { tags: ['users'], summary: 'Accounts', querystring: listUsersQuery, response: { 200: userList } } },
    async (request) => listUsers({ db: ctx.db, actor: actorOf(request), query: request.query }),
  );
  app.post(
    '/api/users',
    {
      config: { access: admins },
      schema: { tags: ['users'], summary: 'Invite a user: creates the account and returns a one-time link to set a password', body: inviteUserBody, response: { 201: inviteResponse } },
    },
    async (request, reply) => {
      const { user, token } = await inviteUser({ db: ctx.db, actor: actorOf(request), input: request.body });
      return reply.status(201).send({ user, inviteUrl: inviteUrl(request, token) });
    },
  );
  app.patch(
    '/api/users/:id',
    { config: { access: admins }, schema: { tags: ['users'], summary: 'Change role, organisation, programmes or deactivate', params: idParams, body: updateUserBody, response: { 200: userView } } },
    async (request) => updateUser({ db: ctx.db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/api/users/:id/invite',
    { config: { access: admins }, schema: { tags: ['users'], summary: 'Issue a new invitation link', params: idParams, response: { 200: inviteResponse } } },
    async (request) => {
      const { user, token } = await reissueInvite({ db: ctx.db, actor: actorOf(request), id: request.params.id });
      return { user, inviteUrl: inviteUrl(request, token) };
    },
  );
}
