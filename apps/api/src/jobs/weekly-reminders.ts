// The weekly reminder: to each active engineer at their chosen local day and hour (default
// Friday 15:00), when their local ISO week is not yet complete: still pending (rule 8:
// required behaviours missing from the window) or without a check-in. Never in a week
// with a leave check-in, never to deactivated people or to those who switched it off or
// unsubscribed. Once per person and week (deliveries.ts).
import {
  computeReadiness,
  type EvidenceKind,
  type IsoDate,
  KIND_INFO,
  type Policy,
  plural,
} from '@leadtrack/core';
import { loadHistories, type PersonHistory } from '../data/weekly-aggregates';
import { html } from '../services/mail/html';
import { dashboardUrl, sendMail } from '../services/mail/send-mail';
import { readPolicy } from '../services/policy';
import { DEFAULT_PREFERENCES, isoWeekdayOf } from '../services/preferences';
import { deliverCounted, dueThisWeek } from './deliveries';
import type { JobContext, JobDefinition, JobResult } from './job';
import { groupBy, longDate } from './schedule';

const KIND = 'weekly-reminder';

interface Candidate {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  reminderDay: number;
  reminderHour: number;
}

/** Active engineers with the reminder on, with their day and hour (the defaults without a row). */
async function candidates(ctx: JobContext): Promise<Candidate[]> {
  return ctx.db.query<Candidate>(
    `SELECT u.id, u.email, u.name, u.time_zone AS "timeZone",
        coalesce(p.reminder_day, $1)::int AS "reminderDay",
        coalesce(p.reminder_hour, $2)::int AS "reminderHour"
       FROM users u LEFT JOIN user_preferences p ON p.user_id = u.id
      WHERE u.role = 'engineer' AND u.deactivated_at IS NULL
        AND coalesce(p.weekly_reminder, true)
      ORDER BY u.id`,
    [isoWeekdayOf(DEFAULT_PREFERENCES.reminderDay), DEFAULT_PREFERENCES.reminderHour],
  );
}

/** What this week still lacks, or null when there is nothing to remind of. */
export interface WeekGaps {
  weekStart: IsoDate;
  /** Required behaviours not yet in the window ending this week (empty when consistent). */
  missingKinds: EvidenceKind[];
  windowWeeks: number;
  checkinMissing: boolean;
}

export function weekGaps(
  policy: Policy,
  today: IsoDate,
  weekStart: IsoDate,
  { history }: PersonHistory,
): WeekGaps | null {
  const checkin = history.checkins.find((c) => c.weekStart === weekStart);
  if (checkin?.onLeave) return null;
  const { weeks } = computeReadiness({
    policy,
    asOf: today,
    weeks: history.weeks,
    checkins: history.checkins,
  });
  const row = weeks.find((w) => w.weekStart === weekStart);
  // Without a row nothing was ever logged: every required behaviour is missing.
  const missingKinds = row ? (row.consistent ? [] : row.missingKinds) : [...policy.requiredKinds];
  const checkinMissing = checkin === undefined;
  if (missingKinds.length === 0 && !checkinMissing) return null;
  return { weekStart, missingKinds, windowWeeks: policy.windowWeeks, checkinMissing };
}

function subjectOf(gaps: WeekGaps): string {
  const parts: string[] = [];
  if (gaps.missingKinds.length > 0) parts.push(plural(gaps.missingKinds.length, 'behaviour'));
  if (gaps.checkinMissing) parts.push('your check-in');
  return `Your week in Leadtrack: ${parts.join(' and ')} still to log`;
}

function reminderMail(ctx: JobContext, person: Candidate, gaps: WeekGaps) {
  const evidenceUrl = dashboardUrl(ctx.mailer, '/evidence/new');
  const checkinUrl = dashboardUrl(ctx.mailer, `/checkin?week=${gaps.weekStart}`);
  const window = plural(gaps.windowWeeks, 'week');
  const kinds = gaps.missingKinds.map((k) => KIND_INFO[k]);
  const week = `the week of ${longDate(gaps.weekStart)}`;
  const text = [
    `Hi ${person.name},`,
    '',
    `Before ${week} ends:`,
    ...(kinds.length > 0
      ? [
          '',
          `Not yet in your last ${window}:`,
          ...kinds.map((k) => `- ${k.label}: ${k.hint}`),
          `Log an entry: ${evidenceUrl}`,
        ]
      : []),
    ...(gaps.checkinMissing ? ['', `No check-in for this week yet: ${checkinUrl}`] : []),
  ].join('\n');
  const body = html`<p>Hi ${person.name},</p>
<p>Before ${week} ends:</p>
${
  kinds.length > 0 &&
  html`<p>Not yet in your last ${window}:</p>
<ul>${kinds.map((k) => html`<li><strong>${k.label}</strong>: ${k.hint}</li>`)}</ul>
<p><a href="${evidenceUrl}">Log an entry</a></p>`
}
${gaps.checkinMissing && html`<p>No check-in for this week yet: <a href="${checkinUrl}">fill in your check-in</a></p>`}`;
  return {
    to: person.email,
    userId: person.id,
    kind: KIND,
    subject: subjectOf(gaps),
    text,
    html: body,
  } as const;
}

async function run(ctx: JobContext, { asOf }: { asOf: Date }): Promise<JobResult> {
  const result: JobResult = { done: 0, failed: 0 };
  if (!ctx.mailer.enabled) return result;
  const due = await dueThisWeek(ctx, KIND, asOf, candidates(ctx), (person) => ({
    day: person.reminderDay,
    hour: person.reminderHour,
  }));
  if (due.length === 0) return result;
  const policy = await readPolicy(ctx.db.prisma, { fresh: true });
  // One readiness statement per local date among those due (a zone or two, rarely more).
  for (const [today, group] of groupBy(due, (p) => p.local.date)) {
    const histories = await loadHistories(ctx.db, { ids: group.map((p) => p.id) }, today);
    const byId = new Map(histories.map((h) => [h.person.id, h]));
    for (const person of group) {
      const history = byId.get(person.id);
      const gaps = history && weekGaps(policy, today, person.weekStart, history);
      if (!gaps) continue;
      const key = { userId: person.id, kind: KIND, weekStart: person.weekStart } as const;
      await deliverCounted(ctx, result, key, () => sendMail(ctx, reminderMail(ctx, person, gaps)));
    }
  }
  return result;
}

export const weeklyReminders: JobDefinition = { run, hourly: true };
