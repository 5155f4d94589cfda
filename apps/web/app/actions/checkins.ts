'use server';
import { CHECKIN_LIMITS } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { checkinsApi } from '../../lib/api';
import {
  actionFailure,
  type FormState,
  formText,
  needsAttention,
  succeeded,
} from '../../lib/form-state';
import { formatDate } from '../../lib/format';

export interface CheckinValues {
  weekStart: string;
  handsOnPercent: string;
  deepWorkBlocks: string;
  onLeave: boolean;
  note: string;
}

export type CheckinFormState = FormState<CheckinValues>;

function toInt(s: string): number | string {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

export async function saveCheckin(
  prev: CheckinFormState,
  form: FormData,
): Promise<CheckinFormState> {
  const values: CheckinValues = {
    weekStart: formText(form, 'weekStart'),
    handsOnPercent: formText(form, 'handsOnPercent'),
    deepWorkBlocks: formText(form, 'deepWorkBlocks'),
    onLeave: form.get('onLeave') === 'on',
    note: formText(form, 'note'),
  };
  const errors: Record<string, string> = {};
  const handsOn = toInt(values.handsOnPercent || (values.onLeave ? '0' : ''));
  const deepWork = toInt(values.deepWorkBlocks || (values.onLeave ? '0' : ''));
  const { handsOnPercentMax, deepWorkBlocksMax } = CHECKIN_LIMITS;
  if (typeof handsOn !== 'number')
    errors.handsOnPercent = `Enter a whole number from 0 to ${handsOnPercentMax}.`;
  if (typeof deepWork !== 'number')
    errors.deepWorkBlocks = `Enter a whole number from 0 to ${deepWorkBlocksMax}.`;
  if (Object.keys(errors).length > 0) return needsAttention(errors, values);
  const res = await checkinsApi.put(values.weekStart, {
    handsOnPercent: handsOn,
    deepWorkBlocks: deepWork,
    onLeave: values.onLeave,
    ...(values.note.trim() ? { note: values.note } : {}),
  });
  if (!res.ok) {
    if (res.status === 401) redirect('/login?next=/checkin');
    const failure = actionFailure(res, values);
    // A 400 that names no body field is about the week in the path: shown beside the week.
    if (
      failure.errors.weekStart === undefined &&
      res.problem.status === 400 &&
      !res.problem.errors?.length
    ) {
      failure.errors.weekStart = res.problem.detail;
    }
    return failure;
  }
  revalidatePath('/', 'layout');
  return {
    ...succeeded(prev, `Check-in saved for the week of ${formatDate(values.weekStart)}.`),
    values,
  };
}
