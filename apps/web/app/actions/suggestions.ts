'use server';
// The inbox and imports: accept a suggestion (with the person's edits), dismiss one, and
// import a file. Accepting answers with the API's field errors beside the card's fields,
// keeping what was typed; success goes back to the inbox saying what happened.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { captureApi } from '../../lib/api';
import {
  actionFailure,
  type FormState,
  formText,
  formTexts,
  needsAttention,
} from '../../lib/form-state';
import { failureCode } from '../../lib/notices';
import type { ImportResult } from '../../lib/types';

export interface AcceptValues {
  title: string;
  kinds: string[];
  occurredOn: string;
  description: string;
  handsOnPercent: string;
  deepWorkBlocks: string;
  onLeave: boolean;
}

export type AcceptState = FormState<AcceptValues>;

function acceptValues(form: FormData): AcceptValues {
  return {
    ...formTexts(form, ['title', 'occurredOn', 'description', 'handsOnPercent', 'deepWorkBlocks']),
    kinds: form.getAll('kinds').map(String),
    onLeave: form.get('onLeave') === 'on',
  };
}

/** A number field as typed: a whole number when it is one, else the text (the API names it). */
const numberOrText = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : value);

export async function acceptSuggestion(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const id = formText(form, 'suggestionId');
  const values = acceptValues(form);
  const checkin = form.get('type') === 'checkin';
  const body = checkin
    ? {
        ...(values.handsOnPercent.trim() !== '' && {
          handsOnPercent: numberOrText(values.handsOnPercent),
        }),
        ...(values.deepWorkBlocks.trim() !== '' && {
          deepWorkBlocks: numberOrText(values.deepWorkBlocks),
        }),
        onLeave: values.onLeave,
      }
    : {
        title: values.title,
        kinds: values.kinds,
        occurredOn: values.occurredOn,
        description: values.description.trim() ? values.description : null,
      };
  const res = await captureApi.accept(id, body);
  if (!res.ok) return actionFailure(res, values, 'Accepting did not work. Try again.');
  revalidatePath('/', 'layout');
  // Ids and dates only: the inbox says what happened in its own words (lib/notices.ts).
  if ('weekStart' in res.data) redirect(`/inbox?merged=${encodeURIComponent(res.data.weekStart)}`);
  redirect(`/inbox?accepted=${encodeURIComponent(res.data.id)}`);
}

export async function dismissSuggestion(form: FormData): Promise<void> {
  const res = await captureApi.dismiss(formText(form, 'suggestionId'));
  revalidatePath('/', 'layout');
  if (!res.ok) redirect(`/inbox?error=${failureCode(res.status)}`);
  redirect('/inbox?dismissed=1');
}

export interface ImportState extends FormState<{ format: string; mode: string; content: string }> {
  result?: ImportResult;
}

export async function importFile(_prev: ImportState, form: FormData): Promise<ImportState> {
  const file = form.get('file');
  const pasted = formText(form, 'content');
  const fromFile = file instanceof File && file.size > 0 ? await file.text() : '';
  const values = {
    format: formText(form, 'format'),
    mode: formText(form, 'mode', 'suggest'),
    content: fromFile ? '' : pasted,
  };
  const content = fromFile || pasted;
  if (content.trim() === '') {
    return needsAttention({ content: 'Choose a file or paste its content.' }, values);
  }
  // Without a chosen format the API takes it from the file's extension.
  const filename = fromFile && file instanceof File ? file.name : undefined;
  const res = await captureApi.importFile({
    format: values.format || undefined,
    filename,
    mode: values.mode,
    content,
  });
  if (!res.ok) {
    const failure = actionFailure(res, values, 'Importing did not work. Try again.');
    // What the API says of the content (nothing could be read) is said of the chosen file.
    const { content: aboutContent, filename: aboutName, ...rest } = failure.errors;
    const aboutFile = fromFile ? (aboutContent ?? aboutName) : aboutName;
    return {
      ...failure,
      errors: {
        ...rest,
        ...(aboutFile && { file: aboutFile }),
        ...(!fromFile && aboutContent && { content: aboutContent }),
      },
    };
  }
  revalidatePath('/', 'layout');
  return { values, result: res.data };
}
