import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getMe } from '../../../lib/api';
import { SESSION_ENDED_PARAM, safeNext } from '../../../lib/config';
import type { QueryPageProps } from '../../../lib/page-props';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · Leadtrack' };

export default async function LoginPage({ searchParams }: QueryPageProps) {
  const params = await searchParams;
  const { next } = params;
  // Already signed in: straight on.
  if (await getMe().catch(() => null)) redirect(safeNext(next));
  const ended = params[SESSION_ENDED_PARAM] !== undefined;
  const reset = params.reset !== undefined;
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>Sign in</h1>
      {ended ? (
        <p className="notice" role="status">
          You were signed out: your session has ended. Sign in again to continue.
        </p>
      ) : null}
      {reset ? (
        <p className="flash" role="status">
          Your password is set. Sign in with it.
        </p>
      ) : null}
      <LoginForm next={safeNext(next)} />
    </main>
  );
}
