// Words forms share that come from the contract's limits (@leadtrack/schemas), so a limit
// changed there changes what the dashboard says and enforces.
import './zod-in-the-browser';
import { PASSWORD_LIMITS } from '@leadtrack/schemas';

/** Under every new-password field: the contract's own minimum. */
export const PASSWORD_HINT = `${PASSWORD_LIMITS.min} characters or more.`;

/** A whole number's range, as a hint or an error says it. */
export const range = (min: number, max: number) => `${min} to ${max}`;
