// A GitLab sync: reads a person's merge request reviews and design merge requests since
// `from` and offers them as suggestions. It runs for the caller (POST
// /me/integrations/gitlab/sync, the backfill after connecting) or for each connected active
// person (the gitlab-sync job); one at a time per person (connection.ts's lease).
//
// Which weeks: `from`'s ISO week (default: the week before the last sync's, or 26 weeks back
// before the first) up to now. Review weeks are offered once they have ended; design merge
// requests as soon as they are found. What another source already offered with the same
// address (a project mirrored from GitHub) is not offered again.
import { addWeeks, type IsoDate, isValidTimeZone, localDateIn, weekStartOf } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import {
  GITLAB_BACKFILL_WEEKS,
  GITLAB_SYNC_MAX_WEEKS,
  type GitlabSyncResult,
} from '@leadtrack/schemas';
import { conflict, HttpProblem, invalidField, notFound } from '../../lib/problem';
import { unseal } from '../../services/sealed-secrets';
import {
  offerSuggestions,
  type SuggestionDraft,
} from '../../services/suggestions/offer-suggestions';
import { connectionUnderLease, releaseLease, takeLease } from './connection';
import { GITLAB_TOKEN } from './env';
import {
  GitlabAnswered,
  type GitlabClient,
  type GitlabLimits,
  gitlabClient,
  gitlabFailure,
} from './gitlab-client';
import {
  firstReviewAt,
  GITLAB_SOURCE,
  isDesignMergeRequest,
  projectOf,
  proposalDrafts,
  type ReviewedMergeRequest,
  reviewWeekDrafts,
} from './gitlab-drafts';

/** The earliest local Monday east of UTC starts this long before UTC's (UTC+14). */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

export interface SyncPerson {
  id: string;
  timeZone: string;
}

export interface SyncOptions {
  from?: IsoDate;
  limits: GitlabLimits;
  signal?: AbortSignal;
  now?: Date;
  /** The lease already taken (by connecting); taken here otherwise. */
  lease?: Date;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Others' merge requests `username` first reviewed since `since`, when they did. */
async function readReviewed(
  client: GitlabClient,
  username: string,
  since: Date,
): Promise<ReviewedMergeRequest[]> {
  const reviewed: ReviewedMergeRequest[] = [];
  for (const mr of await client.reviewing(username, since)) {
    if (same(mr.author.username, username)) continue;
    // A merge request gone since the list (404): nothing to count.
    const approvals = await client.approvals(mr).catch((error: unknown) => {
      if (error instanceof GitlabAnswered && error.status === 404) return {};
      throw error;
    });
    const at = firstReviewAt(username, approvals, await client.notes(mr));
    if (!at) continue;
    reviewed.push({
      url: mr.web_url,
      project: projectOf(mr),
      iid: mr.iid,
      title: mr.title,
      author: mr.author.username,
      firstReviewAt: at,
    });
  }
  return reviewed;
}

/** The addresses among `urls` another source already offered this person (url or links). */
async function offeredElsewhere(
  db: Database,
  userId: string,
  urls: string[],
): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const rows = await db.query<{ url: string }>(
    `SELECT s.url FROM suggestions s
      WHERE s.user_id = $1 AND s.source <> $2 AND s.url = ANY($3::text[])
     UNION
     SELECT l.url FROM suggestions s,
            jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.details -> 'links') = 'array'
              THEN s.details -> 'links' ELSE '[]'::jsonb END) AS l(url)
      WHERE s.user_id = $1 AND s.source <> $2 AND l.url = ANY($3::text[])`,
    [userId, GITLAB_SOURCE, urls],
  );
  return new Set(rows.map((r) => r.url));
}

/** Runs one sync for `person`; the answer counts the suggestions offered and skipped. */
export async function syncGitlab(
  db: Database,
  person: SyncPerson,
  options: SyncOptions,
): Promise<GitlabSyncResult> {
  const now = options.now ?? new Date();
  const timeZone = isValidTimeZone(person.timeZone) ? person.timeZone : 'UTC';
  const today = localDateIn(timeZone, now);
  const currentWeek = weekStartOf(today);
  if (options.from !== undefined) {
    const earliest = addWeeks(currentWeek, -GITLAB_SYNC_MAX_WEEKS);
    if (weekStartOf(options.from) < earliest)
      throw invalidField(
        'from',
        `must be within the last ${GITLAB_SYNC_MAX_WEEKS} weeks (on or after ${earliest})`,
      );
  }
  const connection = options.lease
    ? await connectionUnderLease(db, person.id, options.lease)
    : await takeLease(db, person.id);
  if (!connection) throw notFound('GitLab is not connected: connect it with a token first.');
  const { lease } = connection;
  const fromWeek = options.from
    ? weekStartOf(options.from)
    : connection.lastSyncAt
      ? addWeeks(weekStartOf(localDateIn(timeZone, connection.lastSyncAt)), -1)
      : addWeeks(currentWeek, -GITLAB_BACKFILL_WEEKS);
  try {
    const client = gitlabClient({
      baseUrl: connection.baseUrl,
      token: await unseal(db, GITLAB_TOKEN, person.id, connection.tokenEncrypted),
      limits: options.limits,
      signal: options.signal,
    });
    const since = new Date(Date.parse(`${fromWeek}T00:00:00Z`) - EARLIEST_OFFSET_MS);
    const reviewed = await readReviewed(client, connection.username, since);
    const designed = (await client.authored(connection.username, since)).filter(
      (mr) => same(mr.author.username, connection.username) && isDesignMergeRequest(mr),
    );
    const elsewhere = await offeredElsewhere(db, person.id, [
      ...reviewed.map((r) => r.url),
      ...designed.map((mr) => mr.web_url),
    ]);
    const context = {
      username: connection.username,
      host: new URL(connection.baseUrl).host,
      timeZone,
      fromWeek,
      lastWeek: addWeeks(currentWeek, -1),
    };
    const drafts: SuggestionDraft[] = [
      ...reviewWeekDrafts(
        reviewed.filter((r) => !elsewhere.has(r.url)),
        context,
      ),
      ...proposalDrafts(
        designed.filter((mr) => !elsewhere.has(mr.web_url)),
        context,
      ).filter((d) => d.occurredOn >= fromWeek && d.occurredOn <= today),
    ];
    // Replaced or disconnected meanwhile: this sync's findings belong to no connection.
    if (!(await connectionUnderLease(db, person.id, lease)))
      throw conflict('GitLab was disconnected or connected again during the sync.');
    const counts = await offerSuggestions(db, person.id, drafts);
    await releaseLease(db, person.id, lease, { readUpTo: now });
    return { ...counts, from: fromWeek, to: today };
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    const known = options.signal?.aborted ? null : gitlabFailure(error);
    await releaseLease(db, person.id, lease, {
      error: options.signal?.aborted
        ? 'The sync was interrupted (the server stopped); the next one will cover these weeks.'
        : (known ?? 'The sync failed on our side; the next one will try again.'),
    });
    // GitLab's refusal is the person's to act on (409 with its sentence); ours is a 500.
    throw known ? Object.assign(conflict(known), { cause: error }) : error;
  }
}
