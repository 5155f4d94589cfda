// The week in progress (PRODUCT.md rule 8) in words: a week that has not ended is not a
// failure, so the carried streak is shown with what is left to log and by when.
import { addDays, KIND_INFO } from '@leadtrack/core';
import { formatDate, plural } from '../lib/format';
import type { CurrentDto, WeekRowDto } from '../lib/types';
import './heatmap.css';

function list(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The kinds' labels, for a sentence: "Domain ownership and Mentoring". */
export function kindWords(kinds: readonly string[]): string {
  return list(kinds.map((k) => KIND_INFO[k as keyof typeof KIND_INFO]?.label ?? k));
}

/** The Sunday that ends the week starting on `weekStart`. */
export function weekEnd(weekStart: string): string {
  return addDays(weekStart, 6);
}

/**
 * "11 weeks and counting; log Domain ownership by Sunday 29 Nov 2026 to keep it." `who` is
 * the report's first name on a manager's page; absent for the engineer's own.
 */
export function weekInProgressText(
  current: CurrentDto,
  row: WeekRowDto | undefined,
  who?: string,
): string | null {
  if (!current.pending) return null;
  const missing = row?.missingKinds ?? [];
  const sunday = `Sunday ${formatDate(weekEnd(current.weekStart))}`;
  const what = missing.length > 0 ? kindWords(missing) : 'the missing behaviours';
  const log = who ? `${who} needs ${what} by ${sunday}` : `log ${what} by ${sunday}`;
  if (current.streak > 0) {
    return `${plural(current.streak, 'week')} and counting; ${log} to keep ${who ? 'the streak' : 'it'}${
      current.ready ? '' : ` and make it ${current.streak + 1}`
    }.`;
  }
  // (After "This week is in progress.": said once.)
  return `${log} to make it ${who ? 'their' : 'your'} first consistent week.`;
}

export function WeekInProgress({
  current,
  row,
  who,
}: {
  current: CurrentDto;
  row: WeekRowDto | undefined;
  who?: string;
}) {
  const text = weekInProgressText(current, row, who);
  if (!text) return null;
  return (
    <p className="week-progress" data-testid="week-in-progress">
      <strong>This week is in progress.</strong> {text[0]?.toUpperCase()}
      {text.slice(1)}
    </p>
  );
}
