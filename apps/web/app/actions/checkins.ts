'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { checkinsApi } from '../../lib/api';
import {
  actionFailure,
  FIELDS_NEED_ATTENTION,
  type FormState,
  formText,
} from '../../lib/form-state';

export interface CheckinValues {
  weekStart: string;
  handsOnPercent: string;
  deepWorkBlocks: string;
  onLeave: boolean;
  note: string;
}

export interface CheckinFormState extends FormState<CheckinValues> {
  saved?: string;
}

function toInt(s: string): number | string {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

export async function saveCheckin(
  _prev: CheckinFormState,
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
  if (typeof handsOn !== 'number') errors.handsOnPercent = 'Enter a whole number from 0 to 100.';
  if (typeof deepWork !== 'number') errors.deepWorkBlocks = 'Enter a whole number from 0 to 50.';
  if (Object.keys(errors).length > 0) {
    return { errors, message: FIELDS_NEED_ATTENTION, values };
  }
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
  return { saved: values.weekStart, values };
}
