// Weekly check-ins. Writing: always the caller's own week (the path names no user), so
// there is nothing to authorize beyond being signed in. Reading: the rights of
// GET /users/:id (self, the direct manager, an admin), else 404, through access.ts.
import type { Checkin, PrismaClient } from '@leadtrack/db';
import type { Checkin as CheckinDto, CheckinQuery, PutCheckinBody } from '@leadtrack/schemas';
import { dataChanged } from '../freshness';
import { retryOnDuplicate } from '../lib/database-errors';
import { fromIsoDate, toIsoDate } from '../lib/dates';
import type { Caller } from '../plugins/app/authenticate';
import { findReadableUser } from './access';

export function toCheckinDto(checkin: Checkin): CheckinDto {
  return {
    userId: checkin.userId,
    weekStart: toIsoDate(checkin.weekStart),
    handsOnPercent: checkin.handsOnPercent,
    deepWorkBlocks: checkin.deepWorkBlocks,
    onLeave: checkin.onLeave,
    note: checkin.note,
    createdAt: checkin.createdAt.toISOString(),
    updatedAt: checkin.updatedAt.toISOString(),
  };
}

type WeekKey = { userId: string; weekStart: Date };

/**
 * Creates or replaces a person's row of one week (unique per user and week: a check-in, a
 * reflection) through `upsert`, given its arguments. Should two first writes for the same
 * week race into the unique index (Prisma's upsert is not always one statement), the loser
 * retries once and updates the winner's row, so both callers get a 200.
 */
export function putWeekRow<Data extends object, Row>(
  userId: string,
  weekStart: string,
  data: Data,
  upsert: (args: {
    where: { userId_weekStart: WeekKey };
    create: WeekKey & Data;
    update: Data;
  }) => Promise<Row>,
): Promise<Row> {
  const key = { userId, weekStart: fromIsoDate(weekStart) };
  return retryOnDuplicate(() =>
    upsert({ where: { userId_weekStart: key }, create: { ...key, ...data }, update: data }),
  );
}

/**
 * Creates or replaces the caller's check-in for the week (putWeekRow). PUT replaces the
 * whole check-in: an omitted `note` clears it. That `weekStart` is a Monday not after the
 * current week is the route's WeekStartSchema.
 */
export async function putCheckin(
  prisma: PrismaClient,
  caller: Caller,
  weekStart: string,
  body: PutCheckinBody,
): Promise<CheckinDto> {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller);
  const data = {
    handsOnPercent: body.handsOnPercent,
    deepWorkBlocks: body.deepWorkBlocks,
    onLeave: body.onLeave,
    note: body.note ?? null,
  };
  const checkin = await putWeekRow(caller.id, weekStart, data, (args) =>
    prisma.checkin.upsert(args),
  );
  return toCheckinDto(checkin);
}

/**
 * Someone's check-ins, oldest week first. `from`/`to` bound `weekStart` inclusively and
 * may be any dates (a week is in range when its Monday is); a reversed range is simply
 * empty.
 */
export async function listCheckins(
  prisma: PrismaClient,
  caller: Caller,
  query: CheckinQuery,
): Promise<CheckinDto[]> {
  const user = await findReadableUser(prisma, caller, query.userId ?? 'me');
  const checkins = await prisma.checkin.findMany({
    where: {
      userId: user.id,
      ...((query.from || query.to) && {
        weekStart: {
          ...(query.from && { gte: fromIsoDate(query.from) }),
          ...(query.to && { lte: fromIsoDate(query.to) }),
        },
      }),
    },
    orderBy: { weekStart: 'asc' },
  });
  return checkins.map(toCheckinDto);
}
