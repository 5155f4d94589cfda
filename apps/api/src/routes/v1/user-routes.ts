// People: listing who the caller may see, reading one, and admin changes (roles and
// managers, deactivation and reactivation, password-reset links).
import {
  CreatedUserWithSetupSchema,
  CreateUserBodySchema,
  PasswordResetLinkSchema,
  UpdateUserBodySchema,
  UserListSchema,
  UserParamsSchema,
  UserSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Env, webOrigin } from '../../env';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { resolveUserRef } from '../../services/access';
import { passwordAllowed, passwordGuard } from '../../services/sso/password-policy';
import { deactivateUser, reactivateUser } from '../../services/users/deactivate-user';
import { createUserAsAdmin, updateUser } from '../../services/users/manage-users';
import { listReadableUsers, readUser } from '../../services/users/read-users';
import { issuePasswordReset } from '../../services/users/reset-password';
import { mailSetupLink } from '../../services/users/setup-mail';

const userRoutes: FastifyPluginAsyncZod<{ config: Env }> = async (fastify, { config }) => {
  const assertPasswordAllowed = passwordGuard(config);

  fastify.get(
    '',
    {
      schema: {
        tags: ['users'],
        summary: 'Admins: everyone. Others: themselves and their direct reports',
        response: { 200: UserListSchema, ...problems(401) },
      },
    },
    async (request) => listReadableUsers(fastify.prisma, request.caller),
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'A user: yourself (or `me`), your direct report, or anyone for admins',
        params: UserParamsSchema,
        response: { 200: UserSchema, ...problems(401, 404) },
      },
    },
    async (request) => readUser(fastify.prisma, request.caller, request.params.id),
  );

  fastify.post(
    '',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary:
          'Create a user (admin). With `password`: the user. Without: `{user, setupUrl, expiresAt, mailed}`, a one-time link (7 days) where the person chooses their password, mailed to them when mail is set up (no link under SSO_ONLY)',
        body: CreateUserBodySchema,
        response: {
          201: z.union([UserSchema, CreatedUserWithSetupSchema]),
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const created = await createUserAsAdmin(fastify.prisma, request.caller, request.body, {
        origin: webOrigin(config),
        passwordAllowed: (role) => passwordAllowed(config, role),
        assertPasswordAllowed,
      });
      if (!('user' in created)) return reply.code(201).send(created);
      const mailed =
        created.setupUrl !== null && created.expiresAt !== null
          ? await mailSetupLink(
              fastify.mailer,
              created.user,
              { url: created.setupUrl, expiresAt: created.expiresAt },
              request.log,
            )
          : false;
      return reply.code(201).send({ ...created, mailed });
    },
  );

  fastify.patch(
    '/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary:
          'Change name, role or manager (admin); `managerId: null` clears the manager. Demoting the last active admin, or a manager who still has reports to engineer → 409',
        params: UserParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const id = resolveUserRef(request.caller, request.params.id);
      return updateUser(fastify.prisma, request.caller.id, id, request.body);
    },
  );

  fastify.post(
    '/:id/deactivate',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary:
          'Deactivate an account (admin): every session and token of theirs stops at once; 409 while they manage someone or are the last active admin',
        params: UserParamsSchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      deactivateUser(
        fastify.prisma,
        request.caller.id,
        resolveUserRef(request.caller, request.params.id),
      ),
  );

  fastify.post(
    '/:id/reactivate',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: 'Reactivate an account (admin): the person can sign in again',
        params: UserParamsSchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      reactivateUser(
        fastify.prisma,
        request.caller.id,
        resolveUserRef(request.caller, request.params.id),
      ),
  );

  fastify.post(
    '/:id/password-reset',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary:
          'Issue a one-time password-reset link (admin), valid 24 hours and shown this once; 409 for a deactivated account; 403 under SSO_ONLY (for admins too unless SSO_BREAK_GLASS)',
        params: UserParamsSchema,
        response: { 201: PasswordResetLinkSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const link = await issuePasswordReset(
        fastify.prisma,
        request.caller.id,
        resolveUserRef(request.caller, request.params.id),
        webOrigin(config),
        assertPasswordAllowed,
      );
      return reply.code(201).send(link);
    },
  );
};

export default userRoutes;
