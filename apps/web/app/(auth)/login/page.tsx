import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { FormAlert } from '../../../components/field';
import { getMe } from '../../../lib/api';
import { SESSION_ENDED_PARAM, safeNext } from '../../../lib/config';
import type { QueryPageProps } from '../../../lib/page-props';
import { signInProviders, ssoFailureSentence } from '../../../lib/sign-in-providers';
import { LoginForm } from './login-form';
import '../../../components/nav.css';

export const metadata: Metadata = { title: 'Sign in · Leadtrack' };

export default async function LoginPage({ searchParams }: QueryPageProps) {
  const params = await searchParams;
  const { next } = params;
  // Already signed in: straight on.
  if (await getMe().catch(() => null)) redirect(safeNext(next));
  const ended = params[SESSION_ENDED_PARAM] !== undefined;
  const reset = params.reset !== undefined;
  const providers = await signInProviders();
  const ssoName = providers.oidc?.name ?? 'single sign-on';
  // A fixed code from the API's redirect, worded here: nothing from the URL is shown.
  const ssoFailure = ssoFailureSentence(params.sso, ssoName);
  const startUrl = `/api/v1/auth/oidc/start?next=${encodeURIComponent(safeNext(next))}`;
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
      {ssoFailure ? <FormAlert>{ssoFailure}</FormAlert> : null}
      {providers.oidc ? (
        <p>
          {/* A plain link: the browser itself must go to the provider and come back. */}
          <a className="button" href={startUrl}>
            Sign in with {providers.oidc.name}
          </a>
        </p>
      ) : null}
      {providers.password ? (
        <LoginForm next={safeNext(next)} signUp />
      ) : providers.adminPassword ? (
        <details className="stack">
          <summary>Admins: sign in with a password</summary>
          <LoginForm next={safeNext(next)} signUp={false} />
        </details>
      ) : null}
    </main>
  );
}
