'use client';
// Settings › a code host reached with a personal access token (GitHub, GitLab): connect (a
// token, and a self-hosted address when it is one), then the connection's state (the
// account, the address, the last sync and, in words, what stopped it) with "Sync <host> now"
// and "Disconnect <host>". While a sync runs (the backfill after connecting) the page
// refreshes itself every few seconds, so its outcome appears without a reload. Each host's
// folder gives its words (token-host-words below) and its connect action.
import '../lib/zod-in-the-browser';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useActionState, useEffect } from 'react';
import type { IntegrationState } from '../app/actions/integrations';
import { ActionForm } from '../components/action-form';
import { FormAlert, fieldBinder, InputField, PasswordField } from '../components/field';
import { Flash } from '../components/flash';
import { SummaryItem } from '../components/summary-item';
import { instant } from '../lib/format';
import { IntegrationButtons, IntegrationOutcome, useIntegration } from './integration-parts';
import '../components/summary-item.css';

const REFRESH_MS = 3_000;

/** What the panel says of one host. */
export interface TokenHostWords {
  id: 'github' | 'gitlab';
  name: string;
  /** What the panel says before connecting: what arrives, and how. */
  intro: ReactNode;
  /** Under the token field: which scopes, and that it is never shown again. */
  tokenHint: ReactNode;
  address: { label: string; placeholder: string; hint: string };
  /** The address as the connection shows it ("github.com", the instance's host). */
  where(baseUrl: string): string;
}

/** The connection as GET /me/integrations/<id> answers it, the account under either name. */
export interface TokenHostConnection {
  login?: string;
  username?: string;
  baseUrl: string;
  lastSyncAt: string | null;
  lastError: string | null;
  syncing: boolean;
}

type Connect = ReturnType<typeof useActionState<IntegrationState, FormData>>;

/** The token form: its state lives in the panel, which stays while the page changes. */
function TokenForm({
  host,
  connect,
  again,
}: {
  host: TokenHostWords;
  connect: Connect;
  again: boolean;
}) {
  const bind = fieldBinder(connect[0].errors, connect[0].values, (name) => `${host.id}-${name}`);
  return (
    <ActionForm done={null} run={connect} submit={again ? 'Replace token' : `Connect ${host.name}`}>
      <PasswordField
        {...bind('token')}
        label="Personal access token"
        autoComplete="new-password"
        hint={host.tokenHint}
      />
      <InputField
        {...bind('baseUrl')}
        id={`${host.id}-base-url`}
        label={host.address.label}
        type="url"
        inputMode="url"
        placeholder={host.address.placeholder}
        hint={host.address.hint}
      />
    </ActionForm>
  );
}

/** What Settings gives a host's panel: the connection (null while not connected). */
export interface TokenHostPanelProps {
  connection: TokenHostConnection | null;
  timeZone: string;
}

export function TokenHostSettings({
  host,
  action,
  connection,
  timeZone,
}: TokenHostPanelProps & {
  host: TokenHostWords;
  action: (prev: IntegrationState, form: FormData) => Promise<IntegrationState>;
}) {
  const router = useRouter();
  const connect = useActionState<IntegrationState, FormData>(action, {});
  const { synced, removed, buttons } = useIntegration(host.id);
  const running = connection?.syncing ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, router]);

  if (!connection) {
    return (
      <div className="stack">
        {removed.done ? <Flash>{removed.done}</Flash> : null}
        <p className="muted">{host.intro}</p>
        <TokenForm host={host} connect={connect} again={false} />
      </div>
    );
  }
  return (
    <div className="stack">
      <IntegrationOutcome
        done={[synced.done ? undefined : connect[0].done, synced.done]}
        message={synced.message ?? removed.message}
      />
      <dl className="summary">
        <SummaryItem term="Connected as">
          <strong>@{connection.login ?? connection.username}</strong>{' '}
          <span className="muted small">{host.where(connection.baseUrl)}</span>
        </SummaryItem>
        <SummaryItem term="Last sync">
          <span role="status">
            {running
              ? 'Syncing now…'
              : connection.lastSyncAt
                ? instant(connection.lastSyncAt, timeZone)
                : 'Not yet'}
          </span>
        </SummaryItem>
      </dl>
      {connection.lastError && !running ? (
        <FormAlert>
          The last {host.name} sync stopped: {connection.lastError}
        </FormAlert>
      ) : null}
      <p className="muted small">
        {host.name} is synced every week on its own; suggestions wait in your{' '}
        <Link href="/inbox">inbox</Link>.
      </p>
      <IntegrationButtons
        buttons={{ ...buttons, syncing: buttons.syncing || running }}
        syncLabel={running ? 'Syncing…' : `Sync ${host.name} now`}
        disconnectLabel={`Disconnect ${host.name}`}
      />
      <details>
        <summary>Use another {host.name} token</summary>
        <TokenForm host={host} connect={connect} again />
      </details>
    </div>
  );
}
