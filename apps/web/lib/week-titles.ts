// Entry titles by week, for the heatmap's tooltips: a few pages of the evidence list from
// the first week shown (a tooltip names titles; it does not need every one of years).
import 'server-only';
import { weekStartOf } from '@leadtrack/core';
import { api } from './api';
import type { EvidencePage } from './types';

const PAGES = 3;

export async function loadWeekTitles(
  userId: string,
  from: string | undefined,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  if (!from) return out;
  let cursor: string | undefined;
  for (let i = 0; i < PAGES; i++) {
    const page = await api<EvidencePage>('/evidence', {
      query: { userId, from, limit: 100, cursor },
    });
    if (!page.ok) break;
    for (const e of page.data.items) {
      const week = weekStartOf(e.occurredOn);
      out[week] ??= [];
      out[week].push(e.title);
    }
    if (!page.data.nextCursor) break;
    cursor = page.data.nextCursor;
  }
  return out;
}
