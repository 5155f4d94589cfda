'use server';
// The working agreement: save (the whole agreement, against the version read) and confirm.
// Results come back as query parameters on the page the form was on, so the page says what
// happened in words, also without JavaScript.
import { AGREEMENT_AREAS, AGREEMENT_OWNERS } from '@leadtrack/core';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { usersApi } from '../../lib/api';
import { formText } from '../../lib/form-state';
import { failureCode } from '../../lib/notices';

/** The page to come back to: only our own agreement pages, never an arbitrary URL. */
function backTo(form: FormData): string {
  const back = formText(form, 'back');
  return /^\/(agreement|team\/[A-Za-z0-9_-]+\/agreement)$/.test(back) ? back : '/agreement';
}

/** 412: the other side saved first (the page words it, naming them). */
const CONFLICT = { 412: 'changed' } as const;

function outcome(back: string, params: Record<string, string>): never {
  redirect(`${back}?${new URLSearchParams(params)}`);
}

export async function saveAgreement(form: FormData): Promise<void> {
  const back = backTo(form);
  const userId = formText(form, 'userId');
  const version = formText(form, 'version');
  const items = AGREEMENT_AREAS.map((area) => {
    const owner = formText(form, `owner-${area}`);
    const note = formText(form, `note-${area}`).trim();
    return {
      area,
      owner: (AGREEMENT_OWNERS as readonly string[]).includes(owner)
        ? (owner as (typeof AGREEMENT_OWNERS)[number])
        : null,
      note: note || null,
    };
  });
  const res = await usersApi.putAgreement(userId, { items }, version);
  if (!res.ok) outcome(back, { error: failureCode(res.status, CONFLICT) });
  revalidatePath(back);
  outcome(back, { saved: '1' });
}

export async function confirmAgreement(form: FormData): Promise<void> {
  const back = backTo(form);
  const userId = formText(form, 'userId');
  const version = formText(form, 'version');
  const res = await usersApi.confirmAgreement(userId, version);
  if (!res.ok) outcome(back, { error: failureCode(res.status, CONFLICT) });
  revalidatePath(back);
  outcome(back, { confirmed: '1' });
}
