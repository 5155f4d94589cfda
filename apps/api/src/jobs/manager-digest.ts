// The Monday digest: to each active manager with active direct reports, from 09:00 on
// Monday in their own zone, once per local ISO week. It is about the week that just ended
// (readiness as of the Sunday before): entries still waiting for the manager's
// acknowledgement, new signals in the manager's wording ("new": not in the previous digest,
// whose details the delivery row keeps), reports who became ready since the previous
// digest, reports at risk (last week still pending with a streak to lose), and missing
// check-ins of last week. A digest with nothing to say is not sent.
import {
  addDays,
  computeCurrent,
  type IsoDate,
  plural,
  SIGNAL_CODES,
  type Signal,
} from '@leadtrack/core';
import { currentAcknowledgementByText } from '../data/acknowledgements';
import { loadHistories } from '../data/weekly-aggregates';
import { html } from '../services/mail/html';
import { dashboardUrl, sendMail } from '../services/mail/send-mail';
import { readPolicy } from '../services/policy';
import { factsOf } from '../services/readiness';
import { deliverCounted, dueThisWeek } from './deliveries';
import type { JobContext, JobDefinition, JobResult } from './job';
import { groupBy, longDate } from './schedule';

const KIND = 'manager-digest';
const MONDAY = 1;
const HOUR = 9;
/** Entries named per report; the rest are counted. */
const TITLES_SHOWN = 3;

interface Manager {
  id: string;
  email: string;
  name: string;
  timeZone: string;
}

interface Report {
  id: string;
  name: string;
  managerId: string;
}

interface Waiting {
  managerId: string;
  userId: string;
  waiting: number;
  titles: string;
}

/** What a digest remembers for the next one (message_deliveries.details). */
interface DigestMemory {
  signals: Record<string, string[]>;
  ready: string[];
}

interface ReportNews {
  report: Report;
  waiting: number;
  titles: string[];
  newSignals: Signal[];
  becameReady: boolean;
  atRisk: boolean;
  streak: number;
  missingCheckin: boolean;
}

function managersSql() {
  return `SELECT m.id, m.email, m.name, m.time_zone AS "timeZone"
       FROM users m LEFT JOIN user_preferences p ON p.user_id = m.id
      WHERE m.deactivated_at IS NULL AND coalesce(p.manager_digest, true)
        AND EXISTS (SELECT 1 FROM users r WHERE r.manager_id = m.id AND r.deactivated_at IS NULL)
      ORDER BY m.id`;
}

/** The managers' active reports, their waiting entries and the previous digests: three reads. */
async function teamFacts(ctx: JobContext, managerIds: string[]) {
  const ids = JSON.stringify(managerIds);
  const [reports, waiting, previous] = await Promise.all([
    ctx.db.query<Report>(
      `SELECT r.id, r.name, r.manager_id AS "managerId" FROM users r
        WHERE r.manager_id IN (SELECT json_array_elements_text($1::json))
          AND r.deactivated_at IS NULL
        ORDER BY r.name, r.id`,
      [ids],
    ),
    // Waiting: not deleted, and without a current acknowledgement by this manager (one given
    // on an earlier version waits again).
    ctx.db.query<Waiting>(
      `SELECT r.manager_id AS "managerId", e.user_id AS "userId", count(*)::int AS waiting,
          to_json((array_agg(e.title ORDER BY e.occurred_on DESC, e.id DESC))[1:${TITLES_SHOWN}])::text
            AS titles
         FROM evidence e JOIN users r ON r.id = e.user_id
        WHERE r.manager_id IN (SELECT json_array_elements_text($1::json))
          AND r.deactivated_at IS NULL AND e.deleted_at IS NULL
          AND NOT ${currentAcknowledgementByText('r.manager_id')}
        GROUP BY 1, 2`,
      [ids],
    ),
    ctx.db.query<{ userId: string; details: string | null }>(
      `SELECT DISTINCT ON (user_id) user_id AS "userId", details::text AS details
         FROM message_deliveries
        WHERE kind = $2 AND status = 'sent'
          AND user_id IN (SELECT json_array_elements_text($1::json))
        ORDER BY user_id, week_start DESC`,
      [ids, KIND],
    ),
  ]);
  const memory = new Map<string, DigestMemory>();
  for (const row of previous) {
    const details = row.details ? (JSON.parse(row.details) as Partial<DigestMemory>) : {};
    memory.set(row.userId, { signals: details.signals ?? {}, ready: details.ready ?? [] });
  }
  return { reports, waiting, memory };
}

