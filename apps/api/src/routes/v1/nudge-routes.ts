// Nudges: the caller's preferences (GET/PUT /me/preferences) and running a scheduled job
// now (POST /admin/jobs/:name/run, admins). Registered without a prefix in the protected
// tree; the unsubscribe link's routes need no sign-in (unsubscribe-routes.ts).
import {
  JobRunSchema,
  PreferencesSchema,
  PutPreferencesBodySchema,
  RunJobBodySchema,
  RunJobParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findJob } from '../../jobs/registry';
import { runJob } from '../../jobs/runner';
import { notFound } from '../../lib/problem';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { jobContextOf } from '../../plugins/app/jobs';
import { readPreferences, updatePreferences } from '../../services/preferences';

const nudgeRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/me/preferences',
    {
      schema: {
        tags: ['nudges'],
        summary:
          'Your message preferences: the weekly reminder (and its local day and hour), the manager digest, notifications by email',
        response: { 200: PreferencesSchema, ...problems(401) },
      },
    },
    async (request) => readPreferences(fastify.prisma, request.caller.id),
  );

  fastify.put(
    '/me/preferences',
    {
      schema: {
        tags: ['nudges'],
        summary: 'Change your message preferences; fields left out keep their value',
        body: PutPreferencesBodySchema,
        response: { 200: PreferencesSchema, ...problems(400, 401) },
      },
    },
    async (request) => updatePreferences(fastify.prisma, request.caller.id, request.body),
  );

  fastify.post(
    '/admin/jobs/:name/run',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['nudges'],
        summary:
          'Run a scheduled job now (weekly-reminders, manager-digest, notification-mail, or a source’s <source>-sync), with the given clock; each person is still done once per week',
        params: RunJobParamsSchema,
        body: RunJobBodySchema,
        response: { 200: JobRunSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const job = findJob(request.params.name);
      if (!job) throw notFound(`No job is called ${request.params.name}.`);
      const asOf = request.body?.asOf ? new Date(request.body.asOf) : new Date();
      return runJob(jobContextOf(fastify), request.params.name, job, asOf);
    },
  );
};

export default nudgeRoutes;
