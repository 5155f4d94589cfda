// Reading a person's GitLab activity in a sync's window (token-host/sync.ts decides the
// weeks, the lease and the outcome): the merge requests they reviewed (first approval or
// comment) and the design merge requests they opened. What another source already offered
// with the same address (a project mirrored from GitHub) is not offered again.
import type { Database } from '@leadtrack/db';
import type { SuggestionDraft } from '../../services/suggestions/offer-suggestions';
import type { SyncWindow } from '../token-host/sync';
import {
  GitlabAnswered,
  type GitlabClient,
  type GitlabLimits,
  gitlabClient,
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

/** The window's reviews and design merge requests as drafts. */
export async function readGitlabActivity({
  db,
  userId,
  connection,
  token,
  limits,
  signal,
  since,
  timeZone,
  fromWeek,
  lastWeek,
}: SyncWindow<GitlabLimits>): Promise<SuggestionDraft[]> {
  const client = gitlabClient({ baseUrl: connection.baseUrl, token, limits, signal });
  const username = connection.account;
  const reviewed = await readReviewed(client, username, since);
  const designed = (await client.authored(username, since)).filter(
    (mr) => same(mr.author.username, username) && isDesignMergeRequest(mr),
  );
  const elsewhere = await offeredElsewhere(db, userId, [
    ...reviewed.map((r) => r.url),
    ...designed.map((mr) => mr.web_url),
  ]);
  const context = {
    username,
    host: new URL(connection.baseUrl).host,
    timeZone,
    fromWeek,
    lastWeek,
  };
  return [
    ...reviewWeekDrafts(
      reviewed.filter((r) => !elsewhere.has(r.url)),
      context,
    ),
    ...proposalDrafts(
      designed.filter((mr) => !elsewhere.has(mr.web_url)),
      context,
    ),
  ];
}
