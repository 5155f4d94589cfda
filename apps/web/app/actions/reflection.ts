'use server';
// The weekly fit reflection: the whole week's answers in one PUT (answering again the same
// week replaces them: at most one a week).
import { REFLECTION_STATEMENT_IDS } from '@leadtrack/core';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { reflectionsApi } from '../../lib/api';
import { formText } from '../../lib/form-state';
import { failureCode } from '../../lib/notices';

export async function saveReflection(form: FormData): Promise<void> {
  const weekStart = formText(form, 'weekStart');
  const answers: Record<string, number> = {};
  const missing: string[] = [];
  for (const id of REFLECTION_STATEMENT_IDS) {
    const n = Number(form.get(`answer-${id}`));
    if (Number.isInteger(n) && n >= 1 && n <= 5) answers[id] = n;
    else missing.push(id);
  }
  if (missing.length > 0) redirect(`/reflection?missing=${missing.join(',')}#statements-h`);
  const note = formText(form, 'note').trim();
  const res = await reflectionsApi.put(weekStart, {
    answers,
    note: note || null,
    shared: form.get('shared') === 'on',
  });
  if (!res.ok) redirect(`/reflection?error=${failureCode(res.status)}`);
  revalidatePath('/reflection');
  redirect('/reflection?saved=1');
}
