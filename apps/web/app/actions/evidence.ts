'use server';
// Evidence mutations. Each calls the API with the caller's token and, on a validation
// failure, returns the API's field errors with what was typed so the form keeps it.
import { randomUUID } from 'node:crypto';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { type Call, evidenceApi } from '../../lib/api';
import { safePath } from '../../lib/config';
import { actionFailure, type FormState, formText, formTexts } from '../../lib/form-state';
import { DENSITY_COOKIE } from '../../lib/preferences';
import type { Problem } from '../../lib/types';

export interface EvidenceValues {
  title: string;
  kinds: string[];
  occurredOn: string;
  description: string;
  links: string;
  audience: string;
}

export interface EvidenceFormState extends FormState<EvidenceValues> {
  idempotencyKey?: string;
}

function valuesOf(form: FormData): EvidenceValues {
  return {
    ...formTexts(form, ['title', 'occurredOn', 'description', 'links', 'audience']),
    kinds: form.getAll('kinds').map(String),
  };
}

function bodyOf(v: EvidenceValues, forUpdate: boolean) {
  const links = v.links
    .split(/\s+/)
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    title: v.title,
    kinds: v.kinds,
    occurredOn: v.occurredOn,
    // On update an emptied field is cleared; on create it is simply left out.
    ...(v.description.trim()
      ? { description: v.description }
      : forUpdate
        ? { description: null }
        : {}),
    ...(links.length > 0 || forUpdate ? { links } : {}),
    ...(v.audience ? { audience: v.audience } : forUpdate ? { audience: null } : {}),
  };
}

function failure(problem: Problem, values: EvidenceValues): EvidenceFormState {
  const state = actionFailure(
    { status: problem.status, problem },
    values,
    'Saving failed. Try again.',
  );
  if (problem.status === 412) {
    state.message =
      'This entry changed since you opened it. Reload the page to edit the latest version.';
  }
  return { ...state, idempotencyKey: randomUUID() };
}

export async function createEvidence(
  _prev: EvidenceFormState,
  form: FormData,
): Promise<EvidenceFormState> {
  const values = valuesOf(form);
  const key = formText(form, 'idempotencyKey') || randomUUID();
  const res = await evidenceApi.create(bodyOf(values, false), key);
  if (!res.ok) {
    if (res.status === 401) redirect('/login?next=/evidence/new');
    return failure(res.problem, values);
  }
  revalidatePath('/', 'layout');
  if (form.get('back') === '/') redirect(`/?logged=${encodeURIComponent(res.data.id)}`);
  redirect(`/evidence?created=${encodeURIComponent(res.data.id)}`);
}

/**
 * "More detail…" in the quick form: opens the full form with what was typed so far (title,
 * behaviours, date) in its address, so nothing is lost. Nothing is saved.
 */
export async function continueInFullForm(form: FormData): Promise<void> {
  const params = new URLSearchParams();
  const values = valuesOf(form);
  if (values.title.trim()) params.set('title', values.title.slice(0, EVIDENCE_LIMITS.titleMax));
  for (const kind of values.kinds) params.append('kinds', kind);
  if (values.occurredOn) params.set('occurredOn', values.occurredOn);
  if (values.description.trim()) params.set('description', values.description.slice(0, 2000));
  if (values.audience) params.set('audience', values.audience);
  const query = params.toString();
  redirect(query ? `/evidence/new?${query}` : '/evidence/new');
}

export async function updateEvidence(
  _prev: EvidenceFormState,
  form: FormData,
): Promise<EvidenceFormState> {
  const values = valuesOf(form);
  const id = formText(form, 'id');
  const version = formText(form, 'version');
  const res = await evidenceApi.update(id, bodyOf(values, true), version);
  if (!res.ok) {
    if (res.status === 401) redirect(`/login?next=/evidence/${id}/edit`);
    return failure(res.problem, values);
  }
  revalidatePath('/', 'layout');
  redirect(`/evidence?updated=${encodeURIComponent(id)}`);
}

/**
 * A row's Delete or Restore: back to the list it was pressed on, saying what happened
 * (`<done>=<id>`, or `error=<failed>`) in place of what that list said before (`stale`).
 */
async function changeRow(
  form: FormData,
  change: (id: string) => Call<unknown>,
  { done, failed, stale }: { done: string; failed: string; stale: string[] },
): Promise<void> {
  const id = formText(form, 'id');
  const back = safePath(form.get('back'), '/evidence');
  const res = await change(id);
  revalidatePath('/', 'layout');
  const url = new URL(back, 'http://x');
  for (const name of stale) url.searchParams.delete(name);
  url.searchParams.set(res.ok ? done : 'error', res.ok ? id : failed);
  redirect(url.pathname + url.search);
}

export async function deleteEvidence(form: FormData): Promise<void> {
  await changeRow(form, evidenceApi.remove, {
    done: 'deleted',
    failed: 'delete',
    stale: ['created', 'updated', 'restored'],
  });
}

export async function setDensity(form: FormData): Promise<void> {
  const compact = form.get('density') === 'compact';
  const jar = await cookies();
  if (compact) {
    jar.set(DENSITY_COOKIE, 'compact', {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      maxAge: 60 * 60 * 24 * 365,
    });
  } else {
    jar.delete(DENSITY_COOKIE);
  }
  redirect(safePath(form.get('back'), '/evidence'));
}

export async function restoreEvidence(form: FormData): Promise<void> {
  await changeRow(form, evidenceApi.restore, {
    done: 'restored',
    failed: 'restore',
    stale: ['deleted'],
  });
}

export async function acknowledgeEvidence(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  const userId = formText(form, 'userId');
  const comment = formText(form, 'comment').trim();
  const res = await evidenceApi.acknowledge(id, comment ? { comment } : {});
  revalidatePath('/', 'layout');
  redirect(
    `/team/${encodeURIComponent(userId)}?${res.ok ? 'acknowledged' : 'error'}=${encodeURIComponent(id)}#entry-${id}`,
  );
}
