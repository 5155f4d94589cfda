'use client';
// Asked once of a person whose time zone was never confirmed (added by an admin or by
// single sign-on): the zone their browser is in, suggested by its current IANA name, or the
// one they have. Either answer saves the zone, which confirms it (PATCH /me).
import { currentZoneName, isValidTimeZone } from '@leadtrack/core';
import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { confirmTimeZone, type SettingsState } from '../app/actions/settings';
import { FormAlert } from './field';

export function ZonePrompt({ current }: { current: string }) {
  const [browser, setBrowser] = useState<string | null>(null);
  const [state, action, pending] = useActionState<SettingsState, FormData>(confirmTimeZone, {});
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
    setBrowser(isValidTimeZone(zone) ? currentZoneName(zone) : current);
  }, [current]);
  if (state.saved) return null;
  const suggested = browser ?? current;
  const differs = suggested !== current;
  return (
    <section className="notice zone-prompt" aria-labelledby="zone-prompt-h">
      <h2 id="zone-prompt-h" className="small">
        Confirm your time zone
      </h2>
      <p className="small">
        {differs
          ? `Your browser is in ${suggested}; Leadtrack shows your days in ${current}.`
          : `Leadtrack shows your days and weeks in ${current}.`}{' '}
        <Link href="/settings#tz-h">Choose another in Settings</Link>.
      </p>
      {state.message ? <FormAlert small>{state.message}</FormAlert> : null}
      <div className="row">
        <form action={action}>
          <input type="hidden" name="timeZone" value={suggested} />
          <button type="submit" className="button small primary" disabled={pending}>
            {differs ? `Use ${suggested}` : `Keep ${current}`}
          </button>
        </form>
        {differs ? (
          <form action={action}>
            <input type="hidden" name="timeZone" value={current} />
            <button type="submit" className="button small" disabled={pending}>
              Keep {current}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}
