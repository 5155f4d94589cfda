'use client';
// Per person on the admin page: deactivate or reactivate, and issue a one-time password
// reset link (shown here once, to pass on privately).
import { useActionState } from 'react';
import { OneTimeSecret } from '../../../components/copy-button';
import { FormAlert } from '../../../components/field';
import { instant } from '../../../lib/format';
import { issueResetLink, setActive, type UserActionState } from '../../actions/admin';
import './admin.css';

export function UserActions({
  id,
  name,
  active,
  self,
  timeZone,
}: {
  id: string;
  name: string;
  active: boolean;
  self: boolean;
  timeZone: string;
}) {
  const [activeState, activeAction, activePending] = useActionState<UserActionState, FormData>(
    setActive,
    {},
  );
  const [reset, resetAction, resetPending] = useActionState<UserActionState, FormData>(
    issueResetLink,
    {},
  );
  return (
    <div className="stack">
      <div className="admin-actions">
        {self ? null : (
          <form action={activeAction}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="name" value={name} />
            <input type="hidden" name="active" value={String(!active)} />
            <button
              type="submit"
              className={`button small${active ? ' danger' : ''}`}
              disabled={activePending}
              aria-label={`${active ? 'Deactivate' : 'Reactivate'} ${name}`}
            >
              {active ? 'Deactivate' : 'Reactivate'}
            </button>
          </form>
        )}
        {active ? (
          <form action={resetAction}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="name" value={name} />
            <button
              type="submit"
              className="button small"
              disabled={resetPending}
              // The visible words start the name (WCAG 2.5.3, label in name).
              aria-label={`Issue reset link for ${name}`}
            >
              Issue reset link
            </button>
          </form>
        ) : null}
      </div>
      <div aria-live="polite">
        {activeState.done ? <p className="flash small">{activeState.done}</p> : null}
        <FormAlert message={activeState.message} small />
        <FormAlert message={reset.message} small />
        {reset.resetUrl ? (
          <div className="notice stack small">
            <p>
              Reset link for {name}, usable once until {instant(reset.resetExpiresAt, timeZone)}.
              Copy it now and send it privately: it is not shown again.
            </p>
            <OneTimeSecret value={reset.resetUrl} label="Reset link" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
