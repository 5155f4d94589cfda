// leadtrack log "yesterday: reviewed the queue design @review @mentoring": one evidence entry,
// sent with an Idempotency-Key so that a retry (ours or the script's) never makes two.
import { randomUUID } from 'node:crypto';
import { type Command, Option } from 'commander';
import { DATE_PHRASES_HELP } from '../dates.js';
import { parseEntryText } from '../entry-text.js';
import { usageError } from '../errors.js';
import { describeTags } from '../kinds.js';
import type { Output } from '../output.js';
import { connect, whoAndWhen } from '../session.js';
import { editText } from '../terminal.js';

interface LogOptions {
  link: string[];
  audience?: string;
  on?: string;
  description?: string;
  edit?: boolean;
  idempotencyKey?: string;
}

interface Entry {
  id: string;
  kinds: string[];
  title: string;
  occurredOn: string;
  links: string[];
  audience: string | null;
}

const EDITOR_GUIDE = [
  '# The first line is the title: start it with a date (yesterday:, friday:, 2026-11-20:)',
  '# when it was not today, and tag its kinds, e.g. @review @mentoring. The lines after',
  '# it are the description (Markdown). These guide lines are dropped; an empty entry cancels.',
];

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerLog(program: Command, output: () => Output) {
  program
    .command('log')
    .description('Log evidence: leadtrack log "yesterday: reviewed the queue design @review"')
    .argument('[text...]', `"[date:] what you did @kind…"; date: ${DATE_PHRASES_HELP}`)
    .option('--on <date>', `when it happened (${DATE_PHRASES_HELP})`)
    .option('--link <url>', 'a link to the work (repeat for several)', collect, [])
    .addOption(
      new Option('--audience <who>', 'who saw it').choices(['team', 'org', 'stakeholders']),
    )
    .option('--description <text>', 'a longer description (Markdown)')
    .option('-e, --edit', 'write the entry in $VISUAL / $EDITOR (the text given is the start)')
    .option(
      '--idempotency-key <key>',
      'send this key instead of a fresh one, to repeat a run safely',
    )
    .addHelpText('after', `\nKind tags: ${describeTags()}.`)
    .action(async (words: string[], options: LogOptions) => {
      let text = words.join(' ').trim();
      if (options.edit) text = await editText(text, EDITOR_GUIDE);
      if (!text) {
        throw usageError(
          options.edit
            ? 'Nothing logged: the entry was empty.'
            : 'Say what you did: leadtrack log "yesterday: reviewed the queue design @review"',
        );
      }
      const client = await connect();
      const { today } = await whoAndWhen(client);
      const parsed = parseEntryText(text, today, options.on);
      const description = [parsed.description, options.description].filter(Boolean).join('\n\n');
      const entry = await client.request<Entry>('/evidence', {
        method: 'POST',
        headers: { 'Idempotency-Key': options.idempotencyKey ?? randomUUID() },
        body: {
          kinds: parsed.kinds,
          title: parsed.title,
          occurredOn: parsed.occurredOn,
          ...(description && { description }),
          ...(options.link.length > 0 && { links: options.link }),
          ...(options.audience && { audience: options.audience }),
        },
      });
      output().result(entry, () => [
        `Logged for ${entry.occurredOn} (${entry.kinds.join(', ')}): ${entry.title}  [${entry.id}]`,
      ]);
    });
}
