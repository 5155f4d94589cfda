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

interface ButtonsProps {
  sync: () => void;
  syncing: boolean;
  syncLabel: ReactNode;
  disconnect: () => void;
  removing: boolean;
  disconnectLabel: ReactNode;
}

export function IntegrationButtons({
  sync,
  syncing,
  syncLabel,
  disconnect,
  removing,
  disconnectLabel,
}: ButtonsProps) {
  return (
    <div className="button-row">
      <form action={sync}>
        <SubmitButton pending={syncing}>{syncLabel}</SubmitButton>
      </form>
      <form action={disconnect}>
        <SubmitButton pending={removing} className="button danger">
          {disconnectLabel}
        </SubmitButton>
      </form>
    </div>
  );
}
