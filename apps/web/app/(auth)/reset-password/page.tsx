import type { QueryPageProps } from '../../../lib/page-props';
import { usePasswordReset } from '../../actions/password-reset';
import { linkMetadata, type PasswordLink, PasswordLinkPage } from '../password-link';

const RESET: PasswordLink = {
  heading: 'Set a new password',
  action: usePasswordReset,
  submit: 'Set password',
  password: { name: 'newPassword', label: 'New password' },
};

export const metadata = linkMetadata(RESET);

/** Where a password-reset link leads: a new password, then signing in with it. */
export default function ResetPasswordPage({ searchParams }: QueryPageProps) {
  return <PasswordLinkPage link={RESET} searchParams={searchParams} />;
}
