// What every source's settings share: their "sync now" and "disconnect" actions, the
// outcome of the last action, announced politely, and the row of those two buttons.
import { SOURCE_IDS } from '@leadtrack/schemas';
import { type ReactNode, useActionState } from 'react';
import {
  disconnectIntegration,
  type Integration,
  type IntegrationState,
  syncIntegration,
} from '../app/actions/integrations';
import { FormAlert, SubmitButton } from '../components/field';
import { Flash } from '../components/flash';

const SYNC = Object.fromEntries(
  SOURCE_IDS.map((id) => [id, syncIntegration.bind(null, id)]),
) as Record<Integration, (prev: IntegrationState) => Promise<IntegrationState>>;
const DISCONNECT = Object.fromEntries(
  SOURCE_IDS.map((id) => [id, disconnectIntegration.bind(null, id)]),
) as Record<Integration, (prev: IntegrationState) => Promise<IntegrationState>>;

/** The integration's sync and disconnect actions: what each answered, and the buttons' props. */
export function useIntegration(kind: Integration) {
  const [synced, sync, syncing] = useActionState<IntegrationState>(SYNC[kind], {});
  const [removed, disconnect, removing] = useActionState<IntegrationState>(DISCONNECT[kind], {});
  return { synced, removed, buttons: { sync, syncing, disconnect, removing } };
}

/** What worked (one line each) and what failed, in one live region. */
export function IntegrationOutcome({
  done,
  message,
}: {
  done: (string | undefined)[];
  message: string | undefined;
}) {
  return (
    <div aria-live="polite" className="stack">
      {done.map((text) => (text ? <Flash key={text}>{text}</Flash> : null))}
      <FormAlert message={message} />
    </div>
  );
}

/** "Sync now" and "Disconnect", each its own form, each waiting while its action runs. */
export function IntegrationButtons({
  buttons,
  syncLabel,
  disconnectLabel,
}: {
  buttons: ReturnType<typeof useIntegration>['buttons'];
  syncLabel: ReactNode;
  disconnectLabel: ReactNode;
}) {
  const rows = [
    {
      action: buttons.sync,
      pending: buttons.syncing,
      label: syncLabel,
      className: 'button primary',
    },
    {
      action: buttons.disconnect,
      pending: buttons.removing,
      label: disconnectLabel,
      className: 'button danger',
    },
  ];
  return (
    <div className="button-row">
      {rows.map((row) => (
        <form key={row.className} action={row.action}>
          <SubmitButton pending={row.pending} className={row.className}>
            {row.label}
          </SubmitButton>
        </form>
      ))}
    </div>
  );
}
