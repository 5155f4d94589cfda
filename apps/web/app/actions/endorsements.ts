'use server';
// Endorsements (ask a colleague to vouch for one entry; answer a request made to you) and
// sponsors (let a colleague read your timeline, evidence, profile and packet). Each answers
// by redirecting back with what happened as a code or an id (lib/notices.ts), so the page
// says it in its own words.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { endorsementsApi, evidenceApi, meApi } from '../../lib/api';
import { formText } from '../../lib/form-state';
import { failureCode } from '../../lib/notices';

const ANSWERED = { 409: 'answered-already' } as const;

export async function requestEndorsement(form: FormData): Promise<void> {
  const entryId = encodeURIComponent(formText(form, 'entryId'));
  const userId = formText(form, 'userId');
  const back = `/evidence/${entryId}/endorse`;
  if (!userId) redirect(`${back}?error=no-colleague`);
  const res = await evidenceApi.requestEndorsement(formText(form, 'entryId'), { userId });
  if (!res.ok) redirect(`${back}?error=${failureCode(res.status, { 409: 'asked-already' })}`);
  revalidatePath(back);
  // The page names the colleague from its own list of them, by id.
  redirect(`${back}?asked=${encodeURIComponent(userId)}`);
}

export async function endorseRequest(form: FormData): Promise<void> {
  const comment = formText(form, 'comment').trim();
  const res = await endorsementsApi.endorse(
    formText(form, 'requestId'),
    comment ? { comment } : {},
  );
  revalidatePath('/', 'layout');
  if (!res.ok) redirect(`/endorsements?error=${failureCode(res.status, ANSWERED)}`);
  redirect(`/endorsements?done=endorsed`);
}

export async function declineRequest(form: FormData): Promise<void> {
  const res = await endorsementsApi.decline(formText(form, 'requestId'));
  revalidatePath('/', 'layout');
  if (!res.ok) redirect(`/endorsements?error=${failureCode(res.status, ANSWERED)}`);
  redirect(`/endorsements?done=declined`);
}

export async function grantSponsor(form: FormData): Promise<void> {
  const userId = formText(form, 'userId');
  if (!userId) redirect('/settings?sponsorError=no-colleague#sponsors-h');
  const res = await meApi.grantSponsor({ userId });
  if (!res.ok) {
    const code = failureCode(res.status, { 409: 'sponsor-already' });
    redirect(`/settings?sponsorError=${code}#sponsors-h`);
  }
  revalidatePath('/settings');
  redirect(`/settings?sponsorGranted=${encodeURIComponent(userId)}#sponsors-h`);
}

export async function revokeSponsor(form: FormData): Promise<void> {
  const res = await meApi.revokeSponsor(formText(form, 'userId'));
  revalidatePath('/settings');
  if (!res.ok && res.status !== 404)
    redirect(`/settings?sponsorError=${failureCode(res.status)}#sponsors-h`);
  redirect(`/settings?sponsorRevoked=1#sponsors-h`);
}
