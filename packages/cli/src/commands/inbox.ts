// leadtrack inbox: the open suggestions (imports and every connected source), and accepting or
// dismissing them by id (GET /suggestions, POST /suggestions/:id/accept|dismiss).
import type { Command } from 'commander';
import { DATE_PHRASES_HELP, resolveDatePhrase } from '../dates.js';
import { CliError, usageError } from '../errors.js';
import { describeTags, kindOfTag } from '../kinds.js';
import type { Output } from '../output.js';
import { connect, whoAndWhen } from '../session.js';
import { type Checkin, describeCheckin, integer } from './checkin.js';

interface Suggestion {
  id: string;
  type: 'evidence' | 'checkin';
  source: string;
  url: string | null;
  title: string;
  occurredOn: string;
  suggestedKinds: string[];
  checkin: { weekStart: string; deepWorkBlocks: number | null; onLeave: boolean | null } | null;
}

interface Entry {
  id: string;
  kinds: string[];
  title: string;
  occurredOn: string;
}

interface AcceptOptions {
  kind: string[];
  title?: string;
  description?: string;
  on?: string;
  handsOn?: number;
  deepWork?: number;
  leave?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function describe(suggestion: Suggestion): string {
  if (suggestion.type === 'checkin' && suggestion.checkin) {
    const { weekStart, deepWorkBlocks, onLeave } = suggestion.checkin;
    const what = onLeave ? 'on leave' : `${deepWorkBlocks ?? 0} deep-work blocks`;
    return `check-in, week of ${weekStart}: ${what} (${suggestion.title})`;
  }
  const kinds = suggestion.suggestedKinds.join(', ') || 'no kind';
  return `${suggestion.occurredOn} (${kinds}) ${suggestion.title}`;
}

/** `--kind review --kind rfc` or `--kind review,rfc`, slugs or tag aliases, with or without @. */
function kindsOf(values: string[]): string[] | undefined {
  const words = values.flatMap((value) => value.split(',')).map((w) => w.trim().replace(/^@/, ''));
  if (words.length === 0) return undefined;
  const unknown = words.filter((word) => !kindOfTag(word));
  if (unknown.length > 0) {
    throw usageError(`Unknown kind ${unknown.join(', ')}: use ${describeTags()}.`);
  }
  return [...new Set(words.map((word) => kindOfTag(word) as string))];
}

export function registerInbox(program: Command, output: () => Output) {
  const inbox = program
    .command('inbox')
    .description('Your suggestions: list the open ones, accept or dismiss them by id');

  inbox
    .command('list', { isDefault: true })
    .description('List open suggestions, newest first (the default)')
    .option(
      '--source <source>',
      'only this source (import, or a source such as github, gitlab, calendar)',
    )
    .option('--limit <n>', 'how many (1-100, default 50)', integer('--limit'))
    .action(async (options: { source?: string; limit?: number }) => {
      const client = await connect();
      const page = await client.request<{ items: Suggestion[]; total: number }>('/suggestions', {
        query: { status: 'open', source: options.source, limit: options.limit },
      });
      output().result(page, () => {
        if (page.items.length === 0) return ['No open suggestions.'];
        const more = page.total - page.items.length;
        return [
          `${page.total} open suggestion${page.total === 1 ? '' : 's'}${more > 0 ? ` (the first ${page.items.length}; --limit for more)` : ''}:`,
          ...page.items.map(
            (s) => `${s.id}  ${describe(s)}  [${s.source}]${s.url ? `  ${s.url}` : ''}`,
          ),
          'Accept with `leadtrack inbox accept <id>` (edits: --kind, --title, --on), or `leadtrack inbox dismiss <id>`.',
        ];
      });
    });

  inbox
    .command('accept')
    .description(
      "Accept a suggestion: an entry (with your edits), or merged into the week's check-in",
    )
    .argument('<id>', 'the suggestion (from leadtrack inbox)')
    .option(
      '--kind <kinds>',
      'the kinds instead of the suggested ones (repeat, or review,rfc)',
      collect,
      [],
    )
    .option('--title <text>', 'another title')
    .option('--description <text>', 'another description')
    .option('--on <date>', `another date (${DATE_PHRASES_HELP})`)
    .option(
      '--hands-on <percent>',
      "check-in: the week's hands-on share, when it has no check-in",
      integer('--hands-on'),
    )
    .option(
      '--deep-work <blocks>',
      'check-in: deep-work blocks instead of the suggested',
      integer('--deep-work'),
    )
    .option('--leave', 'check-in: the week was a leave week')
    .action(async (id: string, options: AcceptOptions) => {
      const client = await connect();
      const kinds = kindsOf(options.kind);
      let occurredOn: string | undefined;
      if (options.on !== undefined) {
        const { today } = await whoAndWhen(client);
        occurredOn = resolveDatePhrase(options.on, today);
        if (!occurredOn)
          throw usageError(`--on "${options.on}" is not a date: use ${DATE_PHRASES_HELP}.`);
      }
      const body = {
        ...(kinds && { kinds }),
        ...(options.title !== undefined && { title: options.title }),
        ...(options.description !== undefined && { description: options.description }),
        ...(occurredOn && { occurredOn }),
        ...(options.handsOn !== undefined && { handsOnPercent: options.handsOn }),
        ...(options.deepWork !== undefined && { deepWorkBlocks: options.deepWork }),
        ...(options.leave !== undefined && { onLeave: options.leave }),
      };
      const accepted = await client
        .request<Entry | Checkin>(`/suggestions/${encodeURIComponent(id)}/accept`, {
          method: 'POST',
          body,
        })
        .catch((error: unknown) => {
          // A suggestion without kinds needs them from the person: say how.
          if (
            !kinds &&
            error instanceof CliError &&
            error.details.errors?.some((e) => e.path === 'kinds')
          ) {
            throw new CliError(
              `${error.message} Give them with --kind (e.g. --kind review).`,
              error.code,
              error.details,
            );
          }
          throw error;
        });
      output().result(accepted, () => [
        'kinds' in accepted
          ? `Accepted as an entry for ${accepted.occurredOn} (${accepted.kinds.join(', ')}): ${accepted.title}  [${accepted.id}]`
          : `Accepted into the week of ${accepted.weekStart}: ${describeCheckin(accepted)}`,
      ]);
    });

  inbox
    .command('dismiss')
    .description('Dismiss suggestions: they are never offered again')
    .argument('<ids...>', 'the suggestions (from leadtrack inbox)')
    .action(async (ids: string[]) => {
      const client = await connect();
      for (const id of ids) {
        await client.request(`/suggestions/${encodeURIComponent(id)}/dismiss`, { method: 'POST' });
      }
      output().result({ dismissed: ids }, () => ids.map((id) => `Dismissed ${id}.`));
    });
}
