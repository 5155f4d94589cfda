import type { Metadata } from 'next';
import { FormAlert } from '../../../components/field';
import type { QueryPageProps } from '../../../lib/page-props';
import { ResetForm } from './reset-form';
import '../../../components/nav.css';

export const metadata: Metadata = { title: 'Set a new password · Leadtrack' };

export default async function ResetPasswordPage({ searchParams }: QueryPageProps) {
  const { token } = await searchParams;
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>Set a new password</h1>
      {typeof token === 'string' && token.length > 0 ? (
        <ResetForm token={token} />
      ) : (
        <FormAlert>
          This link is incomplete. Open the whole link you were sent, or ask an admin for a new one.
        </FormAlert>
      )}
    </main>
  );
}
