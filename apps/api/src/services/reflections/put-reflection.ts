// Writing the caller's fit reflection for a week: always their own (the path names no
// user), at most one per ISO week (a second PUT replaces it), the fit score computed by
// @leadtrack/core from the answers the schema has already checked (all eight, 1-5).
import { fitScore } from '@leadtrack/core';
import type { PrismaClient, Reflection } from '@leadtrack/db';
import type { PutReflectionBody, ReflectionDto } from '@leadtrack/schemas';
import { toIsoDate } from '../../lib/dates';
import type { Caller } from '../../plugins/app/authenticate';
import { putWeekRow } from '../checkins';

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
  const data = {
    answers: body.answers,
    note: body.note || null,
    shared: body.shared,
    fitScore: fitScore(body.answers),
  };
  // Two first writes for the same week: the loser updates the winner's row (putWeekRow).
  const reflection = await putWeekRow(caller.id, weekStart, data, (args) =>
    prisma.reflection.upsert(args),
  );
  return toReflectionDto(reflection);
}
