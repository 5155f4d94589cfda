// A code host's reviews of other people's changes (GitHub's pull requests, GitLab's merge
// requests) as suggestions (pure: no I/O): one `review` suggestion per ISO week of the
// person's calendar holding reviews (the week of each review's day in their time zone),
// worded for breadth (changes, repositories or projects, authors), each change linked. A
// change reviewed more than once in a week counts once, on its last review's day. External
// ids are stable, so a re-sync finds the same ids and offers nothing twice.
import { addDays, type IsoDate, localDateIn, plural, weekStartOf } from '@leadtrack/core';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import type { SuggestionDraft } from '../../services/suggestions/offer-suggestions';
import { fitLines, markdownText } from '../draft-text';

/** A change someone else opened, as a review week lists it. */
export interface ReviewedChange {
  url: string;
  title: string;
  author: string;
}

/** A review of `change` at an instant (`at`, ISO 8601). */
export interface ChangeReview<C> {
  change: C;
  at: string;
}

/** How a host words its changes and the places they live in, and what a week's details hold. */
export interface ReviewWeekWords<C extends ReviewedChange> {
  source: string;
  /** A change in words: "pull request", "merge request". */
  change: string;
  /** Where a change lives, one and many: ["repository", "repositories"]. */
  place: readonly [string, string];
  /** The description's first words, before "in the week of <Monday>:". */
  heading: string;
  /** A change's place (`owner/repo`) and its number there (lines are sorted by both). */
  placeOf(change: C): string;
  numberOf(change: C): number;
  /** How the host refers to the change: `owner/repo#12`, `group/project!12`. */
  reference(change: C): string;
  /** The change as the details list it (its review day is added). */
  detail(change: C): Record<string, unknown>;
}

export interface ReviewWeekContext {
  /** The account (GitHub's login, GitLab's username) and the host: part of the weeks' ids. */
  account: string;
  host: string;
  timeZone: string;
  /** Only weeks from this Monday on… */
  fromWeek: IsoDate;
  /** …up to this one, inclusive: the last week that has ended (a running week may grow). */
  lastWeek: IsoDate;
}

interface WeekReview<C> {
  change: C;
  on: IsoDate;
}

/** One `review` suggestion per week holding reviews, oldest week first. */
export function reviewWeekDrafts<C extends ReviewedChange>(
  reviews: ChangeReview<C>[],
  ctx: ReviewWeekContext,
  words: ReviewWeekWords<C>,
): SuggestionDraft[] {
  const weeks = new Map<IsoDate, Map<string, WeekReview<C>>>();
  for (const { change, at } of reviews) {
    const on = localDateIn(ctx.timeZone, new Date(at));
    const week = weekStartOf(on);
    if (week < ctx.fromWeek || week > ctx.lastWeek) continue;
    const inWeek = weeks.get(week) ?? new Map<string, WeekReview<C>>();
    weeks.set(week, inWeek);
    const seen = inWeek.get(change.url);
    if (!seen || seen.on < on) inWeek.set(change.url, { change, on });
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, inWeek]) => reviewWeekDraft(week, [...inWeek.values()], ctx, words));
}

/** "pull request" as a key of the details: `pullRequests`. */
const keyOf = (words: string) => words.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());

function reviewWeekDraft<C extends ReviewedChange>(
  week: IsoDate,
  reviewed: WeekReview<C>[],
  ctx: ReviewWeekContext,
  words: ReviewWeekWords<C>,
): SuggestionDraft {
  reviewed.sort(
    (a, b) =>
      words.placeOf(a.change).localeCompare(words.placeOf(b.change)) ||
      words.numberOf(a.change) - words.numberOf(b.change),
  );
  const places = [...new Set(reviewed.map(({ change }) => words.placeOf(change)))].sort();
  const authors = [...new Set(reviewed.map(({ change }) => change.author))].sort((a, b) =>
    a.localeCompare(b),
  );
  const lines = reviewed.map(
    ({ change }) =>
      `- [${words.reference(change)}](${change.url}) ${markdownText(change.title)} (by @${change.author})`,
  );
  // The details name the changes and their places as the title does: `pullRequests`,
  // `repositories`; `mergeRequests`, `projects`.
  const changesKey = keyOf(`${words.change}s`);
  const placesKey = keyOf(words.place[1]);
  return {
    type: 'evidence',
    source: words.source,
    externalId: `reviews:${ctx.host}:${ctx.account.toLowerCase()}:${week}`,
    url: null,
    title: `Reviewed ${plural(reviewed.length, words.change)} in ${plural(places.length, ...words.place)} for ${plural(authors.length, 'author')}`,
    description: fitLines(
      `${words.heading} in the week of ${week}:`,
      lines,
      EVIDENCE_LIMITS.descriptionMax,
    ),
    // The day of the week's last review: the entry lands in that week.
    occurredOn:
      reviewed
        .map(({ on }) => on)
        .sort()
        .at(-1) ?? week,
    suggestedKinds: ['review'],
    details: {
      kind: 'review-week',
      weekStart: week,
      weekEnd: addDays(week, 6),
      counts: {
        [changesKey]: reviewed.length,
        [placesKey]: places.length,
        authors: authors.length,
      },
      [placesKey]: places,
      authors,
      // The accepted entry's links: each change's address (up to the links limit).
      links: reviewed.map(({ change }) => change.url),
      [changesKey]: reviewed.map(({ change, on }) => ({
        ...words.detail(change),
        reviewedOn: on,
      })),
    },
  };
}
