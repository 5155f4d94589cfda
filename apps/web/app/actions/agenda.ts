'use server';
// Acknowledging an entry from the manager's home (the agenda): one POST, then back home,
// where the entry has left the list.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { evidenceApi } from '../../lib/api';
import { formText } from '../../lib/form-state';

export async function acknowledgeFromAgenda(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  const res = await evidenceApi.acknowledge(id);
  revalidatePath('/', 'layout');
  redirect(res.ok ? '/?acknowledged=1#agenda-h' : '/?error=acknowledge#agenda-h');
}
