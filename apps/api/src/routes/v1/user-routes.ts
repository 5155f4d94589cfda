// People: listing who the caller may see, reading one, and admin changes.
import {
  CreateUserBodySchema,
  UpdateUserBodySchema,
  UserListSchema,
  UserRefSchema,
  UserSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { findReadableUser } from '../../services/access';
import { toUserDto } from '../../services/accounts';
import { createUserAsAdmin, updateUser } from '../../services/manage-users';

const UserParams = z.strictObject({ id: UserRefSchema });

const userRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['users'],
        summary: 'Admins: everyone. Others: themselves and their direct reports',
        response: { 200: UserListSchema, ...problems(401) },
      },
    },
    async (request) => {
      const { caller } = request;
      const users = await fastify.prisma.user.findMany({
        where: caller.role === 'admin' ? {} : { OR: [{ id: caller.id }, { managerId: caller.id }] },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
      return { items: users.map(toUserDto) };
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'A user: yourself (or `me`), your direct report, or anyone for admins',
        params: UserParams,
        response: { 200: UserSchema, ...problems(401, 404) },
      },
    },
    async (request) =>
      toUserDto(await findReadableUser(fastify.prisma, request.caller, request.params.id)),
  );

  fastify.post(
    '',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: CreateUserBodySchema,
        response: { 201: UserSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(toUserDto(await createUserAsAdmin(fastify.prisma, request.body))),
  );

  fastify.patch(
    '/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: 'Change name, role or manager (admin); `managerId: null` clears the manager',
        params: UserParams,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const id = request.params.id === 'me' ? request.caller.id : request.params.id;
      return toUserDto(await updateUser(fastify.prisma, id, request.body));
    },
  );
};

export default userRoutes;
