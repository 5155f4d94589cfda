// leadtrack status: where the person stands this week, from the readiness API (streak,
// readiness, kinds still missing, signals) and whether the week has its check-in.
import type { Command } from 'commander';
import type { Output } from '../output.js';
import { connect, whoAndWhen } from '../session.js';
import { type Checkin, checkinOf, describeCheckin } from './checkin.js';

interface Readiness {
  asOf: string;
  policy: { requiredKinds: string[]; thresholdWeeks: number; windowWeeks: number };
  weeks: {
    weekStart: string;
    onLeave: boolean;
    pending: boolean;
    counts: Record<string, number>;
    missingKinds: string[];
    consistent: boolean;
  }[];
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

function lines(readiness: Readiness, checkin: Checkin | null): string[] {
  const { current, policy } = readiness;
  const week = readiness.weeks.at(-1);
  const out: string[] = [];
  const state = week?.onLeave
    ? 'on leave'
    : current.consistent
      ? 'consistent'
      : current.pending
        ? 'in progress'
        : 'not consistent';
  out.push(`Week of ${current.weekStart} (${state})`);
  const readiness_ = current.ready
    ? `ready since ${current.readySince}`
    : current.projectedReadyOn
      ? `not ready yet, projected ready on ${current.projectedReadyOn}`
      : `not ready yet (${policy.thresholdWeeks} consistent weeks make you ready)`;
  out.push(`Streak: ${plural(current.streak, 'consistent week')}; ${readiness_}.`);
  if (week && !week.onLeave) {
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
      ? `Check-in: ${describeCheckin(checkin)}.`
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
      const readiness = await client.request<Readiness>('/users/me/readiness', {
        query: { asOf: today, weeks: 1 },
      });
      const checkin = await checkinOf(client, readiness.current.weekStart);
      const week = readiness.weeks.at(-1) ?? null;
      output().result(
        {
          asOf: readiness.asOf,
          timeZone: me.timeZone,
          current: readiness.current,
          week: week && {
            weekStart: week.weekStart,
            onLeave: week.onLeave,
            counts: week.counts,
            missingKinds: week.missingKinds,
          },
          checkin,
          signals: readiness.signals,
        },
        () => lines(readiness, checkin),
      );
    });
}
