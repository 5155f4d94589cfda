// The `leadtrack` command: its subcommands, the global --json flag, and how every failure
// becomes one line on stderr and a documented exit code (errors.ts).
import { Command, CommanderError } from 'commander';
import { registerCheckin } from './commands/checkin.js';
import { registerInbox } from './commands/inbox.js';
import { registerLog } from './commands/log.js';
import { registerLogin } from './commands/login.js';
import { registerStatus } from './commands/status.js';
import { registerTransfer } from './commands/transfer.js';
import { EXIT } from './errors.js';
import { makeOutput, type Output, reportError } from './output.js';
import { VERSION } from './version.js';

function buildProgram(output: () => Output): Command {
  const program = new Command('leadtrack')
    .description('Leadtrack from the terminal: log evidence, check in, see where you stand')
    .version(VERSION)
    .option('--json', 'print results as JSON (and errors as JSON on stderr), for scripts')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(`leadtrack: ${message.replace(/^error: /, '')}`),
    });
  registerLogin(program, output);
  registerLog(program, output);
  registerCheckin(program, output);
  registerStatus(program, output);
  registerInbox(program, output);
  registerTransfer(program, output);
  program.addHelpText(
    'after',
    '\nExit codes: 0 done, 1 the API refused, 2 bad usage, 3 API unreachable, 4 not logged in.',
  );
  return program;
}

/** Runs one invocation (`argv` as in process.argv) and returns its exit code. */
export async function run(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const output = makeOutput(json);
  const program = buildProgram(() => output);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end through here with exit code 0; everything else is usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, json);
  }
}
