// Reading a person's activity from GitHub, one week of search at a time (a search never
// shows more than 1,000 results, so a week that holds more is split until each part fits):
// - pull requests they reviewed: `is:pr reviewed-by:LOGIN -author:LOGIN updated:…`, then
//   each one's reviews (`GET /repos/{o}/{r}/pulls/{n}/reviews`), since the search matches a
//   pull request however long ago the review was, and only the review's `submitted_at`
//   says when it happened. A review changes the pull request's `updated_at`, so searching
//   every window from the first day to now finds every review made since;
// - pull requests they opened: `is:pr author:LOGIN created:…`, kept when a label says
//   design (ADR, RFC, …) or, failing that, when their files hold a design document.

import type { GithubClient, SearchItem } from './github-client';
import {
  type DesignPull,
  isDesignDocument,
  isDesignLabel,
  type ReviewedPull,
} from './github-drafts';

/** GitHub's search answers at most this many results for one query. */
export const SEARCH_RESULT_CAP = 1_000;
const WEEK_MS = 7 * 86_400_000;
/** A window is not split below a minute: by then it is GitHub's problem, not ours. */
const MIN_WINDOW_MS = 60_000;

export interface ActivityWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** [from, to) cut into weeks (the last one shorter). */
export function weekWindows(from: Date, to: Date): ActivityWindow[] {
  const out: ActivityWindow[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += WEEK_MS) {
    out.push({ from: new Date(start), to: new Date(Math.min(start + WEEK_MS, to.getTime())) });
  }
  return out;
}

/** GitHub's range qualifier for a window: whole seconds, both ends inclusive. */
function range(window: ActivityWindow): string {
  const at = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return `${at(window.from)}..${at(new Date(window.to.getTime() - 1000))}`;
}

/** Every pull request a query finds in a window, the window split while it holds too many. */
async function searchWindow(
  client: GithubClient,
  query: (range: string) => string,
  window: ActivityWindow,
): Promise<SearchItem[]> {
  const found: SearchItem[] = [];
  for await (const page of client.searchIssues(query(range(window)))) {
    const span = window.to.getTime() - window.from.getTime();
    if (page.total > SEARCH_RESULT_CAP && span >= 2 * MIN_WINDOW_MS) {
      const middle = new Date(window.from.getTime() + Math.floor(span / 2000) * 1000);
      return [
        ...(await searchWindow(client, query, { from: window.from, to: middle })),
        ...(await searchWindow(client, query, { from: middle, to: window.to })),
      ];
    }
    found.push(...page.items);
  }
  return found;
}

function repositoryOf(item: SearchItem): { owner: string; repo: string; full: string } {
  // repository_url: {baseUrl}/repos/{owner}/{repo}
  const [repo, owner] = item.repository_url.split('/').reverse();
  return {
    owner: decodeURIComponent(owner ?? ''),
    repo: decodeURIComponent(repo ?? ''),
    full: `${owner}/${repo}`,
  };
}

const sameLogin = (a: string | undefined | null, b: string) =>
  !!a && a.toLowerCase() === b.toLowerCase();

/** A pull request gone since the search (deleted, access lost) is passed over. */
async function unlessGone<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return fallback;
    throw error;
  }
}

/** Pull requests by others that `login` reviewed, with each of their review times. */
export async function readReviewedPulls(
  client: GithubClient,
  login: string,
  windows: ActivityWindow[],
): Promise<ReviewedPull[]> {
  const pulls = new Map<string, SearchItem>();
  for (const window of windows) {
    const items = await searchWindow(
      client,
      (r) => `is:pr reviewed-by:${login} -author:${login} updated:${r}`,
      window,
    );
    // Own pull requests are left out even if the search's own filter missed one.
    for (const item of items)
      if (!sameLogin(item.user?.login, login)) pulls.set(item.html_url, item);
  }
  const out: ReviewedPull[] = [];
  for (const item of pulls.values()) {
    const { owner, repo, full } = repositoryOf(item);
    const reviews = await unlessGone(client.reviews(owner, repo, item.number), []);
    const reviewedAt = reviews
      .filter((r) => sameLogin(r.user?.login, login) && r.state !== 'PENDING' && r.submitted_at)
      .map((r) => r.submitted_at as string);
    if (reviewedAt.length === 0) continue;
    out.push({
      url: item.html_url,
      repository: full,
      number: item.number,
      title: item.title,
      author: item.user?.login ?? 'ghost',
      reviewedAt,
    });
  }
  return out;
}

const labelName = (label: SearchItem['labels'][number]) =>
  typeof label === 'string' ? label : (label.name ?? '');

/** Pull requests `login` opened in the windows that are design work (by label or files). */
export async function readDesignPulls(
  client: GithubClient,
  login: string,
  windows: ActivityWindow[],
): Promise<DesignPull[]> {
  const out: DesignPull[] = [];
  const seen = new Set<string>();
  for (const window of windows) {
    const items = await searchWindow(client, (r) => `is:pr author:${login} created:${r}`, window);
    for (const item of items) {
      if (seen.has(item.html_url) || !sameLogin(item.user?.login, login)) continue;
      seen.add(item.html_url);
      const labels = item.labels.map(labelName).filter(Boolean);
      const { owner, repo, full } = repositoryOf(item);
      // The files are read only when no label decides: one request fewer per labelled one.
      const designFiles = labels.some(isDesignLabel)
        ? []
        : (await unlessGone(client.files(owner, repo, item.number), []))
            .map((f) => f.filename)
            .filter(isDesignDocument);
      if (designFiles.length === 0 && !labels.some(isDesignLabel)) continue;
      out.push({
        url: item.html_url,
        repository: full,
        number: item.number,
        title: item.title,
        createdAt: item.created_at,
        state: item.pull_request?.merged_at
          ? 'merged'
          : item.state === 'closed'
            ? 'closed'
            : 'open',
        labels,
        designFiles,
      });
    }
  }
  return out;
}
