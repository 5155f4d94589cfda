// What GitHub activity becomes (pure): design documents and labels, review weeks in the
// person's zone, wording in the singular and plural, and descriptions within the limit.
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import { describe, expect, it } from 'vitest';
import {
  isDesignDocument,
  isDesignLabel,
  proposalDrafts,
  type ReviewedPull,
  reviewWeekDrafts,
} from '../src/sources/github/github-drafts';

describe('design pull requests', () => {
  it.each([
    'docs/adr/0007-queue-per-tenant.md',
    'doc/adrs/12.markdown',
    'rfcs/0042-auth.md',
    'design/queue.mdx',
    'docs/design-docs/retry.rst',
    'architecture/decisions/0001-record.adoc',
    'DESIGN.md',
    'docs/queue-design.md',
    'proposals/cache.txt',
    'rfc-12-auth.md',
  ])('%s is a design document', (path) => expect(isDesignDocument(path)).toBe(true));

  it.each([
    'src/design/button.tsx',
    'README.md',
    'docs/designer-notes.md',
    'packages/adr-tool/index.ts',
    'docs/redesign.md',
  ])('%s is not', (path) => expect(isDesignDocument(path)).toBe(false));

  it.each(['adr', 'RFC', 'design', 'design-doc', 'Architecture', 'proposal', 'kind/rfc'])(
    'the label %s says design',
    (label) => expect(isDesignLabel(label)).toBe(true),
  );
  it.each(['bug', 'redesign', 'designer', 'ui'])('the label %s does not', (label) =>
    expect(isDesignLabel(label)).toBe(false),
  );

  it('is dated by the day it was opened in the person’s zone', () => {
    const [draft] = proposalDrafts(
      [
        {
          url: 'https://github.com/a/b/pull/1',
          repository: 'a/b',
          number: 1,
          title: 'RFC: tokens',
          createdAt: '2026-11-16T02:00:00Z',
          state: 'open',
          labels: ['rfc'],
          designFiles: [],
        },
      ],
      { timeZone: 'America/Los_Angeles' },
    );
    expect(draft).toMatchObject({
      externalId: 'proposal:https://github.com/a/b/pull/1',
      occurredOn: '2026-11-15',
      suggestedKinds: ['proposal'],
      description: expect.stringContaining('Labelled rfc.'),
    });
  });
});

describe('review weeks', () => {
  const context = {
    login: 'Octo',
    host: 'api.github.com',
    timeZone: 'UTC',
    fromWeek: '2026-11-02',
    lastWeek: '2026-11-16',
  };
  const reviewed = (n: number, author: string, ...at: string[]): ReviewedPull => ({
    url: `https://github.com/acme/r${n % 3}/pull/${n}`,
    repository: `acme/r${n % 3}`,
    number: n,
    title: `Change [${n}]`,
    author,
    reviewedAt: at,
  });

  it('one per week within the range, in the singular for one of each', () => {
    const drafts = reviewWeekDrafts(
      [
        reviewed(1, 'ann', '2026-11-03T10:00:00Z', '2026-11-17T10:00:00Z'),
        reviewed(2, 'bob', '2026-10-30T10:00:00Z'),
        reviewed(3, 'bob', '2026-11-24T10:00:00Z'),
      ],
      context,
    );
    expect(drafts.map((d) => [d.externalId, d.title, d.occurredOn])).toEqual([
      [
        'reviews:api.github.com:octo:2026-11-02',
        'Reviewed 1 pull request in 1 repository for 1 author',
        '2026-11-03',
      ],
      [
        'reviews:api.github.com:octo:2026-11-16',
        'Reviewed 1 pull request in 1 repository for 1 author',
        '2026-11-17',
      ],
    ]);
    expect(drafts[0]?.description).toContain(
      '[acme/r1#1](https://github.com/acme/r1/pull/1) Change \\[1\\]',
    );
  });

  it('a busy week keeps its description within the entry limit, saying how many are left out', () => {
    const pulls = Array.from({ length: 400 }, (_, i) =>
      reviewed(i + 1, `author${i % 7}`, '2026-11-10T10:00:00Z'),
    );
    const [draft] = reviewWeekDrafts(pulls, context);
    expect(draft?.title).toBe('Reviewed 400 pull requests in 3 repositories for 7 authors');
    expect(draft?.description?.length).toBeLessThanOrEqual(EVIDENCE_LIMITS.descriptionMax);
    expect(draft?.description).toMatch(/\n- … and \d+ more$/);
    expect(draft?.details).toMatchObject({ pullRequests: expect.any(Array) });
    expect((draft?.details as { pullRequests: unknown[] } | undefined)?.pullRequests).toHaveLength(
      400,
    );
  });
});
