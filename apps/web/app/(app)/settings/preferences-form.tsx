'use client';
// Settings → Email and reminders: the weekly reminder (on or off, its local day and hour),
// the Monday digest, notifications by email.
import { WEEKDAYS } from '@leadtrack/core';
import type { PreferencesDto } from '@leadtrack/schemas';
import { useActionState } from 'react';
import { describedBy, Field, FormAlert, SubmitButton } from '../../../components/field';
import { Flash } from '../../../components/flash';
import { savePreferences } from '../../actions/preferences';
import type { SettingsState } from '../../actions/settings';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

const capitalised = (day: string) => day.charAt(0).toUpperCase() + day.slice(1);

function Toggle({
  id,
  label,
  hint,
  checked,
}: {
  id: keyof PreferencesDto;
  label: string;
  hint: string;
  checked: boolean;
}) {
  return (
    <div className="field checkbox-field">
      <input
        type="checkbox"
        id={id}
        name={id}
        defaultChecked={checked}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

export function PreferencesForm({
  preferences,
  timeZone,
}: {
  preferences: PreferencesDto;
  timeZone: string;
}) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(savePreferences, {});
  const e = state.errors ?? {};
  const p = preferences;
  return (
    <form action={action} className="stack narrow" noValidate key={state.saved ?? 0}>
      {state.done ? <Flash>{state.done}</Flash> : null}
      <FormAlert message={state.message} />
      <Toggle
        id="weeklyReminder"
        label="Weekly reminder"
        hint="An email when your week still misses behaviours or a check-in; none in a week you are on leave."
        checked={p.weeklyReminder}
      />
      <div className="row">
        <Field id="reminderDay" label="Reminder day" error={e.reminderDay}>
          <select
            id="reminderDay"
            name="reminderDay"
            defaultValue={state.values?.reminderDay ?? p.reminderDay}
            aria-describedby={describedBy('reminderDay', e.reminderDay)}
          >
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {capitalised(day)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="reminderHour"
          label="Reminder time"
          error={e.reminderHour}
          hint={`In your time zone (${timeZone.replaceAll('_', ' ')}).`}
        >
          <select
            id="reminderHour"
            name="reminderHour"
            defaultValue={state.values?.reminderHour ?? String(p.reminderHour)}
            aria-describedby={describedBy('reminderHour', e.reminderHour, true)}
          >
            {HOURS.map((hour) => (
              <option key={hour} value={String(hour)}>
                {`${String(hour).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Toggle
        id="managerDigest"
        label="Monday digest"
        hint="For managers, Monday at 09:00: entries waiting for you, new signals, who became ready or is at risk, missing check-ins."
        checked={p.managerDigest}
      />
      <Toggle
        id="emailNotifications"
        label="Notifications by email"
        hint="Feedback, acknowledgements, endorsements and requests also arrive by email, not only in Leadtrack."
        checked={p.emailNotifications}
      />
      <div>
        <SubmitButton pending={pending}>Save email preferences</SubmitButton>
      </div>
    </form>
  );
}
