import { timeZoneNames } from '@leadtrack/core';
import { SOURCES } from '@leadtrack/schemas';
import type { Metadata } from 'next';
import Link from 'next/link';
import { SponsorsSection } from '../../../components/sponsors-section';
import { load, meApi, orgApi } from '../../../lib/api';
import type { QueryPageProps } from '../../../lib/page-props';
import { signInProviders } from '../../../lib/sign-in-providers';
import { SOURCE_SETTINGS } from '../../../sources/settings';
import { PasswordForm, SessionsForm, TimeZoneForm, TokenForm, TokenList } from './forms';
import { PreferencesForm } from './preferences-form';
import { SignInSection } from './sign-in-section';

export const metadata: Metadata = { title: 'Settings · Leadtrack' };

/**
 * Every zone by its current IANA name, UTC first (`Asia/Kolkata`, not ICU's
 * `Asia/Calcutta`), plus the person's own should the list not hold it, so the select never
 * shows another zone than the one saved.
 */
function timeZones(current: string): string[] {
  const zones = timeZoneNames();
  return zones.includes(current) ? zones : [current, ...zones];
}

export default async function SettingsPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const [me, tokens, preferences, connections] = await Promise.all([
    load(meApi.get()),
    load(meApi.tokens()),
    load(meApi.preferences()),
    // Each source's connection: 404 while it is not connected.
    Promise.all(SOURCES.map((source) => meApi.integrationOf(source.id))),
  ]);
  const timeZone = me.timeZone;
  const [providers, sso] = await Promise.all([
    signInProviders(),
    me.role === 'admin' ? orgApi.sso() : null,
  ]);
  return (
    <>
      <h1>Settings</h1>
      <div className="columns">
        <section className="panel" aria-labelledby="password-h">
          <h2 id="password-h">Password</h2>
          <PasswordForm />
        </section>
        <div>
          <section className="panel" aria-labelledby="tz-h">
            <h2 id="tz-h">Time zone</h2>
            <TimeZoneForm current={timeZone} zones={timeZones(timeZone)} />
          </section>
          <section className="panel" aria-labelledby="sessions-h">
            <h2 id="sessions-h">Other devices</h2>
            <SessionsForm />
          </section>
        </div>
      </div>
      <SignInSection
        me={me}
        ssoName={providers.oidc?.name ?? null}
        sso={sso?.ok ? sso.data : null}
      />
      <section className="panel" aria-labelledby="email-h">
        <h2 id="email-h">Email and reminders</h2>
        <PreferencesForm preferences={preferences} timeZone={timeZone} />
      </section>
      {SOURCES.map((source, i) => {
        const Panel = SOURCE_SETTINGS[source.id];
        const connection = connections[i];
        return (
          <section key={source.id} className="panel" aria-labelledby={`${source.id}-h`}>
            <h2 id={`${source.id}-h`}>{source.label}</h2>
            <Panel connection={connection?.ok ? connection.data : null} timeZone={timeZone} />
          </section>
        );
      })}
      <section className="panel" aria-labelledby="tokens-h">
        <h2 id="tokens-h">Personal access tokens</h2>
        <p className="muted">
          For scripts and tools that call the API as you (<code>Authorization: Bearer …</code>).
          Each token expires; revoke one as soon as it is no longer needed.
        </p>
        <TokenForm />
        <TokenList tokens={tokens.items} timeZone={timeZone} />
      </section>
      <SponsorsSection meId={me.id} flash={sp} />
      <section className="panel" aria-labelledby="data-h">
        <h2 id="data-h">Your data</h2>
        <p className="muted">
          Everything Leadtrack holds about you (entries, check-ins, feedback, reflections, the
          working agreement) as one JSON file. <Link href="/import">Import</Link> reads it back,
          here or on another instance.
        </p>
        <p>
          {/* A download, not a page: a plain link so the browser saves the file. */}
          <a className="button ghost" href="/settings/export" download>
            Download my data (JSON)
          </a>
        </p>
      </section>
    </>
  );
}
