// leadtrack import FILE (POST /imports) and leadtrack export (GET /me/export).
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { CliError, EXIT, usageError } from '../errors.js';
import type { Output } from '../output.js';
import { connect } from '../session.js';

const FORMATS = ['markdown', 'csv', 'json', 'ics'] as const;
const BY_EXTENSION: Record<string, (typeof FORMATS)[number]> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.csv': 'csv',
  '.json': 'json',
  '.ics': 'ics',
  '.ical': 'ics',
};
/** POST /imports takes up to 5 MiB of content. */
const MAX_BYTES = 5 * 1024 * 1024;

interface ImportResult {
  suggested: number;
  created: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

interface AccountExport {
  evidence: unknown[];
  checkins: unknown[];
}

export function registerTransfer(program: Command, output: () => Output) {
  program
    .command('import')
    .description(
      'Import a Markdown brag document, a CSV file, a Leadtrack export (json) or a calendar (ics): into your inbox, or straight in with --create',
    )
    .argument('<file>', 'the file (its extension names the format: .md .csv .json .ics)')
    .addOption(
      new Option('--format <format>', 'the format, whatever the extension').choices(FORMATS),
    )
    .option('--create', 'create entries and check-ins at once instead of suggesting them')
    .action(async (file: string, options: { format?: string; create?: boolean }) => {
      const format = options.format ?? BY_EXTENSION[extname(file).toLowerCase()];
      if (!format) {
        throw usageError(
          `Cannot tell the format of ${file} from its extension: give --format ${FORMATS.join('|')}.`,
        );
      }
      const size = await stat(file).then(
        (s) => s.size,
        () => {
          throw usageError(`Cannot read ${file}: no such file.`);
        },
      );
      if (size > MAX_BYTES) throw usageError(`${file} is over 5 MiB: split it.`);
      const content = await readFile(file, 'utf8');
      const client = await connect();
      const result = await client.request<ImportResult>('/imports', {
        method: 'POST',
        body: { format, content, mode: options.create ? 'create' : 'suggest' },
        timeoutMs: 120_000,
      });
      output().result(result, () => [
        `Imported ${file}: ${result.suggested} suggested, ${result.created} created, ${result.skipped} skipped (imported before)${result.errors.length > 0 ? `, ${result.errors.length} refused` : ''}.`,
        ...(result.suggested > 0 ? ['Review the suggestions with `leadtrack inbox`.'] : []),
      ]);
      if (result.errors.length > 0) {
        throw new CliError(
          `Some of ${file} was not imported (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}):`,
          EXIT.refused,
          {
            lines: result.errors.map((e) => `line ${e.line}: ${e.message}`),
          },
        );
      }
    });

  program
    .command('export')
    .description(
      'Everything your account holds about you, as JSON (leadtrack import reads it back)',
    )
    .option('-o, --output <file>', 'write it to this file (readable by you only) instead of stdout')
    .action(async (options: { output?: string }) => {
      const client = await connect();
      const data = await client.request<AccountExport>('/me/export', { timeoutMs: 120_000 });
      const text = `${JSON.stringify(data, null, 2)}\n`;
      if (!options.output) {
        process.stdout.write(text);
        return;
      }
      await writeFile(options.output, text, { mode: 0o600 });
      await chmod(options.output, 0o600);
      const counts = { evidence: data.evidence.length, checkins: data.checkins.length };
      output().result({ file: options.output, ...counts }, () => [
        `Exported ${counts.evidence} ${counts.evidence === 1 ? 'entry' : 'entries'} and ${counts.checkins} ${counts.checkins === 1 ? 'check-in' : 'check-ins'} to ${options.output}.`,
      ]);
    });
}
