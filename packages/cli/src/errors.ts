// The exit codes scripts rely on, and the one error type every command throws.

/** Documented in the README ("Command line"); never renumber them. */
export const EXIT = Object.freeze({
  ok: 0,
  /** The API answered and refused: bad input (400), not found, a conflict, a server error. */
  refused: 1,
  /** The command line itself is wrong: an unknown option, a bad date or tag, a missing value. */
  usage: 2,
  /** No answer: the server is unreachable, timed out, or is temporarily unavailable (502-504). */
  unreachable: 3,
  /** No credentials, or the API refused them (401): run `leadtrack login`. */
  notLoggedIn: 4,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A field the API named in a problem's `errors`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * What the user sees when a command fails: one line (`message`), then `lines` (the API's
 * field errors, one per line), and the process exits with `code`. Never a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
    readonly details: {
      status?: number;
      /** The API's field errors, as --json prints them. */
      errors?: FieldError[];
      /** Lines printed under the message (the field errors in words). */
      lines?: string[];
    } = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}
