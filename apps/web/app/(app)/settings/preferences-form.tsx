'use client';
// Settings → Email and reminders: the weekly reminder (on or off, its local day and hour),
// the Monday digest, notifications by email.
import '../../../lib/zod-in-the-browser';
import { WEEKDAYS } from '@leadtrack/core';
import type { PreferencesDto } from '@leadtrack/schemas';
import { useActionState } from 'react';
import { ActionForm } from '../../../components/action-form';
import { CheckboxField, fieldBinder, SelectField } from '../../../components/field';
import { savePreferences } from '../../actions/preferences';
import type { SettingsState } from '../../actions/settings';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

const capitalised = (day: string) => day.charAt(0).toUpperCase() + day.slice(1);

export function PreferencesForm({
  preferences,
  timeZone,
}: {
  preferences: PreferencesDto;
  timeZone: string;
}) {
  const run = useActionState<SettingsState, FormData>(savePreferences, {});
  const [state] = run;
  const bind = fieldBinder(state.errors, state.values);
  const p = preferences;
  return (
    <ActionForm run={run} submit="Save email preferences">
      <CheckboxField
        id="weeklyReminder"
        label="Weekly reminder"
        hint="An email when your week still misses behaviours or a check-in; none in a week you are on leave."
        defaultChecked={p.weeklyReminder}
      />
      <div className="row">
        <SelectField {...bind('reminderDay', p.reminderDay)} label="Reminder day">
          {WEEKDAYS.map((day) => (
            <option key={day} value={day}>
              {capitalised(day)}
            </option>
          ))}
        </SelectField>
        <SelectField
          {...bind('reminderHour', String(p.reminderHour))}
          label="Reminder time"
          hint={`In your time zone (${timeZone.replaceAll('_', ' ')}).`}
        >
          {HOURS.map((hour) => (
            <option key={hour} value={String(hour)}>
              {`${String(hour).padStart(2, '0')}:00`}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField
        id="managerDigest"
        label="Monday digest"
        hint="For managers, Monday at 09:00: entries waiting for you, new signals, who became ready or is at risk, missing check-ins."
        defaultChecked={p.managerDigest}
      />
      <CheckboxField
        id="emailNotifications"
        label="Notifications by email"
        hint="Feedback, acknowledgements, endorsements and requests also arrive by email, not only in Leadtrack."
        defaultChecked={p.emailNotifications}
      />
    </ActionForm>
  );
}
