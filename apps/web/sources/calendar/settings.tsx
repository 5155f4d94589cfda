'use client';
import '../../lib/zod-in-the-browser';
import type { CalendarFeed } from '@leadtrack/schemas';
// Settings › Calendar: connect a calendar feed (its iCalendar address), then the feed's host,
// its last read and error, with "Read now" and "Disconnect". An .ics file can be imported
// once instead on the import page.
import Link from 'next/link';
import { useActionState } from 'react';
import { ActionForm } from '../../components/action-form';
import { FormAlert, InputField } from '../../components/field';
import { SummaryItem } from '../../components/summary-item';
import { instant } from '../../lib/format';
import { IntegrationButtons, IntegrationOutcome, useIntegration } from '../integration-parts';
import { type CalendarState, connectCalendar } from './actions';
import '../../components/summary-item.css';

export function CalendarSettings({
  feed,
  timeZone,
}: {
  feed: CalendarFeed | null;
  timeZone: string;
}) {
  const connecting = useActionState<CalendarState, FormData>(connectCalendar, {});
  const [connected] = connecting;
  const { synced, removed, buttons } = useIntegration('calendar');
  const form = (
    <ActionForm done={null} run={connecting} submit={feed ? 'Replace address' : 'Connect calendar'}>
      <InputField
        id="calendar-url"
        name="url"
        label="Calendar address (iCalendar)"
        error={connected.errors?.url}
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://calendar.example.com/private/…/basic.ics"
        hint="Your calendar’s secret address in iCal format (https or webcal). Stored encrypted, never shown again."
      />
    </ActionForm>
  );
  return (
    <div className="stack">
      <IntegrationOutcome
        done={[connected.done, synced.done, removed.done]}
        message={synced.message ?? removed.message}
      />
      {feed ? (
        <>
          <dl className="summary">
            <SummaryItem term="Feed">
              <strong>{feed.host}</strong>
            </SummaryItem>
            <SummaryItem term="Last read">
              {feed.lastSyncAt ? instant(feed.lastSyncAt, timeZone) : 'Not yet'}
            </SummaryItem>
          </dl>
          {feed.lastError ? <FormAlert>{feed.lastError}</FormAlert> : null}
          <p className="muted small">
            The feed is read every day. Meetings with product or stakeholders, recurring 1:1s, focus
            blocks and days out of office wait in your <Link href="/inbox">inbox</Link>.
          </p>
          <IntegrationButtons
            buttons={buttons}
            syncLabel="Read now"
            disconnectLabel="Disconnect calendar"
          />
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