function digestText(ctx: JobContext, manager: Manager, weekStart: IsoDate, news: ReportNews[]) {
  const link = (id: string) => dashboardUrl(ctx.mailer, `/team/${id}`);
  const lastWeek = longDate(addDays(weekStart, -7));
  const waiting = news.filter((n) => n.waiting > 0);
  const signals = news.filter((n) => n.newSignals.length > 0);
  const ready = news.filter((n) => n.becameReady);
  const atRisk = news.filter((n) => n.atRisk);
  const noCheckin = news.filter((n) => n.missingCheckin);
  const sections: { title: string; lines: { text: string; id: string; more?: string[] }[] }[] = [
    {
      title: 'Waiting for your acknowledgement',
      lines: waiting.map((n) => ({
        text: `${n.report.name}: ${plural(n.waiting, 'entry', 'entries')}`,
        id: n.report.id,
        more: n.titles,
      })),
    },
    {
      title: 'New signals',
      lines: signals.flatMap((n) =>
        n.newSignals.map((s) => ({
          text: `${n.report.name}: ${s.managerMessage}`,
          id: n.report.id,
        })),
      ),
    },
    {
      title: 'Became ready for the title',
      lines: ready.map((n) => ({ text: n.report.name, id: n.report.id })),
    },
    {
      title: 'At risk',
      lines: atRisk.map((n) => ({
        text: `${n.report.name}: the week of ${lastWeek} is not yet consistent, a streak of ${plural(n.streak, 'week')} to lose`,
        id: n.report.id,
      })),
    },
    {
      title: `No check-in for the week of ${lastWeek}`,
      lines: noCheckin.map((n) => ({ text: n.report.name, id: n.report.id })),
    },
  ].filter((s) => s.lines.length > 0);
  const counts = [
    waiting.length > 0 &&
      `${plural(
        waiting.reduce((sum, n) => sum + n.waiting, 0),
        'entry',
        'entries',
      )} to acknowledge`,
    signals.length > 0 &&
      plural(
        signals.reduce((sum, n) => sum + n.newSignals.length, 0),
        'new signal',
      ),
    ready.length > 0 && `${ready.length} ready`,
    atRisk.length > 0 && `${atRisk.length} at risk`,
    noCheckin.length > 0 && plural(noCheckin.length, 'missing check-in'),
  ].filter((c): c is string => typeof c === 'string');
  const subject = `Your team's week in Leadtrack: ${counts.join(', ')}`;
  const text = [
    `Hi ${manager.name},`,
    '',
    `Your reports' week of ${lastWeek}:`,
    ...sections.flatMap((s) => [
      '',
      `${s.title}:`,
      ...s.lines.flatMap((l) => [
        `- ${l.text} (${link(l.id)})`,
        ...(l.more ?? []).map((t) => `    · ${t}`),
      ]),
    ]),
  ].join('\n');
  const body = html`<p>Hi ${manager.name},</p>
<p>Your reports' week of ${lastWeek}:</p>
${sections.map(
  (s) => html`<h2 style="font-size: 1.1em">${s.title}</h2>
<ul>${s.lines.map(
    (l) =>
      html`<li><a href="${link(l.id)}">${l.text}</a>${
        (l.more ?? []).length > 0 &&
        html`<ul>${(l.more ?? []).map((t) => html`<li>${t}</li>`)}</ul>`
      }</li>`,
  )}</ul>`,
)}`;
  return { to: manager.email, userId: manager.id, kind: KIND, subject, text, html: body } as const;
}

async function run(ctx: JobContext, { asOf }: { asOf: Date }): Promise<JobResult> {
  const result: JobResult = { done: 0, failed: 0 };
  if (!ctx.mailer.enabled) return result;
  const due = await dueThisWeek(ctx, KIND, asOf, ctx.db.query<Manager>(managersSql()), () => ({
    day: MONDAY,
    hour: HOUR,
  }));
  if (due.length === 0) return result;
  const [policy, facts] = await Promise.all([
    readPolicy(ctx.db.prisma, { fresh: true }),
    teamFacts(
      ctx,
      due.map((m) => m.id),
    ),
  ]);
  const reportsOf = groupBy(facts.reports, (r) => r.managerId);
  const waitingOf = new Map(facts.waiting.map((w) => [w.userId, w]));
  // Readiness as of the Sunday that ended the week: one statement per such date.
  for (const [weekStart, group] of groupBy(due, (m) => m.weekStart)) {
    const sunday = addDays(weekStart, -1);
    const lastMonday = addDays(weekStart, -7);
    const ids = group.flatMap((m) => (reportsOf.get(m.id) ?? []).map((r) => r.id));
    const histories = new Map(
      (await loadHistories(ctx.db, { ids }, sunday)).map((h) => [h.person.id, h]),
    );
    for (const manager of group) {
      const previous = facts.memory.get(manager.id) ?? { signals: {}, ready: [] };
      const memory: DigestMemory = { signals: {}, ready: [] };
      const news: ReportNews[] = [];
      for (const report of reportsOf.get(manager.id) ?? []) {
        const found = histories.get(report.id);
        if (!found) continue;
        const { current, signals } = computeCurrent({
          policy,
          asOf: sunday,
          weeks: found.history.weeks,
          checkins: found.history.checkins,
          facts: factsOf(found.person, found.history),
        });
        const seen = new Set(previous.signals[report.id] ?? []);
        memory.signals[report.id] = signals.map((s) => s.code);
        if (current.ready) memory.ready.push(report.id);
        const waiting = waitingOf.get(report.id);
        news.push({
          report,
          waiting: waiting?.waiting ?? 0,
          titles: waiting ? (JSON.parse(waiting.titles) as string[]) : [],
          newSignals: signals
            .filter((s) => !seen.has(s.code))
            .sort((a, b) => SIGNAL_CODES.indexOf(a.code) - SIGNAL_CODES.indexOf(b.code)),
          becameReady: current.ready && !previous.ready.includes(report.id),
          atRisk: current.pending && current.streak > 0 && !current.ready,
          streak: current.streak,
          missingCheckin: !found.history.checkins.some((c) => c.weekStart === lastMonday),
        });
      }
      const worth = news.filter(
        (n) =>
          n.waiting > 0 || n.newSignals.length > 0 || n.becameReady || n.atRisk || n.missingCheckin,
      );
      if (worth.length === 0) continue;
      const key = { userId: manager.id, kind: KIND, weekStart: manager.weekStart } as const;
      await deliverCounted(ctx, result, key, async () => {
        await sendMail(ctx, digestText(ctx, manager, manager.weekStart, worth));
        return memory;
      });
    }
  }
  return result;
}

export const managerDigest: JobDefinition = { run, hourly: true };
