'use server';
// The public end of a password-reset link: no session, the link's token is the credential.
import { redirect } from 'next/navigation';
import { authApi, fieldErrors } from '../../lib/api';
import { formText } from '../../lib/form-state';

export interface ResetState {
  error?: string;
  fields?: Record<string, string>;
  /** The link itself is spent or stale: no form is worth showing again. */
  linkDead?: boolean;
}

export async function usePasswordReset(_prev: ResetState, form: FormData): Promise<ResetState> {
  const token = formText(form, 'token');
  const newPassword = formText(form, 'newPassword');
  if (newPassword !== formText(form, 'repeatPassword')) {
    return {
      error: 'Check the highlighted fields.',
      fields: { repeatPassword: 'The two passwords differ: type the same one twice.' },
    };
  }
  const res = await authApi.resetPassword({ token, newPassword });
  if (res.ok) redirect('/login?reset=1');
  const fields = fieldErrors(res.problem);
  if (res.status === 400 && fields.token) {
    return {
      linkDead: true,
      error: 'This link has already been used or has expired. Ask an admin for a new one.',
    };
  }
  if (res.status === 400) return { error: 'Check the highlighted fields.', fields };
  if (res.status === 429) return { error: 'Too many attempts. Wait a minute, then try again.' };
  return { error: res.problem.detail || 'Setting the password failed. Try again.' };
}
