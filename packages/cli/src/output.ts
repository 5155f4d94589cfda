// How commands print: sentences for people, or one JSON document with --json for scripts.
// Errors go to stderr, as one line (plus the API's field errors, one per line).
import { CliError, EXIT, type ExitCode } from './errors.js';

export interface Output {
  readonly json: boolean;
  /** A human line on stdout (skipped with --json). */
  say(line: string): void;
  /** The result: JSON with --json, else the given lines. */
  result(value: unknown, lines: () => string[]): void;
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    say(line) {
      if (!json) process.stdout.write(`${line}\n`);
    },
    result(value, lines) {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else for (const line of lines()) process.stdout.write(`${line}\n`);
    },
  };
}

/** Prints a failure on stderr and returns its exit code; never a stack trace. */
export function reportError(error: unknown, json: boolean): ExitCode {
  const failure =
    error instanceof CliError
      ? error
      : new CliError(
          `Unexpected error: ${(error as Error)?.message ?? String(error)}`,
          EXIT.refused,
        );
  const { status, errors } = failure.details;
  if (json) {
    const body = { error: { exitCode: failure.code, message: failure.message, status, errors } };
    process.stderr.write(`${JSON.stringify(body)}\n`);
  } else {
    process.stderr.write(`leadtrack: ${failure.message}\n`);
    for (const line of failure.details.lines ?? []) process.stderr.write(`  ${line}\n`);
  }
  if (!(error instanceof CliError) && process.env.LEADTRACK_DEBUG) console.error(error);
  return failure.code;
}
