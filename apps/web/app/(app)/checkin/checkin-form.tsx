'use client';
import { useActionState, useState } from 'react';
import {
  describedBy,
  Field,
  FormAlert,
  InputField,
  SubmitButton,
  TextAreaField,
} from '../../../components/field';
import { Flash } from '../../../components/flash';
import type { Checkin } from '../../../lib/types';
import { type CheckinFormState, saveCheckin } from '../../actions/checkins';

interface Props {
  weeks: { weekStart: string; label: string }[];
  existing: Record<string, Checkin>;
  initialWeek: string;
}

export function CheckinForm({ weeks, existing, initialWeek }: Props) {
  const [state, action, pending] = useActionState<CheckinFormState, FormData>(saveCheckin, {});
  const [week, setWeek] = useState(state.values?.weekStart ?? initialWeek);
  const e = state.errors ?? {};
  const fromState = state.values && state.values.weekStart === week ? state.values : null;
  const saved = existing[week];
  const v = fromState ?? {
    handsOnPercent: saved ? String(saved.handsOnPercent) : '',
    deepWorkBlocks: saved ? String(saved.deepWorkBlocks) : '',
    onLeave: saved?.onLeave ?? false,
    note: saved?.note ?? '',
  };
  const weekLabel = weeks.find((w) => w.weekStart === state.saved)?.label ?? state.saved;
  return (
    <form action={action} className="stack form" noValidate>
      {state.saved && !state.errors ? <Flash>Check-in saved for {weekLabel}.</Flash> : null}
      <FormAlert message={state.errors ? state.message : undefined} />
      <Field id="weekStart" label="Week" error={e.weekStart}>
        <select
          id="weekStart"
          name="weekStart"
          value={week}
          onChange={(ev) => setWeek(ev.target.value)}
          aria-describedby={describedBy('weekStart', e.weekStart)}
        >
          {weeks.map((w) => (
            <option key={w.weekStart} value={w.weekStart}>
              {w.label}
              {existing[w.weekStart] ? ' ✓' : ''}
            </option>
          ))}
        </select>
      </Field>
      <div key={`${week}-${JSON.stringify(state.values ?? null)}`} className="stack">
        <div className="field checkbox-field">
          <input
            type="checkbox"
            id="onLeave"
            name="onLeave"
            defaultChecked={v.onLeave}
            aria-describedby="onLeave-hint"
          />
          <label htmlFor="onLeave">On leave</label>
          <p className="hint" id="onLeave-hint">
            A leave week is skipped: it neither counts nor breaks your streak.
          </p>
        </div>
        <div className="row">
          <InputField
            id="handsOnPercent"
            label="Hands-on %"
            error={e.handsOnPercent}
            hint="Share of the week spent hands-on, 0 to 100."
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            defaultValue={v.handsOnPercent}
            aria-invalid={e.handsOnPercent ? true : undefined}
          />
          <InputField
            id="deepWorkBlocks"
            label="Deep-work blocks"
            error={e.deepWorkBlocks}
            hint="Uninterrupted blocks you protected."
            type="number"
            inputMode="numeric"
            min={0}
            max={50}
            defaultValue={v.deepWorkBlocks}
            aria-invalid={e.deepWorkBlocks ? true : undefined}
          />
        </div>
        <TextAreaField
          id="note"
          label="Note"
          error={e.note}
          hint="Optional. Anything worth remembering about the week."
          rows={3}
          maxLength={2000}
          defaultValue={v.note}
        />
      </div>
      <div>
        <SubmitButton pending={pending} pendingText="Saving…">
          Save check-in
        </SubmitButton>
      </div>
    </form>
  );
}
