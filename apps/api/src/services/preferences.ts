// What a person wants to be told and when (GET/PUT /me/preferences): one user_preferences
// row, or the defaults while there is none. Access: the caller's own only (the route
// passes the caller's id); the unsubscribe link changes one field without signing in
// (mail/unsubscribe.ts).
import type { PrismaClient } from '@leadtrack/db';
import {
  type PreferencesDto,
  type PutPreferencesBody,
  WEEKDAYS,
  type Weekday,
} from '@leadtrack/schemas';

/** The defaults: every message on, the reminder on Friday at 15:00 local time. */
export const DEFAULT_PREFERENCES: PreferencesDto = Object.freeze({
  weeklyReminder: true,
  managerDigest: true,
  emailNotifications: true,
  reminderDay: 'friday',
  reminderHour: 15,
});

/** ISO weekday (Monday = 1) of a weekday name, and back. */
export const isoWeekdayOf = (day: Weekday) => WEEKDAYS.indexOf(day) + 1;
const weekdayName = (isoDay: number) => WEEKDAYS[isoDay - 1] ?? DEFAULT_PREFERENCES.reminderDay;

interface PreferencesRow {
  weeklyReminder: boolean;
  managerDigest: boolean;
  emailNotifications: boolean;
  reminderDay: number;
  reminderHour: number;
}

export function toPreferencesDto(row: PreferencesRow | null): PreferencesDto {
  if (!row) return { ...DEFAULT_PREFERENCES };
  return {
    weeklyReminder: row.weeklyReminder,
    managerDigest: row.managerDigest,
    emailNotifications: row.emailNotifications,
    reminderDay: weekdayName(row.reminderDay),
    reminderHour: row.reminderHour,
  };
}

export async function readPreferences(prisma: PrismaClient, userId: string) {
  return toPreferencesDto(await prisma.userPreferences.findUnique({ where: { userId } }));
}

/** Fields left out keep their value (the defaults while no row exists). */
export async function updatePreferences(
  prisma: PrismaClient,
  userId: string,
  body: PutPreferencesBody,
): Promise<PreferencesDto> {
  const { reminderDay, ...rest } = body;
  const changes = {
    ...rest,
    ...(reminderDay !== undefined && { reminderDay: isoWeekdayOf(reminderDay) }),
  };
  const row = await prisma.userPreferences.upsert({
    where: { userId },
    create: { userId, ...changes },
    update: changes,
  });
  return toPreferencesDto(row);
}
