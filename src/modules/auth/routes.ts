import { z } from 'zod';
import { ANY_ROLE } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../server/session-cookie.ts';
import { acceptInviteBody, changePasswordBody, loginBody, loginResponse, meResponse } from './schema.ts';
import { acceptInvite, changePassword, loginUser, logoutEverywhere, logoutSession } from './service.ts';

export function registerAuthRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: loginBody, response: { 200: loginResponse } },
    },
    async (request, reply) => {
      const { token, user } = await loginUser(ctx.db, { ...request.body, previousToken: request.cookies[SESSION_COOKIE] });
      setSessionCookie(reply, request, ctx.config, token);
      return { user };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.undefined() } } },
    async (request, reply) => {
      await logoutSession(ctx.db, actorOf(request));
      clearSessionCookie(reply, request, ctx.config);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout-all',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['auth'], summary: 'Sign out on every device (ends all of the caller\'s sessions)', response: { 204: z.undefined() } } },
    async (request, reply) => {
      await logoutEverywhere(ctx.db, actorOf(request));
      clearSessionCookie(reply, request, ctx.config);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/change-password',
    {
      config: { access: { roles: ANY_ROLE }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change the password (current one required); ends every session and sets a new session cookie',
        body: changePasswordBody,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      const token = await changePassword(ctx.db, { actor: actorOf(request), ...request.body });
      setSessionCookie(reply, request, ctx.config, token);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: { public: true } }, schema: { tags: ['auth'], summary: 'The signed-in user, or null', response: { 200: meResponse } } },
    async (request) => {
      const a = request.actor;
      return { user: a ? { id: a.userId, email: a.email, name: a.name, role: a.role, organisationId: a.organisationId } : null };
    },
  );

  app.post(
    '/api/auth/accept-invite',
    {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Set a password from an invitation link and sign in', body: acceptInviteBody, response: { 200: loginResponse } },
    },
    async (request, reply) => {
      const { token, user } = await acceptInvite(ctx.db, { ...request.body, previousToken: request.cookies[SESSION_COOKIE] });
      setSessionCookie(reply, request, ctx.config, token);
      return { user };
    },
  );
}
