import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '../../../components/field';
import { authApi } from '../../../lib/api';
import type { QueryPageProps } from '../../../lib/page-props';
import '../../../components/nav.css';

export const metadata: Metadata = { title: 'Unsubscribe · Leadtrack' };

export default async function UnsubscribePage({ searchParams }: QueryPageProps) {
  const { token } = await searchParams;
  const res =
    typeof token === 'string' && token.length > 0 ? await authApi.unsubscribe(token) : null;
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>Unsubscribe</h1>
      {res?.ok ? (
        <div className="stack">
          <p className="flash" role="status">
            Done: you will no longer receive {res.data.description}.
          </p>
          <p>
            Changed your mind? Turn it back on in{' '}
            <Link href="/settings">Settings → Email and reminders</Link> (after signing in).
          </p>
        </div>
      ) : (
        <FormAlert>
          {res && res.status !== 400
            ? 'Leadtrack could not be reached. Open the link again in a moment.'
            : 'This unsubscribe link is not valid. Open the whole link from your latest email, or change what you receive in Settings after signing in.'}
        </FormAlert>
      )}
    </main>
  );
}
