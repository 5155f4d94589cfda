// How the person signs in (a password, single sign-on), and for admins, how single sign-on
// is set up here: the redirect URI to register at the provider and who is linked.
import type { SsoOverview } from '@leadtrack/schemas';
import { instant } from '../../../lib/format';
import type { MeDto } from '../../../lib/types';
import '../../../components/table-head.css';

export function SignInSection({
  me,
  ssoName,
  sso,
}: {
  me: MeDto;
  ssoName: string | null;
  /** GET /admin/sso, for admins only. */
  sso: SsoOverview | null;
}) {
  const ways = [
    me.signIn.sso ? `with ${ssoName ?? 'single sign-on'}` : null,
    me.signIn.password ? 'with your email and password' : null,
  ].filter(Boolean);
  return (
    <section className="panel" aria-labelledby="sign-in-h">
      <h2 id="sign-in-h">How you sign in</h2>
      <p>
        {ways.length > 0
          ? `You sign in ${ways.join(' or ')}.`
          : 'You have no password yet: use the setup link an admin sent you.'}
      </p>
      {sso ? (
        <div className="stack">
          <h3>Single sign-on</h3>
          {sso.issuer ? (
            <p>
              Provider: {sso.name} (<code>{sso.issuer}</code>).{' '}
              {sso.ssoOnly
                ? sso.breakGlass
                  ? 'Passwords are off, except for admins.'
                  : 'Passwords are off for everyone.'
                : 'Passwords work as well.'}
            </p>
          ) : (
            <p>
              Not set up: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (see the README).
            </p>
          )}
          <p>
            Redirect URI to register at the provider: <code>{sso.redirectUri}</code>
          </p>
          {sso.links.length > 0 ? (
            <div className="table-wrap contained">
              <table>
                <caption>People linked to single sign-on</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Email at the provider</th>
                    <th scope="col">Linked</th>
                    <th scope="col">Last sign-in</th>
                  </tr>
                </thead>
                <tbody>
                  {sso.links.map((l) => (
                    <tr key={`${l.user.id}-${l.linkedAt}`}>
                      <td>{l.user.name}</td>
                      <td>{l.email}</td>
                      <td>{instant(l.linkedAt, me.timeZone)}</td>
                      <td>{l.lastSignInAt ? instant(l.lastSignInAt, me.timeZone) : 'Never'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">Nobody is linked yet.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
