// What the calendar and GitHub settings share: the outcome of their last action, announced
// politely, and the row of "sync now" and "disconnect" buttons.
import type { ReactNode } from 'react';
import { FormAlert, SubmitButton } from '../../../components/field';
import { Flash } from '../../../components/flash';

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
