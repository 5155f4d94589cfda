// leadtrack status: where the person stands this week, from the readiness API (streak,
// readiness, kinds still missing, signals) and whether the week has its check-in.
import type { Command } from 'commander';
import { mondayOf } from '../dates.js';
import type { Output } from '../output.js';
import { connect, whoAndWhen } from '../session.js';
import { type Checkin, checkinOf, describeCheckin } from './checkin.js';

interface Week {
  weekStart: string;
  onLeave: boolean;
  counts: Record<string, number>;
  missingKinds: string[];
}

interface Readiness {
  asOf: string;
  policy: { requiredKinds: string[]; thresholdWeeks: number; windowWeeks: number };
  weeks: Week[];
  current: {
    weekStart: string;
    pending: boolean;
    consistent: boolean;
    streak: number;
    ready: boolean;
    readySince: string | null;
    projectedReadyOn: string | null;
  };
  signals: { code: string; message: string }[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** This week's row; a person with no history yet has none, so it is made from the policy. */
function thisWeek(readiness: Readiness): Week {
  const row = readiness.weeks.at(-1);
  if (row && row.weekStart === readiness.current.weekStart) return row;
  return {
    weekStart: readiness.current.weekStart,
    onLeave: false,
    counts: {},
    missingKinds: readiness.policy.requiredKinds,
  };
}

function lines(readiness: Readiness, week: Week, checkin: Checkin | null): string[] {
  const { current, policy } = readiness;
  const state = week.onLeave
    ? 'on leave'
    : current.consistent
      ? 'consistent'
      : current.pending
        ? 'in progress'
        : 'not consistent';
  const standing = current.ready
    ? `ready since ${current.readySince}`
    : current.projectedReadyOn
      ? `not ready yet, projected ready on ${current.projectedReadyOn}`
      : `not ready yet (${policy.thresholdWeeks} consistent weeks in a row make you ready)`;
  const out = [
    `Week of ${current.weekStart} (${state})`,
    `Streak: ${plural(current.streak, 'consistent week')}; ${standing}.`,
  ];
  if (!week.onLeave) {
    const logged = Object.entries(week.counts)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${kind} ${n}`);
    out.push(`Logged this week: ${logged.length > 0 ? logged.join(', ') : 'nothing yet'}.`);
    if (week.missingKinds.length > 0) {
      out.push(`Missing this week: ${week.missingKinds.join(', ')}.`);
    }
  }
  out.push(
    checkin
      ? `Check-in: ${describeCheckin(checkin)}`
      : 'Check-in: none yet this week (leadtrack checkin --hands-on … --deep-work …).',
  );
  if (readiness.signals.length > 0) {
    out.push('Signals:');
    for (const signal of readiness.signals) out.push(`  - ${signal.message}`);
  }
  return out;
}

export function registerStatus(program: Command, output: () => Output) {
  program
    .command('status')
    .description('Your streak, what is missing this week, and your signals')
    .action(async () => {
      const client = await connect();
      const { me, today } = await whoAndWhen(client);
      // The week's check-in is read alongside: its Monday is the one holding today.
      const [readiness, checkin] = await Promise.all([
        client.request<Readiness>('/users/me/readiness', { query: { asOf: today, weeks: 1 } }),
        checkinOf(client, mondayOf(today)),
      ]);
      const week = thisWeek(readiness);
      output().result(
        {
          user: { id: me.id, name: me.name },
          asOf: readiness.asOf,
          timeZone: me.timeZone,
          current: readiness.current,
          week: {
            weekStart: week.weekStart,
            onLeave: week.onLeave,
            counts: week.counts,
            missingKinds: week.missingKinds,
          },
          checkin,
          signals: readiness.signals,
        },
        () => lines(readiness, week, checkin),
      );
    });
}
