// What a page says after an action that came back to it by redirect. The redirect carries
// only a code (`?error=asked-already`), never a sentence: a page shows the sentence this
// list holds for the code, and nothing for a code it does not hold, so text someone wrote
// into a link is never shown as the dashboard's own message.

/** Why an action did not work, by code. */
export const FAILURES = {
  failed: 'That did not work. Reload and try again.',
  invalid: 'Something in what was sent was refused. Check it and try again.',
  'not-found': 'It no longer exists, or is no longer yours to act on.',
  forbidden: 'You may not do that.',
  'too-many': 'Too many attempts. Wait a minute, then try again.',
  unavailable: 'The service is unavailable. Try again in a minute.',
  changed: 'It changed in the meantime. Reload and try again.',
  'no-colleague': 'Choose a colleague first.',
  'asked-already': 'That colleague was asked about this entry already.',
  'answered-already': 'This request was answered already.',
  'sponsor-already': 'That colleague is your sponsor already.',
  'last-admin': 'This is the last active admin: make someone else an admin first.',
  cycle: 'That reporting line would make a cycle: someone would manage themselves.',
  'has-reports': 'They still manage people: give them another manager first.',
  'manager-unusable': 'That manager is deactivated or no longer exists.',
  delete: 'Deleting did not work. Reload and try again.',
  restore: 'Restoring did not work. Reload and try again.',
} as const;

export type FailureCode = keyof typeof FAILURES;

/** The sentence for a code from a query string, or null for anything not on the list. */
export function failureText(code: unknown): string | null {
  return typeof code === 'string' && Object.hasOwn(FAILURES, code)
    ? FAILURES[code as FailureCode]
    : null;
}

/** Whether a query-string value is one of the codes (for pages that word it themselves). */
export const isFailureCode = (code: unknown): code is FailureCode => failureText(code) !== null;

/**
 * The code for an API call that failed, from its status: `specific` first (a 409's own
 * meaning on that route), then the general meaning of the status.
 */
export function failureCode(
  status: number,
  specific: Partial<Record<number, FailureCode>> = {},
): FailureCode {
  const own = specific[status];
  if (own) return own;
  if (status === 400) return 'invalid';
  if (status === 404) return 'not-found';
  if (status === 403) return 'forbidden';
  if (status === 409 || status === 412) return 'changed';
  if (status === 429) return 'too-many';
  if (status === 0 || status === 502 || status === 503) return 'unavailable';
  return 'failed';
}
