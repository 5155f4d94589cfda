'use server';
// The public end of a password-reset link: no session, the link's token is the credential.
import { redirect } from 'next/navigation';
import { authApi } from '../../lib/api';
import { formText, type LinkFormState, linkFailure, needsAttention } from '../../lib/form-state';

export type ResetState = LinkFormState;

export async function usePasswordReset(_prev: ResetState, form: FormData): Promise<ResetState> {
  const token = formText(form, 'token');
  const newPassword = formText(form, 'newPassword');
  if (newPassword !== formText(form, 'repeatPassword')) {
    return needsAttention({ repeatPassword: 'The two passwords differ: type the same one twice.' });
  }
  const res = await authApi.resetPassword({ token, newPassword });
  if (res.ok) redirect('/login?reset=1');
  return linkFailure(res, 'Setting the password failed. Try again.');
}
