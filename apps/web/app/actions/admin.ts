'use server';
// Admin: people, roles, who reports to whom, and the readiness policy.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { orgApi, usersApi } from '../../lib/api';
import { actionFailure, type FormState, formCall, formText, succeeded } from '../../lib/form-state';
import { type FailureCode, failureCode } from '../../lib/notices';

export interface AdminFormState extends FormState<Record<string, string | string[] | boolean>> {
  /** A person just added: their one-time setup link (null when passwords are off). */
  added?: { name: string; setupUrl: string | null; expiresAt: string | null; mailed: boolean };
}

/**
 * Why the API refused a change of role or manager, as a code the admin page words
 * (lib/notices.ts): a 409 names a reporting cycle, reports to reassign or the last admin
 * in its sentence, a 400 a deactivated or unknown manager.
 */
function refusalCode(res: { status: number; problem: { detail?: string } }): FailureCode {
  const detail = res.problem.detail ?? '';
  if (res.status === 409) {
    if (/last active admin/i.test(detail)) return 'last-admin';
    if (/cycle/i.test(detail)) return 'cycle';
    if (/still manages/i.test(detail)) return 'has-reports';
  }
  if (res.status === 400) return 'manager-unusable';
  return failureCode(res.status);
}

export async function updateUser(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  const role = formText(form, 'role');
  const managerId = formText(form, 'managerId');
  const res = await usersApi.update(id, { role, managerId: managerId || null });
  revalidatePath('/', 'layout');
  if (res.ok) redirect(`/admin?updated=${encodeURIComponent(id)}`);
  redirect(`/admin?failed=${encodeURIComponent(id)}&reason=${refusalCode(res)}`);
}

export async function createUser(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = {
    name: formText(form, 'name'),
    email: formText(form, 'email'),
    role: formText(form, 'role', 'engineer'),
    managerId: formText(form, 'managerId'),
    timeZone: formText(form, 'timeZone'),
  };
  // No password: the person gets a one-time setup link and chooses their own.
  const res = await usersApi.create({
    ...values,
    managerId: values.managerId || undefined,
    timeZone: values.timeZone || undefined,
  });
  if (!res.ok) {
    return actionFailure(res, values, 'Creating failed.');
  }
  revalidatePath('/admin');
  const { user, setupUrl, expiresAt, mailed } = res.data;
  return { ...succeeded(prev), added: { name: user.name, setupUrl, expiresAt, mailed } };
}

export async function savePolicy(prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = {
    requiredKinds: form.getAll('requiredKinds').map(String),
    windowWeeks: formText(form, 'windowWeeks'),
    thresholdWeeks: formText(form, 'thresholdWeeks'),
    requireVisibility: form.get('requireVisibility') === 'on',
  };
  const policy = {
    ...values,
    windowWeeks: Number(values.windowWeeks),
    thresholdWeeks: Number(values.thresholdWeeks),
  };
  return formCall(prev, orgApi.putPolicy(policy), {
    values,
    done: "Policy saved. Everyone's readiness now follows it.",
    revalidate: ['/', 'layout'],
  });
}

export interface UserActionState extends FormState {
  /** A password-reset link, shown to the admin once to pass on privately. */
  resetUrl?: string;
  resetExpiresAt?: string;
}

/** Deactivate or reactivate: the API ends every credential of a deactivated person at once. */
export async function setActive(_prev: UserActionState, form: FormData): Promise<UserActionState> {
  const id = formText(form, 'id');
  const name = formText(form, 'name', 'They');
  const active = form.get('active') === 'true';
  const res = await usersApi.setActive(id, active);
  revalidatePath('/admin');
  if (res.ok) {
    return {
      done: active
        ? `${name} is active again and can sign in.`
        : `${name} is deactivated: signed out everywhere, tokens stopped.`,
    };
  }
  // A 409 names why in a sentence (reports to reassign first, the last admin).
  return {
    message: `Could not ${active ? 'reactivate' : 'deactivate'} ${name}: ${
      res.problem.detail || 'it was refused.'
    }`,
  };
}

export async function issueResetLink(
  _prev: UserActionState,
  form: FormData,
): Promise<UserActionState> {
  const id = formText(form, 'id');
  const name = formText(form, 'name', 'them');
  const res = await usersApi.issuePasswordReset(id);
  if (!res.ok) {
    return {
      message: `Could not issue a reset link for ${name}: ${res.problem.detail || 'refused.'}`,
    };
  }
  revalidatePath('/admin/audit');
  return { resetUrl: res.data.url, resetExpiresAt: res.data.expiresAt };
}
