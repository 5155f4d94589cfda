// What GitHub showed, as suggestions (pure: no I/O). Reviews of other people's pull
// requests become one `review` suggestion per ISO week of the person's calendar (the week
// of each review's `submitted_at` in their time zone), worded for breadth; design pull
// requests they opened become `proposal` suggestions. External ids are stable, so a re-sync
// finds the same ids and offers nothing twice.
import { type IsoDate, localDateIn } from '@leadtrack/core';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import type { SuggestionDraft } from '../../services/suggestions/offer-suggestions';
import { fitLines } from '../draft-text';
import { type ReviewWeekWords, reviewWeekDrafts as reviewWeeks } from '../token-host/review-weeks';

/** A pull request the person reviewed, with the times they submitted a review. */
export interface ReviewedPull {
  url: string;
  /** `owner/repo` */
  repository: string;
  number: number;
  title: string;
  author: string;
  reviewedAt: string[];
}

/** A pull request the person opened that holds a design document or carries a design label. */
export interface DesignPull {
  url: string;
  repository: string;
  number: number;
  title: string;
  createdAt: string;
  state: 'open' | 'closed' | 'merged';
  labels: string[];
  /** The design documents it changes (empty when only a label made it one). */
  designFiles: string[];
}

// Labels such as `adr`, `RFC`, `design`, `design-doc`, `architecture`, `proposal`.
const DESIGN_LABEL =
  /(^|[^a-z])(adrs?|rfcs?|design|design[- ]docs?|architecture|proposals?)([^a-z]|$)/i;
// Folders that hold design documents: docs/adr, doc/adrs, rfcs, design, decisions…
const DESIGN_FOLDER =
  /^(adrs?|rfcs?|designs?|design[-_]docs?|decisions|architecture|proposals?|decision[-_]records?)$/i;
// File names that say so themselves: 0003-adr-queue.md, rfc-12-auth.md, DESIGN.md, queue-design.md.
const DESIGN_NAME = /(^|[-_.\s])(adr|rfc|design)([-_.\s\d]|$)/i;
// Documents only: `src/design/button.tsx` is a design system, not a design document.
const DOCUMENT = /\.(md|markdown|mdx|adoc|asciidoc|rst|txt|org)$/i;

export function isDesignLabel(name: string): boolean {
  return DESIGN_LABEL.test(name);
}

/** True for a design document's path: a document in a design folder, or named as one. */
export function isDesignDocument(path: string): boolean {
  if (!DOCUMENT.test(path)) return false;
  const segments = path.split('/');
  const name = segments.pop() ?? '';
  return segments.some((s) => DESIGN_FOLDER.test(s)) || DESIGN_NAME.test(name);
}

export interface DraftContext {
  /** The GitHub login, as GitHub spells it. */
  login: string;
  /** The API's host (api.github.com, or the Enterprise host): part of the review weeks' ids. */
  host: string;
  timeZone: string;
  /** Only weeks from this Monday on… */
  fromWeek: IsoDate;
  /** …up to this one, inclusive: the last week that has ended (a running week may grow). */
  lastWeek: IsoDate;
}

/** How GitHub's review weeks word pull requests and repositories. */
const PULL_REQUEST_WEEKS: ReviewWeekWords<ReviewedPull> = {
  source: 'github',
  change: 'pull request',
  place: ['repository', 'repositories'],
  heading: 'Code reviews for colleagues',
  placeOf: (pull) => pull.repository,
  numberOf: (pull) => pull.number,
  reference: (pull) => `${pull.repository}#${pull.number}`,
  detail: ({ url, repository, number, title, author }) => ({
    url,
    repository,
    number,
    title,
    author,
  }),
};

/** One `review` suggestion per week holding reviews, oldest week first (token-host/). */
export function reviewWeekDrafts(pulls: ReviewedPull[], ctx: DraftContext): SuggestionDraft[] {
  const reviews = pulls.flatMap((pull) => pull.reviewedAt.map((at) => ({ change: pull, at })));
  return reviewWeeks(reviews, { ...ctx, account: ctx.login }, PULL_REQUEST_WEEKS);
}

/** One `proposal` suggestion per design pull request, dated the day it was opened. */
export function proposalDrafts(pulls: DesignPull[], ctx: Pick<DraftContext, 'timeZone'>) {
  return pulls.map((pull): SuggestionDraft => {
    const openedOn = localDateIn(ctx.timeZone, new Date(pull.createdAt));
    const why =
      pull.designFiles.length > 0
        ? `Design documents: ${pull.designFiles.map((f) => `\`${f}\``).join(', ')}.`
        : `Labelled ${pull.labels.filter(isDesignLabel).join(', ')}.`;
    return {
      type: 'evidence',
      source: 'github',
      externalId: `proposal:${pull.url}`,
      url: pull.url,
      title: pull.title,
      description: fitLines(
        `Design pull request [${pull.repository}#${pull.number}](${pull.url}), opened on ${openedOn} (${pull.state}).`,
        [why],
        EVIDENCE_LIMITS.descriptionMax,
      ),
      occurredOn: openedOn,
      suggestedKinds: ['proposal'],
      details: { kind: 'design-pull-request', ...pull, openedOn },
    };
  });
}
