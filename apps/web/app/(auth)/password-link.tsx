// The page a one-time link that chooses a password leads to (/setup, /reset-password): its
// form, or why the link cannot work when it came without its token.
import type { Metadata } from 'next';
import { FormAlert } from '../../components/field';
import type { SearchParams } from '../../lib/page-props';
import { NewPasswordForm, type NewPasswordFormProps } from './new-password-form';
import '../../components/nav.css';

/** What one such page says and does: its heading (and title), and its form. */
export interface PasswordLink extends NewPasswordFormProps {
  heading: string;
}

export const linkMetadata = (link: PasswordLink): Metadata => ({
  title: `${link.heading} · Leadtrack`,
});

export async function PasswordLinkPage({
  link: { heading, ...form },
  searchParams,
}: {
  link: PasswordLink;
  searchParams: Promise<SearchParams>;
}) {
  const { token } = await searchParams;
  return (
    <main className="auth">
      <p className="brand-lg">Leadtrack</p>
      <h1>{heading}</h1>
      {typeof token === 'string' && token.length > 0 ? (
        <NewPasswordForm token={token} {...form} />
      ) : (
        <FormAlert>
          This link is incomplete. Open the whole link you were sent, or ask an admin for a new one.
        </FormAlert>
      )}
    </main>
  );
}
