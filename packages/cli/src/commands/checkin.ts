// leadtrack checkin: the week's check-in (PUT /checkins/:weekStart). Flags not given keep the
// week's current values, so `leadtrack checkin --note "…"` changes only the note; with no
// flag at all it shows the week's check-in.
import type { Command } from 'commander';
import type { ApiClient } from '../api.js';
import { addDays, DATE_PHRASES_HELP, mondayOf, resolveDatePhrase } from '../dates.js';
import { usageError } from '../errors.js';
import type { Output } from '../output.js';
import { connect, whoAndWhen } from '../session.js';

interface CheckinOptions {
  week?: string;
  handsOn?: number;
  deepWork?: number;
  leave?: boolean;
  note?: string;
}

export interface Checkin {
  weekStart: string;
  handsOnPercent: number;
  deepWorkBlocks: number;
  onLeave: boolean;
  note: string | null;
}

export function integer(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value.trim()))
      throw usageError(`${name} must be a whole number, not "${value}".`);
    return Number(value);
  };
}

/** The Monday a --week value names: this (default), last, or any date phrase in that week. */
export function weekOf(value: string | undefined, today: string): string {
  const phrase = (value ?? 'this')
    .trim()
    .toLowerCase()
    .replace(/(?<!\s)\s+week$/, '');
  if (phrase === 'this') return mondayOf(today);
  if (phrase === 'last') return addDays(mondayOf(today), -7);
  const date = resolveDatePhrase(phrase, today);
  if (!date)
    throw usageError(`--week "${value}" is not a week: use this, last, or ${DATE_PHRASES_HELP}.`);
  return mondayOf(date);
}

/** The caller's check-in for the week starting `monday`, or null. */
export async function checkinOf(client: ApiClient, monday: string): Promise<Checkin | null> {
  const list = await client.request<{ items: Checkin[] }>('/checkins', {
    query: { from: monday, to: monday },
  });
  return list.items.find((item) => item.weekStart === monday) ?? null;
}

/** "60% hands-on, 3 deep-work blocks, note: On call." as one sentence (ending in a stop). */
export function describeCheckin(checkin: Checkin): string {
  const parts = checkin.onLeave
    ? ['on leave']
    : [`${checkin.handsOnPercent}% hands-on`, `${checkin.deepWorkBlocks} deep-work blocks`];
  if (checkin.note) parts.push(`note: ${checkin.note}`);
  const text = parts.join(', ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function registerCheckin(program: Command, output: () => Output) {
  program
    .command('checkin')
    .description("Check in for a week (flags left out keep the week's values); no flags: show it")
    .option('--week <week>', `this (default), last, or a day of that week (${DATE_PHRASES_HELP})`)
    .option(
      '--hands-on <percent>',
      'share of the week spent hands-on, 0-100',
      integer('--hands-on'),
    )
    .option('--deep-work <blocks>', 'deep-work blocks protected, 0-50', integer('--deep-work'))
    .option('--leave', 'on leave this week (the readiness model skips the week)')
    .option('--no-leave', 'not on leave')
    .option('--note <text>', 'a note for the week ("" clears it)')
    .action(async (options: CheckinOptions) => {
      const client = await connect();
      const { today } = await whoAndWhen(client);
      const monday = weekOf(options.week, today);
      const current = await checkinOf(client, monday);
      const changing = [options.handsOn, options.deepWork, options.leave, options.note].some(
        (value) => value !== undefined,
      );
      if (!changing) {
        output().result({ weekStart: monday, checkin: current }, () => [
          current
            ? `Week of ${monday}: ${describeCheckin(current)}`
            : `No check-in for the week of ${monday} yet: leadtrack checkin --hands-on 60 --deep-work 3`,
        ]);
        return;
      }
      const onLeave = options.leave ?? current?.onLeave ?? false;
      const handsOnPercent =
        options.handsOn ?? current?.handsOnPercent ?? (onLeave ? 0 : undefined);
      const deepWorkBlocks =
        options.deepWork ?? current?.deepWorkBlocks ?? (onLeave ? 0 : undefined);
      if (handsOnPercent === undefined || deepWorkBlocks === undefined) {
        throw usageError(
          `The week of ${monday} has no check-in yet: give --hands-on and --deep-work (or --leave).`,
        );
      }
      const note = options.note ?? current?.note ?? null;
      const saved = await client.request<Checkin>(`/checkins/${monday}`, {
        method: 'PUT',
        body: { handsOnPercent, deepWorkBlocks, onLeave, note: note || null },
      });
      output().result(saved, () => [
        `Checked in for the week of ${monday}: ${describeCheckin(saved)}`,
      ]);
    });
}
