// Writing the caller's fit reflection for a week: always their own (the path names no
// user), at most one per ISO week (a second PUT replaces it), the fit score computed by
// @leadtrack/core from the answers the schema has already checked (all eight, 1-5).
//
// Sharing: when a reflection becomes shared (saved shared, having been private or new),
// `shared_at` is set and the person's manager is notified (`reflection-shared`) in the same
// transaction; it then waits on the manager's agenda until they read it. Saving it again
// while shared keeps both; making it private clears `shared_at`.
import { fitScore } from '@leadtrack/core';
import type { PrismaClient, Reflection } from '@leadtrack/db';
import type { PutReflectionBody, ReflectionDto } from '@leadtrack/schemas';
import { longDate } from '../../jobs/schedule';
import { retryOnDuplicate } from '../../lib/database-errors';
import { fromIsoDate, toIsoDate } from '../../lib/dates';
import type { Caller } from '../../plugins/app/authenticate';
import { notify } from '../notifications/notify';

export function toReflectionDto(reflection: Reflection): ReflectionDto {
  return {
    weekStart: toIsoDate(reflection.weekStart),
    answers: reflection.answers as Record<string, number>,
    note: reflection.note,
    shared: reflection.shared,
    fitScore: reflection.fitScore,
    updatedAt: reflection.updatedAt.toISOString(),
  };
}

export async function putReflection(
  prisma: PrismaClient,
  caller: Caller,
  weekStart: string,
  body: PutReflectionBody,
): Promise<ReflectionDto> {
  // Two first writes for the same week: the loser runs again and updates the winner's row.
  const reflection = await retryOnDuplicate(() =>
    prisma.$transaction(async (tx) => {
      const key = { userId: caller.id, weekStart: fromIsoDate(weekStart) };
      const before = await tx.reflection.findUnique({
        where: { userId_weekStart: key },
        select: { shared: true, sharedAt: true },
      });
      const newlyShared = body.shared && !before?.shared;
      const data = {
        answers: body.answers,
        note: body.note || null,
        shared: body.shared,
        sharedAt: body.shared
          ? newlyShared
            ? new Date()
            : (before?.sharedAt ?? new Date())
          : null,
        fitScore: fitScore(body.answers),
      };
      const saved = await tx.reflection.upsert({
        where: { userId_weekStart: key },
        create: { ...key, ...data },
        update: data,
      });
      if (newlyShared && caller.managerId !== null) {
        await notify(
          tx,
          {
            userId: caller.managerId,
            type: 'reflection-shared',
            subject: `${caller.name} shared their fit reflection for the week of ${longDate(weekStart)} with you.`,
            link: `/team/${caller.id}#reflections`,
          },
          caller.id,
        );
      }
      return saved;
    }),
  );
  return toReflectionDto(reflection);
}
