import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getMe } from '../../../lib/api';
import { safeNext } from '../../../lib/config';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · Leadtrack' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  // Already signed in: straight on.
  if (await getMe().catch(() => null)) redirect(safeNext(next));
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>Sign in</h1>
      <LoginForm next={safeNext(next)} />
    </main>
  );
}
