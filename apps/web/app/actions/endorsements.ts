'use server';
// Endorsements (ask a colleague to vouch for one entry; answer a request made to you) and
// sponsors (let a colleague read your timeline, evidence, profile and packet). Each answers
// by redirecting back with what happened, so the page says it in words.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { api } from '../../lib/api';
import { formText } from '../../lib/form-state';
import type { Problem } from '../../lib/types';

function words(problem: Problem): string {
  return [problem.detail, ...(problem.errors ?? []).map((e) => e.message)]
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

const id = (form: FormData, key: string) => encodeURIComponent(formText(form, key));

export async function requestEndorsement(form: FormData): Promise<void> {
  const entryId = id(form, 'entryId');
  const userId = formText(form, 'userId');
  const back = `/evidence/${entryId}/endorse`;
  if (!userId) redirect(`${back}?error=${encodeURIComponent('Choose a colleague first.')}`);
  const res = await api<{ endorser: { name: string } }>(
    `/evidence/${entryId}/endorsement-requests`,
    { method: 'POST', body: { userId } },
  );
  if (!res.ok) {
    const why =
      res.status === 409
        ? 'That colleague was asked about this entry already.'
        : words(res.problem) || 'Asking did not work.';
    redirect(`${back}?error=${encodeURIComponent(why)}`);
  }
  revalidatePath(back);
  redirect(`${back}?asked=${encodeURIComponent(res.data.endorser.name)}`);
}

export async function endorseRequest(form: FormData): Promise<void> {
  const comment = formText(form, 'comment').trim();
  const res = await api(`/endorsement-requests/${id(form, 'requestId')}/endorse`, {
    method: 'POST',
    body: comment ? { comment } : {},
  });
  revalidatePath('/', 'layout');
  if (!res.ok)
    redirect(`/endorsements?error=${encodeURIComponent(words(res.problem) || 'failed')}`);
  redirect(`/endorsements?done=endorsed`);
}

export async function declineRequest(form: FormData): Promise<void> {
  const res = await api(`/endorsement-requests/${id(form, 'requestId')}/decline`, {
    method: 'POST',
  });
  revalidatePath('/', 'layout');
  if (!res.ok)
    redirect(`/endorsements?error=${encodeURIComponent(words(res.problem) || 'failed')}`);
  redirect(`/endorsements?done=declined`);
}

export async function grantSponsor(form: FormData): Promise<void> {
  const userId = formText(form, 'userId');
  if (!userId)
    redirect(
      `/settings?sponsorError=${encodeURIComponent('Choose a colleague first.')}#sponsors-h`,
    );
  const res = await api<{ user: { name: string } }>('/me/sponsors', {
    method: 'POST',
    body: { userId },
  });
  if (!res.ok) {
    const why =
      res.status === 409
        ? 'That colleague is your sponsor already.'
        : words(res.problem) || 'Granting did not work.';
    redirect(`/settings?sponsorError=${encodeURIComponent(why)}#sponsors-h`);
  }
  revalidatePath('/settings');
  redirect(`/settings?sponsorGranted=${encodeURIComponent(res.data.user.name)}#sponsors-h`);
}

export async function revokeSponsor(form: FormData): Promise<void> {
  const res = await api(`/me/sponsors/${id(form, 'userId')}`, { method: 'DELETE' });
  revalidatePath('/settings');
  if (!res.ok && res.status !== 404)
    redirect(`/settings?sponsorError=${encodeURIComponent(words(res.problem))}#sponsors-h`);
  redirect(`/settings?sponsorRevoked=1#sponsors-h`);
}
