// What GitLab showed, as suggestions (pure: no I/O). A merge request of someone else's counts
// as reviewed in the ISO week (of the person's zone) of their first approval or review note
// on it; each ended week with reviews becomes one `review` suggestion worded for breadth
// (merge requests, projects, authors), its merge requests linked. Design merge requests the
// person opened (title or labels naming an ADR, RFC or design) become `proposal`
// suggestions. External ids are stable, so a re-sync offers nothing twice.
import { type IsoDate, localDateIn } from '@leadtrack/core';
import type { SuggestionDraft } from '../../services/suggestions/offer-suggestions';
import { type ReviewWeekWords, reviewWeekDrafts as reviewWeeks } from '../token-host/review-weeks';
import type { GitlabApprovals, GitlabMergeRequest, GitlabNote } from './gitlab-client';

export const GITLAB_SOURCE = 'gitlab';

/** A merge request the person reviewed, and when they first did. */
export interface ReviewedMergeRequest {
  url: string;
  /** `group/project` */
  project: string;
  iid: number;
  title: string;
  author: string;
  firstReviewAt: string;
}

// "ADR", "RFC", "design", "design doc", "adr-0007", "RFC: …": the words, not inside others
// ("designer" and "redesign" are not design documents).
const DESIGN = /(?:^|[^a-z])(?:adrs?|rfcs?|design(?:[- ]docs?)?)(?:[^a-z]|$)/i;

export function isDesignMergeRequest(mr: Pick<GitlabMergeRequest, 'title' | 'labels'>): boolean {
  return DESIGN.test(mr.title) || (mr.labels ?? []).some((label) => DESIGN.test(label));
}

/** `group/sub/project` from `group/sub/project!12`, or from the web address. */
export function projectOf(mr: GitlabMergeRequest): string {
  const full = mr.references?.full;
  if (full?.includes('!')) return full.slice(0, full.lastIndexOf('!'));
  const path = new URL(mr.web_url).pathname.split('/-/')[0] ?? '';
  return path.replace(/^\/+/, '') || String(mr.project_id);
}

/**
 * When `username` first reviewed `mr`: their approval's time, or the system note recording
 * it, or their first review note (on the diff, or a thread: not a system note, not a plain
 * comment), whichever is earliest; null when they did neither.
 */
export function firstReviewAt(
  username: string,
  approvals: GitlabApprovals,
  notes: GitlabNote[],
): string | null {
  const own = (user: { username: string } | undefined) =>
    user?.username.toLowerCase() === username.toLowerCase();
  const times: string[] = [];
  for (const approval of approvals.approved_by ?? [])
    if (own(approval.user) && approval.approved_at) times.push(approval.approved_at);
  for (const note of notes) {
    if (!own(note.author)) continue;
    if (note.system) {
      // Older GitLab has no `approved_at`: the system note says when they approved.
      if (/^approved this merge request/i.test(note.body)) times.push(note.created_at);
    } else if (note.type === 'DiffNote' || note.type === 'DiscussionNote') {
      times.push(note.created_at);
    }
  }
  return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

export interface DraftContext {
  username: string;
  /** The instance's host: part of the review weeks' ids. */
  host: string;
  timeZone: string;
  /** Only weeks from this Monday on… */
  fromWeek: IsoDate;
  /** …up to this one, inclusive: the last week that has ended. */
  lastWeek: IsoDate;
}

/** How GitLab's review weeks word merge requests and projects. */
const MERGE_REQUEST_WEEKS: ReviewWeekWords<ReviewedMergeRequest> = {
  source: GITLAB_SOURCE,
  change: 'merge request',
  place: ['project', 'projects'],
  heading: 'Merge request reviews for colleagues',
  placeOf: (mr) => mr.project,
  numberOf: (mr) => mr.iid,
  reference: (mr) => `${mr.project}!${mr.iid}`,
  detail: ({ url, project, iid, title, author }) => ({ url, project, iid, title, author }),
};

/**
 * One `review` suggestion per ended week holding first reviews, oldest week first
 * (token-host/review-weeks.ts).
 */
export function reviewWeekDrafts(
  reviewed: ReviewedMergeRequest[],
  ctx: DraftContext,
): SuggestionDraft[] {
  const reviews = reviewed.map((mr) => ({ change: mr, at: mr.firstReviewAt }));
  return reviewWeeks(reviews, { ...ctx, account: ctx.username }, MERGE_REQUEST_WEEKS);
}

/** One `proposal` suggestion per design merge request, dated the day it was opened. */
export function proposalDrafts(
  mrs: GitlabMergeRequest[],
  ctx: Pick<DraftContext, 'timeZone'>,
): SuggestionDraft[] {
  return mrs.map((mr) => {
    const openedOn = localDateIn(ctx.timeZone, new Date(mr.created_at));
    const project = projectOf(mr);
    return {
      type: 'evidence',
      source: GITLAB_SOURCE,
      externalId: `proposal:${mr.web_url}`,
      url: mr.web_url,
      title: mr.title,
      description: `Design merge request [${project}!${mr.iid}](${mr.web_url}), opened on ${openedOn} (${mr.state}).${
        mr.labels?.length ? ` Labels: ${mr.labels.join(', ')}.` : ''
      }`,
      occurredOn: openedOn,
      suggestedKinds: ['proposal'],
      details: {
        kind: 'design-merge-request',
        project,
        iid: mr.iid,
        state: mr.state,
        labels: mr.labels ?? [],
        openedOn,
      },
    };
  });
}
