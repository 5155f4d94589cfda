import type { Metadata } from 'next';
import { FormAlert } from '../../../components/field';
import type { QueryPageProps } from '../../../lib/page-props';
import { SetupForm } from './setup-form';
import '../../../components/nav.css';

export const metadata: Metadata = { title: 'Choose your password · Leadtrack' };

/** Where a new person's setup link leads: they choose their password and are signed in. */
export default async function SetupPage({ searchParams }: QueryPageProps) {
  const { token } = await searchParams;
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>Choose your password</h1>
      {typeof token === 'string' && token.length > 0 ? (
        <SetupForm token={token} />
      ) : (
        <FormAlert>
          This link is incomplete. Open the whole link you were sent, or ask an admin for a new one.
        </FormAlert>
      )}
    </main>
  );
}
