// What every dashboard form action answers with, and how a refused API call becomes that
// answer: the problem's `errors` beside their fields, one sentence above the form.
import 'server-only';
import { fieldErrors } from './api';
import type { Problem } from './types';

/** The sentence above a form whose fields the API (or the action) refused. */
export const FIELDS_NEED_ATTENTION = 'Some fields need attention.';

/** Errors by field name, one message for the whole form, and what was typed (kept on error). */
export interface FormState<V = Record<string, string>> {
  errors?: Record<string, string>;
  message?: string;
  values?: V;
}

/**
 * A failed API call as form state: a 400 names its fields and says so above the form;
 * anything else shows the API's own sentence, or `fallback` when it gave none.
 */
export function actionFailure<V>(
  res: { status: number; problem: Problem },
  values?: V,
  fallback = '',
): { errors: Record<string, string>; message: string; values?: V } {
  return {
    errors: fieldErrors(res.problem),
    message: res.status === 400 ? FIELDS_NEED_ATTENTION : res.problem.detail || fallback,
    ...(values === undefined ? {} : { values }),
  };
}
