// What every dashboard form action answers with, and how a refused API call becomes that
// answer: the problem's `errors` beside their fields, one sentence above the form. Every
// form that answers in place (useActionState) answers a FormState; an action that answers
// by redirect carries a code (lib/notices.ts) the page shows in the same place, the same way
// (components/flash.tsx FailedAction, a FormAlert).
import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { type ApiResult, type Call, fieldErrors } from './api';
import { withDates } from './format';
import { FAILURES } from './notices';
import type { Problem } from './types';

/** The sentence above a form whose fields the API (or the action) refused. */
export const FIELDS_NEED_ATTENTION = 'Some fields need attention.';

/**
 * The one answer of a form: errors by field name (shown beside each field), one sentence for
 * the whole form (above it, `role="alert"`), what was typed (kept on error), and on success
 * what worked (`done`, above it) with `saved` bumped so the form starts afresh. A form that
 * shows more on success (a new token's secret, an import's result) adds that field alone.
 */
export interface FormState<V = Record<string, string>> {
  errors?: Record<string, string>;
  message?: string;
  values?: V;
  done?: string;
  saved?: number;
}

/** A form's answer when the action found fields to fix before calling the API. */
export function needsAttention<V>(
  errors: Record<string, string>,
  values?: V,
  message = FIELDS_NEED_ATTENTION,
): { errors: Record<string, string>; message: string; values?: V } {
  return { errors, message, ...(values === undefined ? {} : { values }) };
}

/** A form's answer when the action worked. */
export const succeeded = (prev: { saved?: number }, done?: string): FormState<never> => ({
  saved: (prev.saved ?? 0) + 1,
  ...(done === undefined ? {} : { done }),
});

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

/** How `formCall` answers: what it keeps, says and refreshes. */
interface FormCallAnswer<T, V> {
  /** What was typed: kept in the form when the call is refused. */
  values?: V;
  /** Said above the form when the call worked (from what the API sent back). */
  done?: string | ((data: T) => string);
  /** Said when the API refused without a sentence of its own. */
  failed?: string;
  /** What the call changed, read afresh when it worked: a page, or `[path, 'layout']`. */
  revalidate: Parameters<typeof revalidatePath>;
  /** The form's page: a 401 (the session is gone) signs in, then comes back there. */
  page?: string;
}

/**
 * The answer of a form action that is one API call: when it worked, what it changed is read
 * afresh and the form starts afresh (`succeeded`, saying `done`); when it was refused, the
 * API's errors beside their fields and its sentence above (`actionFailure`), what was typed
 * kept.
 */
export async function formCall<T, V>(
  prev: { saved?: number },
  call: Call<T>,
  { values, done, failed, revalidate, page }: FormCallAnswer<T, V>,
): Promise<FormState<V>> {
  const res = await call;
  if (!res.ok) {
    if (page && res.status === 401) redirect(`/login?next=${page}`);
    return actionFailure(res, values, failed);
  }
  revalidatePath(...revalidate);
  return succeeded(prev, typeof done === 'function' ? done(res.data) : done);
}

/** The form of a one-time link (a new person's setup, a password reset). */
export interface LinkFormState extends FormState {
  /** The link itself is spent or stale: no form is worth showing again. */
  linkDead?: boolean;
}

/**
 * A one-time link's form refused: a 400 naming the token ends the form (the link is spent),
 * another 400 names its fields, anything else says why above the form (`status` 0: the
 * API could not be reached; `own` words a status this route gives its own meaning).
 */
export function linkFailure(
  res: { status: number; problem: Problem | null },
  failed: string,
  own: Partial<Record<number, string>> = {},
): LinkFormState {
  const errors = res.problem ? fieldErrors(res.problem) : {};
  if (res.status === 400 && errors.token) {
    return {
      linkDead: true,
      message: 'This link has already been used or has expired. Ask an admin for a new one.',
    };
  }
  if (res.status === 400) return needsAttention(errors);
  const general =
    res.status === 0 ? FAILURES.unavailable : res.status === 429 ? FAILURES['too-many'] : null;
  return { message: own[res.status] ?? general ?? withDates(res.problem?.detail || failed) };
}

/**
 * A form that chooses a password, typed twice (its `name` field and `repeatPassword`): its
 * answer when the two differ, else null.
 */
export function passwordsDiffer(
  form: FormData,
  name: string,
  sentence = 'The two passwords differ: type the same one twice.',
): FormState | null {
  if (formText(form, name) === formText(form, 'repeatPassword')) return null;
  return needsAttention({ repeatPassword: sentence });
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
  return succeeded(prev, typeof done === 'string' ? done : done(res.data));
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
