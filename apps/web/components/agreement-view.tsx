// The working agreement on either side's page: who owns each of the eight areas, the
// confirmation state of both sides in words, a form to change it and a button to confirm.
import { AGREEMENT_AREA_LABELS, AGREEMENT_OWNERS } from '@leadtrack/core';
import { AGREEMENT_LIMITS } from '@leadtrack/schemas';
import { confirmAgreement, saveAgreement } from '../app/actions/agreement';
import { formatDate } from '../lib/format';
import type { AgreementDto } from '../lib/types';
import { FormAlert, SelectField, TextAreaField } from './field';
import { FailedAction } from './flash';
import { PendingButton } from './pending-button';
import './agreement-view.css';
import './summary-item.css';

const OWNER_WORDS: Record<string, (lead: string) => string> = {
  lead: (lead) => `${lead} (tech lead)`,
  manager: () => 'The manager',
  shared: () => 'Shared',
};

function day(iso: string | null): string {
  return iso ? formatDate(iso.slice(0, 10)) : '';
}

/**
 * "You confirmed on 25 Nov 2026; waiting for Sam." `side` is the reader's side; `other`
 * names the other side as the reader knows them.
 */
export function agreementState(
  agreement: AgreementDto,
  side: 'lead' | 'manager',
  other: string,
): string {
  const mine = agreement.confirmedBy[side];
  const theirs = agreement.confirmedBy[side === 'lead' ? 'manager' : 'lead'];
  if (agreement.version === 0) return `Nothing agreed yet: fill in who owns each area and save.`;
  if (agreement.confirmed)
    return `Confirmed by both: you on ${day(mine)}, ${other} on ${day(theirs)}.`;
  if (mine && theirs)
    return 'Both confirmed, but with a previous manager: confirm again with the current one.';
  if (mine) return `You confirmed on ${day(mine)}; waiting for ${other}.`;
  if (theirs) return `${other} confirmed on ${day(theirs)}; waiting for you.`;
  return `Not confirmed yet: neither you nor ${other} has confirmed this version.`;
}

export function AgreementView({
  agreement,
  side,
  other,
  leadName,
  back,
  flash,
}: {
  agreement: AgreementDto;
  side: 'lead' | 'manager';
  /** The other side, as the reader calls them ("your manager", "Sam"). */
  other: string;
  /** How to name the lead in the owner choices ("You", "Sam"). */
  leadName: string;
  back: string;
  flash: Record<string, string | string[] | undefined>;
}) {
  const state = agreementState(agreement, side, other);
  const mineConfirmed = Boolean(agreement.confirmedBy[side]) && agreement.version > 0;
  return (
    <>
      {flash.saved ? (
        <p className="flash" role="status">
          Saved. Any change asks both of you to confirm again.
        </p>
      ) : null}
      {flash.confirmed ? (
        <p className="flash" role="status">
          Confirmed.
        </p>
      ) : null}
      {flash.error === 'changed' ? (
        <FormAlert>
          Not saved: {other === 'your manager' ? 'your manager' : other} changed the agreement after
          you opened this page. Below is their version; make your change again and save.
        </FormAlert>
      ) : (
        <FailedAction error={flash.error} lead="Not saved." />
      )}
      <section className="panel" aria-labelledby="agreement-state-h">
        <h2 id="agreement-state-h">
          {agreement.confirmed ? 'Confirmed' : 'Not confirmed'}{' '}
          <span className={`status ${agreement.confirmed ? 'status-ready' : 'status-building'}`}>
            {agreement.confirmed ? 'Agreed' : 'Open'}
          </span>
        </h2>
        <p data-testid="agreement-state">{state}</p>
        {agreement.version > 0 && !mineConfirmed ? (
          <form action={confirmAgreement}>
            <input type="hidden" name="userId" value={agreement.userId} />
            <input type="hidden" name="version" value={agreement.version} />
            <input type="hidden" name="back" value={back} />
            <PendingButton className="button primary">Confirm this version</PendingButton>
          </form>
        ) : null}
      </section>
      <form action={saveAgreement} className="panel agreement-form">
        <input type="hidden" name="userId" value={agreement.userId} />
        <input type="hidden" name="version" value={agreement.version} />
        <input type="hidden" name="back" value={back} />
        <h2>Who owns what</h2>
        <p className="muted small">
          Eight areas where a tech lead's and an engineering manager's work meet. Either of you may
          change them; saving asks both to confirm again.
        </p>
        <div className="agreement-areas">
          {agreement.items.map((item) => (
            <fieldset key={item.area} className="agreement-area">
              <legend>{AGREEMENT_AREA_LABELS[item.area]}</legend>
              <SelectField id={`owner-${item.area}`} label="Owner" defaultValue={item.owner ?? ''}>
                <option value="">Not decided</option>
                {AGREEMENT_OWNERS.map((o) => (
                  <option key={o} value={o}>
                    {OWNER_WORDS[o]?.(leadName) ?? o}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                id={`note-${item.area}`}
                label="Note"
                defaultValue={item.note ?? ''}
                rows={2}
                maxLength={AGREEMENT_LIMITS.noteMax}
              />
            </fieldset>
          ))}
        </div>
        <PendingButton className="button primary">Save the agreement</PendingButton>
      </form>
    </>
  );
}
