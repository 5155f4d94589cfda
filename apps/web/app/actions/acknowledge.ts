'use server';
// A manager acknowledges several of a report's entries at once: one POST per entry (the
// API acknowledges one entry a request), reported back as how many worked.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { evidenceApi } from '../../lib/api';
import { formText } from '../../lib/form-state';

export async function acknowledgeMany(form: FormData): Promise<void> {
  const userId = formText(form, 'userId');
  const back = formText(form, 'back');
  const ids = [...new Set(form.getAll('ids').map(String).filter(Boolean))].slice(0, 100);
  const base = `/team/${encodeURIComponent(userId)}`;
  const query = new URLSearchParams(/^[a-z0-9=&%._-]*$/i.test(back) ? back : '');
  if (ids.length === 0) {
    query.set('bulk', 'none');
    redirect(`${base}?${query}#evidence-h`);
  }
  const results = await Promise.all(ids.map((id) => evidenceApi.acknowledge(id)));
  // 409: acknowledged already (by this manager) — nothing left to do, so it counts as done.
  const done = results.filter((r) => r.ok || r.status === 409).length;
  revalidatePath('/', 'layout');
  query.set('bulk', `${done}-${ids.length}`);
  redirect(`${base}?${query}#evidence-h`);
}
