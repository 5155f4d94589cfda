// What every dashboard form action answers with, and how a refused API call becomes that
// answer: the problem's `errors` beside their fields, one sentence above the form.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { type ApiResult, type Call, fieldErrors } from './api';
import { withDates } from './format';
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
    message: res.status === 400 ? FIELDS_NEED_ATTENTION : withDates(res.problem.detail || fallback),
    ...(values === undefined ? {} : { values }),
  };
}

/** A form field's text, or `fallback` when the form did not send it. */
export const formText = (form: FormData, name: string, fallback = ''): string =>
  String(form.get(name) ?? fallback);

/** Several text fields at once, by name: what was typed, to send and to keep on error. */
export function formTexts<K extends string>(
  form: FormData,
  names: readonly K[],
): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, formText(form, name)])) as Record<K, string>;
}

/**
 * The answer of an action that is one API call: `done` (from what the API sent back) counted
 * in `saved` when it worked, else the API's own sentence, or `failed` when it gave none.
 */
export function settled<T>(
  prev: { saved?: number },
  res: ApiResult<T>,
  done: string | ((data: T) => string),
  failed: string,
): { saved?: number; done?: string; message?: string } {
  if (!res.ok) return { message: withDates(res.problem.detail || failed) };
  return { saved: (prev.saved ?? 0) + 1, done: typeof done === 'string' ? done : done(res.data) };
}

/** A Settings action that is one API call: Settings is read afresh, the answer `settled`. */
export async function settingsCall<T>(
  prev: { saved?: number },
  call: Call<T>,
  done: string | ((data: T) => string),
  failed: string,
) {
  const res = await call;
  revalidatePath('/settings');
  return settled(prev, res, done, failed);
}
