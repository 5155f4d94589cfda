'use client';
// Settings › GitLab: connect (a token, and a self-managed instance's address), then the
// connection (username, instance, last sync and, in words, what stopped it) with "Sync now"
// and "Disconnect". While a sync runs the page refreshes itself, so its outcome appears.
import '../../lib/zod-in-the-browser';
import type { GitlabIntegration } from '@leadtrack/schemas';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import type { IntegrationState } from '../../app/actions/integrations';
import { ActionForm } from '../../components/action-form';
import { FormAlert, fieldBinder, InputField, PasswordField } from '../../components/field';
import { Flash } from '../../components/flash';
import { SummaryItem } from '../../components/summary-item';
import { instant } from '../../lib/format';
import { IntegrationButtons, IntegrationOutcome, useIntegration } from '../integration-parts';
import { connectGitlab } from './actions';
import '../../components/summary-item.css';

type Connect = ReturnType<typeof useActionState<IntegrationState, FormData>>;

function TokenForm({ connect, again }: { connect: Connect; again: boolean }) {
  const bind = fieldBinder(connect[0].errors, connect[0].values, (name) => `gitlab-${name}`);
  return (
    <ActionForm done={null} run={connect} submit={again ? 'Replace token' : 'Connect GitLab'}>
      <PasswordField
        {...bind('token')}
        label="Personal access token"
        autoComplete="new-password"
        hint={
          <>
            A token with the <code>read_api</code> scope. Stored encrypted, never shown again.
          </>
        }
      />
      <InputField
        {...bind('baseUrl')}
        label="Self-managed GitLab address (optional)"
        type="url"
        inputMode="url"
        placeholder="https://gitlab.example.com"
        hint="Leave empty for gitlab.com."
      />
    </ActionForm>
  );
}

export function GitlabSettings({
  connection,
  timeZone,
}: {
  connection: GitlabIntegration | null;
  timeZone: string;
}) {
  const router = useRouter();
  const connect = useActionState<IntegrationState, FormData>(connectGitlab, {});
  const { synced, removed, buttons } = useIntegration('gitlab');
  const running = connection?.syncing ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [running, router]);

  if (!connection)
    return (
      <div className="stack">
        {removed.done ? <Flash>{removed.done}</Flash> : null}
        <p className="muted">
          Connect GitLab and the merge requests you review for colleagues arrive as one suggestion a
          week (“Reviewed 6 merge requests in 3 projects for 4 authors”), and the design merge
          requests you open (ADRs, RFCs, designs) as proposals.
        </p>
        <TokenForm connect={connect} again={false} />
      </div>
    );
  const host = new URL(connection.baseUrl).host;
  return (
    <div className="stack">
      <IntegrationOutcome
        done={[synced.done ? undefined : connect[0].done, synced.done]}
        message={synced.message ?? removed.message}
      />
      <dl className="summary">
        <SummaryItem term="Connected as">
          <strong>@{connection.username}</strong> <span className="muted small">{host}</span>
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
        <FormAlert>The last GitLab sync stopped: {connection.lastError}</FormAlert>
      ) : null}
      <p className="muted small">
        GitLab is synced every week on its own; suggestions wait in your{' '}
        <Link href="/inbox">inbox</Link>.
      </p>
      <IntegrationButtons
        buttons={{ ...buttons, syncing: buttons.syncing || running }}
        syncLabel={running ? 'Syncing…' : 'Sync GitLab now'}
        disconnectLabel="Disconnect GitLab"
      />
      <details>
        <summary>Use another GitLab token</summary>
        <TokenForm connect={connect} again />
      </details>
    </div>
  );
}
