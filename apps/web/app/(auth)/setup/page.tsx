import type { QueryPageProps } from '../../../lib/page-props';
import { completeSetup } from '../../actions/auth';
import { linkMetadata, type PasswordLink, PasswordLinkPage } from '../password-link';

const SETUP: PasswordLink = {
  heading: 'Choose your password',
  action: completeSetup,
  submit: 'Set password and sign in',
  password: { name: 'password', label: 'Password' },
  intro: 'Welcome to Leadtrack. Choose the password you will sign in with.',
};

export const metadata = linkMetadata(SETUP);

/** Where a new person's setup link leads: they choose their password and are signed in. */
export default function SetupPage({ searchParams }: QueryPageProps) {
  return <PasswordLinkPage link={SETUP} searchParams={searchParams} />;
}
