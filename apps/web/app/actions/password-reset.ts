'use server';
// The public end of a password-reset link: no session, the link's token is the credential.
import { redirect } from 'next/navigation';
import { authApi } from '../../lib/api';
import { formText, type LinkFormState, linkFailure, passwordsDiffer } from '../../lib/form-state';

export async function usePasswordReset(
  _prev: LinkFormState,
  form: FormData,
): Promise<LinkFormState> {
  const differ = passwordsDiffer(form, 'newPassword');
  if (differ) return differ;
  const token = formText(form, 'token');
  const newPassword = formText(form, 'newPassword');
  const res = await authApi.resetPassword({ token, newPassword });
  if (res.ok) redirect('/login?reset=1');
  return linkFailure(res, 'Setting the password failed. Try again.');
}
