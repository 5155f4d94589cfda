// Entries by week (title and behaviours), for the heatmap's cell names: a few pages of the
// evidence list from the first week shown (a cell names titles; it does not need every one
// of years). Each behaviour's cell names only the entries holding that behaviour.
import 'server-only';
import { weekStartOf } from '@leadtrack/core';
import { evidenceApi } from './api';
import type { WeekEntries } from './types';

const PAGES = 3;

export async function loadWeekTitles(
  userId: string,
  from: string | undefined,
): Promise<WeekEntries> {
  const out: WeekEntries = {};
  if (!from) return out;
  let cursor: string | undefined;
  for (let i = 0; i < PAGES; i++) {
    const page = await evidenceApi.list({ userId, from, limit: 100, cursor });
    if (!page.ok) break;
    for (const e of page.data.items) {
      const week = weekStartOf(e.occurredOn);
      out[week] ??= [];
      out[week].push({ title: e.title, kinds: e.kinds });
    }
    if (!page.data.nextCursor) break;
    cursor = page.data.nextCursor;
  }
  return out;
}
