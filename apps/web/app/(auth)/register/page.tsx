import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getMe } from '../../../lib/api';
import { safeNext } from '../../../lib/config';
import type { QueryPageProps } from '../../../lib/page-props';
import { RegisterForm } from './register-form';
import '../../../components/nav.css';

export const metadata: Metadata = { title: 'Create an account · Leadtrack' };

export default async function RegisterPage({ searchParams }: QueryPageProps) {
  const { next } = await searchParams;
  // Already signed in: straight on.
  if (await getMe().catch(() => null)) redirect(safeNext(next));
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>Create an account</h1>
      <RegisterForm next={safeNext(next)} />
    </main>
  );
}
