'use client';
import '../../../lib/zod-in-the-browser';
import { CHECKIN_LIMITS } from '@leadtrack/schemas';
import { useActionState, useState } from 'react';
import { ActionForm } from '../../../components/action-form';
import {
  CheckboxField,
  fieldBinder,
  NumberFields,
  SelectField,
  TextAreaField,
} from '../../../components/field';
import type { Checkin } from '../../../lib/types';
import { type CheckinFormState, saveCheckin } from '../../actions/checkins';

interface Props {
  weeks: { weekStart: string; label: string }[];
  existing: Record<string, Checkin>;
  initialWeek: string;
}

/** The week's two numbers: whole numbers from 0 to their maximum. */
const NUMBER_FIELDS = [
  {
    key: 'handsOnPercent',
    label: 'Hands-on %',
    hint: `Share of the week spent hands-on, 0 to ${CHECKIN_LIMITS.handsOnPercentMax}.`,
    min: 0,
    max: CHECKIN_LIMITS.handsOnPercentMax,
  },
  {
    key: 'deepWorkBlocks',
    label: 'Deep-work blocks',
    hint: 'Uninterrupted blocks you protected.',
    min: 0,
    max: CHECKIN_LIMITS.deepWorkBlocksMax,
  },
] as const;

export function CheckinForm({ weeks, existing, initialWeek }: Props) {
  const run = useActionState<CheckinFormState, FormData>(saveCheckin, {});
  const [state] = run;
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
  const bind = fieldBinder(e, v);
  return (
    <ActionForm run={run} submit="Save check-in" pendingText="Saving…" className="stack form">
      <SelectField
        id="weekStart"
        label="Week"
        error={e.weekStart}
        value={week}
        onChange={(ev) => setWeek(ev.target.value)}
      >
        {weeks.map((w) => (
          <option key={w.weekStart} value={w.weekStart}>
            {w.label}
            {existing[w.weekStart] ? ' ✓' : ''}
          </option>
        ))}
      </SelectField>
      <div key={`${week}-${JSON.stringify(state.values ?? null)}`} className="stack">
        <CheckboxField
          {...bind.checked('onLeave')}
          label="On leave"
          hint="A leave week is skipped: it neither counts nor breaks your streak."
        />
        <NumberFields fields={NUMBER_FIELDS} bind={bind} />
        <TextAreaField
          {...bind('note')}
          label="Note"
          hint="Optional. Anything worth remembering about the week."
          maxLength={CHECKIN_LIMITS.noteMax}
        />
      </div>
    </ActionForm>
  );
}
