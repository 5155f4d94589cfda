'use client';
// Settings › Calendar: connect a calendar feed (its iCalendar address), then the feed's host,
// its last read and error, with "Read now" and "Disconnect". An .ics file can be imported
// once instead on the import page.
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert, InputField, SubmitButton } from '../../../components/field';
import { Flash } from '../../../components/flash';
import { instant } from '../../../lib/format';
import type { CalendarFeed } from '../../../lib/types';
import {
  type CalendarState,
  connectCalendar,
  disconnectCalendar,
  syncCalendar,
} from '../../actions/calendar';

export function CalendarSettings({
  feed,
  timeZone,
}: {
  feed: CalendarFeed | null;
  timeZone: string;
}) {
  const [connected, connect, connecting] = useActionState<CalendarState, FormData>(
    connectCalendar,
    {},
  );
  const [synced, sync, syncing] = useActionState<CalendarState>(syncCalendar, {});
  const [removed, disconnect, removing] = useActionState<CalendarState>(disconnectCalendar, {});
  const e = connected.errors ?? {};
  const form = (
    <form action={connect} className="stack narrow" noValidate key={connected.saved ?? 0}>
      <FormAlert message={connected.message} />
      <InputField
        id="calendar-url"
        name="url"
        label="Calendar address (iCalendar)"
        error={e.url}
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://calendar.example.com/private/…/basic.ics"
        hint="Your calendar’s secret address in iCal format (https or webcal). Stored encrypted, never shown again."
      />
      <div>
        <SubmitButton pending={connecting}>
          {feed ? 'Replace address' : 'Connect calendar'}
        </SubmitButton>
      </div>
    </form>
  );
  return (
    <div className="stack">
      <div aria-live="polite" className="stack">
        {[connected.done, synced.done, removed.done].map((done) =>
          done ? <Flash key={done}>{done}</Flash> : null,
        )}
        <FormAlert message={synced.message ?? removed.message} />
      </div>
      {feed ? (
        <>
          <dl className="summary">
            <div className="summary-item">
              <dt>Feed</dt>
              <dd>
                <strong>{feed.host}</strong>
              </dd>
            </div>
            <div className="summary-item">
              <dt>Last read</dt>
              <dd>{feed.lastSyncAt ? instant(feed.lastSyncAt, timeZone) : 'Not yet'}</dd>
            </div>
          </dl>
          {feed.lastError ? (
            <p className="form-alert" role="alert">
              {feed.lastError}
            </p>
          ) : null}
          <p className="muted small">
            The feed is read every day. Meetings with product or stakeholders, recurring 1:1s, focus
            blocks and days out of office wait in your <Link href="/inbox">inbox</Link>.
          </p>
          <div className="button-row">
            <form action={sync}>
              <SubmitButton pending={syncing}>Read now</SubmitButton>
            </form>
            <form action={disconnect}>
              <SubmitButton pending={removing} className="button danger">
                Disconnect calendar
              </SubmitButton>
            </form>
          </div>
          <details>
            <summary>Use another address</summary>
            {form}
          </details>
        </>
      ) : (
        <>
          <p className="muted">
            Connect your calendar and meetings with product or stakeholders suggest communication,
            recurring 1:1s and pairing suggest mentoring, and focus blocks and days out of office
            suggest the week’s check-in. You choose what becomes evidence.
          </p>
          {form}
        </>
      )}
    </div>
  );
}
