// What the calendar and GitHub settings share: their "sync now" and "disconnect" actions, the
// outcome of the last action, announced politely, and the row of those two buttons.
import { type ReactNode, useActionState } from 'react';
import { FormAlert, SubmitButton } from '../../../components/field';
import { Flash } from '../../../components/flash';
import {
  disconnectIntegration,
  type Integration,
  type IntegrationState,
  syncIntegration,
} from '../../actions/integrations';

const SYNC = {
  calendar: syncIntegration.bind(null, 'calendar'),
  github: syncIntegration.bind(null, 'github'),
};
const DISCONNECT = {
  calendar: disconnectIntegration.bind(null, 'calendar'),
  github: disconnectIntegration.bind(null, 'github'),
};

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
