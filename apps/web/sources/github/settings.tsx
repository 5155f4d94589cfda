'use client';
// Settings › GitHub: connect (a token, and GitHub Enterprise's address when it is one), then
// the connection's state (login, last sync and its error) with "Sync now" and "Disconnect".
// While a sync runs (the backfill after connecting) the page refreshes itself every few
// seconds, so its outcome appears without a reload.
import '../../lib/zod-in-the-browser';
import type { GithubIntegration } from '@leadtrack/schemas';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { ActionForm } from '../../components/action-form';
import { FormAlert, fieldBinder, InputField, PasswordField } from '../../components/field';
import { Flash } from '../../components/flash';
import { SummaryItem } from '../../components/summary-item';
import { instant } from '../../lib/format';
import { IntegrationButtons, IntegrationOutcome, useIntegration } from '../integration-parts';
import { connectGithub, type GithubState } from './actions';
import '../../components/summary-item.css';

const REFRESH_MS = 3_000;

type ConnectAction = ReturnType<typeof useActionState<GithubState, FormData>>;

/** The token form: its state lives in GithubSettings, which stays while the page changes. */
function ConnectForm({ again, connect }: { again: boolean; connect: ConnectAction }) {
  const [state] = connect;
  const bind = fieldBinder(state.errors, state.values, (name) => `github-${name}`);
  return (
    <ActionForm done={null} run={connect} submit={again ? 'Replace token' : 'Connect GitHub'}>
      <PasswordField
        {...bind('token')}
        label="Personal access token"
        autoComplete="new-password"
        hint={
          <>
            A classic token with the <code>repo</code> scope, or a fine-grained one that reads pull
            requests. Stored encrypted, never shown again.
          </>
        }
      />
      <InputField
        {...bind('baseUrl')}
        id="github-base-url"
        label="GitHub Enterprise address (optional)"
        type="url"
        inputMode="url"
        placeholder="https://github.example.com/api/v3"
        hint="Leave empty for github.com."
      />
    </ActionForm>
  );
}

export function GithubSettings({
  integration,
  timeZone,
}: {
  integration: GithubIntegration | null;
  timeZone: string;
}) {
  const router = useRouter();
  const connect = useActionState<GithubState, FormData>(connectGithub, {});
  const { synced, removed, buttons } = useIntegration('github');
  const running = integration?.syncing ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, router]);

  if (!integration) {
    return (
      <div className="stack">
        {removed.done ? <Flash>{removed.done}</Flash> : null}
        <p className="muted">
          Connect GitHub and the reviews you give colleagues arrive as one suggestion a week
          (“Reviewed 7 pull requests in 3 repositories for 5 authors”), and your design pull
          requests (ADRs, RFCs, design documents) as proposals. You choose what becomes evidence in
          your inbox.
        </p>
        <ConnectForm again={false} connect={connect} />
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
          <strong>@{integration.login}</strong>{' '}
          <span className="muted small">
            {integration.baseUrl === 'https://api.github.com' ? 'github.com' : integration.baseUrl}
          </span>
        </SummaryItem>
        <SummaryItem term="Last sync">
          <span role="status">
            {running
              ? 'Syncing now…'
              : integration.lastSyncAt
                ? instant(integration.lastSyncAt, timeZone)
                : 'Not yet'}
          </span>
        </SummaryItem>
      </dl>
      {integration.lastError && !running ? (
        <FormAlert>The last sync stopped: {integration.lastError}</FormAlert>
      ) : null}
      <p className="muted small">
        A sync runs every week on its own. Suggestions wait in your <Link href="/inbox">inbox</Link>
        .
      </p>
      <IntegrationButtons
        buttons={{ ...buttons, syncing: buttons.syncing || running }}
        syncLabel={running ? 'Syncing…' : 'Sync now'}
        disconnectLabel="Disconnect"
      />
      <details>
        <summary>Use another token</summary>
        <ConnectForm again connect={connect} />
      </details>
    </div>
  );
}
