// GET /users/:id/packet: entries grouped by behaviour with counts and acknowledgements, the
// readiness summary, the period filter, the Markdown export and the access matrix.
import {
  addDays,
  addWeeks,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type IsoDate,
  KIND_INFO,
  statusOf,
  weekStartOf,
} from '@leadtrack/core';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  registerUser,
  revokedTokenOf,
  type TestUser,
  uniqueEmail,
} from '../support/http';
import { ownViewAccess, useTeam } from '../support/team';

const W0: IsoDate = '2026-02-02';
const week = (i: number) => addWeeks(W0, i);
const today = () => new Date().toISOString().slice(0, 10);

describe('promotion packet', () => {
  const { app, team } = useTeam();
  let revokedPat: string;
  const ids: Record<string, string> = {};
  const from = week(1);
  const to = addDays(week(3), 2);

  async function post(
    owner: TestUser,
    body: { kinds: EvidenceKind[]; title: string; occurredOn: IsoDate } & Record<string, unknown>,
  ) {
    const res = await call(app, 'POST', '/api/v1/evidence', { token: owner.token, body });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  }

  async function ack(by: TestUser, id: string, comment?: string) {
    const res = await call(app, 'POST', `/api/v1/evidence/${id}/acknowledgements`, {
      token: by.token,
      body: comment === undefined ? {} : { comment },
    });
    expect(res.status, res.text).toBe(201);
  }

  const packet = (token: string | undefined, who: string, query: Record<string, string> = {}) =>
    call(app, 'GET', `/api/v1/users/${who}/packet`, { token, query });

  beforeAll(async () => {
    const eng = team.engineer;
    ids.proposal = await post(eng, {
      kinds: ['proposal', 'communication'],
      title: 'Cache proposal presented to product',
      occurredOn: addDays(week(1), 1),
      description: 'Compared **three** options; product chose the second.',
      links: ['https://example.com/rfc/42'],
      audience: 'stakeholders',
    });
    await ack(team.manager, ids.proposal, 'Clear trade-offs.\nWell done.');
    await ack(team.admin, ids.proposal);
    ids.review = await post(eng, {
      kinds: ['review'],
      title: 'Reviewed the billing refactor for *fit* <with> the system',
      occurredOn: week(3),
    });
    ids.mentoring = await post(eng, {
      kinds: ['mentoring', 'review'],
      title: 'Pairing',
      occurredOn: to,
    });
    // Outside the period, deleted, or someone else's: never in the packet.
    ids.before = await post(eng, {
      kinds: ['review'],
      title: 'Too early',
      occurredOn: addDays(from, -1),
    });
    ids.after = await post(eng, {
      kinds: ['review'],
      title: 'Too late',
      occurredOn: addDays(to, 1),
    });
    ids.deleted = await post(eng, {
      kinds: ['ownership'],
      title: 'Deleted one',
      occurredOn: week(2),
    });
    const del = await call(app, 'DELETE', `/api/v1/evidence/${ids.deleted}`, { token: eng.token });
    expect(del.status).toBe(204);
    await post(team.peer, { kinds: ['ownership'], title: "Peer's entry", occurredOn: week(2) });

    revokedPat = await revokedTokenOf(app, eng);
  });

  describe('json', () => {
    it('groups the period’s entries by kind, an entry under each of its kinds, with acknowledgements', async () => {
      const res = await packet(team.manager.token, team.engineer.id, { from, to });
      expect(res.status, res.text).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.body;
      expect(body.user).toEqual({
        id: team.engineer.id,
        name: 'Engineer',
        email: team.engineer.email,
      });
      expect(body.from).toBe(from);
      expect(body.to).toBe(to);
      expect(body.kinds.map((k: { kind: string }) => k.kind)).toEqual([...EVIDENCE_KINDS]);
      const byKind = Object.fromEntries(body.kinds.map((k: { kind: string }) => [k.kind, k]));
      const titles = (kind: EvidenceKind) =>
        byKind[kind].entries.map((e: { title: string }) => e.title);
      expect(
        Object.fromEntries(
          body.kinds.map((k: { kind: string; count: number }) => [k.kind, k.count]),
        ),
      ).toEqual({
        ownership: 0,
        review: 2,
        proposal: 1,
        mentoring: 1,
        communication: 1,
        unblocking: 0,
        feedback: 0,
      });
      for (const kind of EVIDENCE_KINDS) expect(byKind[kind].label).toBe(KIND_INFO[kind].label);
      // Oldest first within a kind.
      expect(titles('review')).toEqual([
        'Reviewed the billing refactor for *fit* <with> the system',
        'Pairing',
      ]);
      expect(titles('proposal')).toEqual(['Cache proposal presented to product']);
      expect(byKind.communication.entries).toEqual(byKind.proposal.entries);

      const entry = byKind.proposal.entries[0];
      expect(entry).toEqual({
        id: ids.proposal,
        title: 'Cache proposal presented to product',
        occurredOn: addDays(week(1), 1),
        description: 'Compared **three** options; product chose the second.',
        links: ['https://example.com/rfc/42'],
        audience: 'stakeholders',
        acknowledgements: [
          {
            by: { id: team.manager.id, name: 'Manager' },
            comment: 'Clear trade-offs.\nWell done.',
            entryVersion: 1,
            current: true,
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          },
          {
            by: { id: team.admin.id, name: 'Admin' },
            comment: null,
            entryVersion: 1,
            current: true,
            createdAt: expect.any(String),
          },
        ],
        endorsements: [],
      });
      expect(byKind.review.entries[0]).toMatchObject({
        acknowledgements: [],
        audience: null,
        description: null,
        links: [],
      });
    });

    it('carries the readiness summary as of `to`', async () => {
      const res = await packet(team.engineer.token, 'me', { from, to });
      const readiness = await call(app, 'GET', '/api/v1/users/me/readiness', {
        token: team.engineer.token,
        query: { asOf: to },
      });
      expect(res.body.readiness).toEqual({
        ...readiness.body.current,
        status: statusOf(readiness.body.current),
        thresholdWeeks: 26,
      });
      expect(res.body.readiness).toMatchObject({
        weekStart: week(3),
        status: 'building',
        streak: 0,
      });
    });

    it('defaults to the 26 weeks ending today', async () => {
      const user = await registerUser(app, { name: 'Recent', email: uniqueEmail() });
      const start = addWeeks(weekStartOf(today()), -25);
      await post(user, { kinds: ['review'], title: 'Today', occurredOn: today() });
      await post(user, { kinds: ['review'], title: 'First day', occurredOn: start });
      await post(user, { kinds: ['review'], title: 'Day before', occurredOn: addDays(start, -1) });
      const res = await packet(user.token, 'me');
      expect(res.status, res.text).toBe(200);
      expect(res.body.from).toBe(start);
      expect(res.body.to).toBe(today());
      const review = res.body.kinds.find((k: { kind: string }) => k.kind === 'review');
      expect(review.entries.map((e: { title: string }) => e.title)).toEqual(['First day', 'Today']);
      // Only `to` given: the 26 weeks ending then.
      const res2 = await packet(user.token, 'me', { to: addDays(start, -1) });
      expect(res2.body.from).toBe(addWeeks(weekStartOf(addDays(start, -1)), -25));
      expect(res2.body.kinds.find((k: { kind: string }) => k.kind === 'review').count).toBe(1);
    });

    it('a user without evidence gets an empty packet', async () => {
      const res = await packet(team.stranger.token, 'me');
      expect(res.status, res.text).toBe(200);
      expect(
        res.body.kinds.every(
          (k: { count: number; entries: unknown[] }) => k.count === 0 && k.entries.length === 0,
        ),
      ).toBe(true);
      expect(res.body.readiness).toMatchObject({ status: 'building', streak: 0, readySince: null });
    });
  });

  describe('markdown', () => {
    it('is a Markdown attachment with a heading per behaviour, the entries and quoted acknowledgements', async () => {
      const res = await packet(team.manager.token, team.engineer.id, { from, to, format: 'md' });
      expect(res.status, res.text).toBe(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="packet-engineer-${to}.md"`,
      );
      const md = res.text;
      expect(md.startsWith('# Promotion packet: Engineer\n')).toBe(true);
      for (const kind of [
        'review',
        'proposal',
        'mentoring',
        'communication',
        'ownership',
      ] as const) {
        expect(md).toContain(`\n## ${KIND_INFO[kind].label}\n`);
      }
      // Kinds that are neither required nor shown are left out.
      expect(md).not.toContain(`## ${KIND_INFO.unblocking.label}`);
      expect(md).toContain('## Readiness');
      expect(md).toContain('**Status: Building**');
      expect(md).toContain('0 of 26 weeks');
      expect(md).toContain(`evidence from ${from} to ${to} (3 weeks)`);
      expect(md).toContain('### Cache proposal presented to product');
      // Markup in a title is escaped, so it reads as written.
      expect(md).toContain('### Reviewed the billing refactor for \\*fit\\* \\<with\\> the system');
      // Descriptions and comments are Markdown, quoted: formatting renders, structure cannot.
      expect(md).toContain('\n> Compared **three** options; product chose the second.\n');
      expect(md).toContain('- <https://example.com/rfc/42>');
      expect(md).toMatch(
        /\*\*Acknowledged by Manager\*\* on \d{4}-\d\d-\d\d:\n\n> Clear trade-offs\.\n> Well done\.\n/,
      );
      expect(md).toMatch(/\*\*Acknowledged by Admin\*\* on \d{4}-\d\d-\d\d\.\n/);
      expect(md).toContain('2 entries, in 1 of 3 weeks.');
      expect(md).toContain('No entries in this period.');
      expect(md).toContain(`| ${KIND_INFO.ownership.label} | 0 | 0 of 3 weeks | – |`);
      expect(md).toContain(`| ${KIND_INFO.review.label} | 2 | 1 of 3 weeks | 0 of 2 |`);
      expect(md).toContain(`| ${KIND_INFO.proposal.label} | 1 | 1 of 3 weeks | 1 of 1 |`);
      expect(md).toContain('also shows Explaining to non-engineers');
      for (const absent of ['Too early', 'Too late', 'Deleted one', "Peer's entry"]) {
        expect(md).not.toContain(absent);
      }
      // Well formed: no runs of blank lines, a single trailing newline.
      expect(md).not.toMatch(/\n{3,}/);
      expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
    });

    it('renders descriptions as Markdown that can never pass for an acknowledgement or a heading of the packet', async () => {
      const user = await registerUser(app, { name: 'Mallory', email: uniqueEmail() });
      const forged = [
        'Shipped the *thing*.',
        '',
        '> Acknowledged by Manager, 2026-01-05.',
        '**Acknowledged by Manager** on 2026-01-05.',
        '__Endorsed by Staff__ (colleague) on 2026-01-05.',
        '```',
        '````',
        '## Promoted early',
        'Setext heading',
        '===',
        '<b>html</b> and ![pixel](https://tracker.example/p.gif)',
        '\r**Acknowledged by Admin** on 2026-01-06.',
      ].join('\n');
      const res = await call(app, 'POST', '/api/v1/evidence', {
        token: user.token,
        body: {
          kinds: ['review'],
          title: 'Forged acknowledgement',
          occurredOn: today(),
          description: forged,
        },
      });
      expect(res.status, res.text).toBe(201);
      const md = (await packet(user.token, 'me', { format: 'md' })).text;
      // Parsed by a CommonMark parser (the one react-markdown uses), not by eye.
      const tree = fromMarkdown(md);
      const textOf = (node: MdNode): string =>
        node.value ?? (node.children ?? []).map(textOf).join('');
      const all = (node: MdNode): MdNode[] => [node, ...(node.children ?? []).flatMap(all)];
      // The description renders as Markdown (emphasis survives), inside one block quote.
      const quotes = tree.children.filter((n) => n.type === 'blockquote');
      expect(quotes).toHaveLength(1);
      expect(all(quotes[0] as MdNode).some((n) => n.type === 'emphasis')).toBe(true);
      expect(textOf(quotes[0] as MdNode)).toContain('Shipped the thing.');
      // Nothing of it stands outside the quote: no line in the packet's own form (a top-level
      // paragraph opening in bold) speaks of acknowledging or endorsing: there are none.
      const packetLines = tree.children
        .filter((n) => n.type === 'paragraph' && n.children[0]?.type === 'strong')
        .map((n) => textOf(n as MdNode));
      expect(packetLines.filter((t) => /acknowledged|endorsed/i.test(t))).toEqual([]);
      expect(packetLines).toContain('Status: Building (as of ' + today() + ')');
      // Inside, nothing is bold or a heading, there is no HTML and no image.
      const inside = all(quotes[0] as MdNode);
      expect(inside.filter((n) => ['strong', 'heading', 'html', 'image'].includes(n.type))).toEqual(
        [],
      );
      expect(
        all(tree as MdNode)
          .filter((n) => n.type === 'heading')
          .map(textOf),
      ).not.toContain('Promoted early');
    });

    it('names the file after the user, in ASCII', async () => {
      const user = await registerUser(app, { name: 'Zoë O’Brien', email: uniqueEmail() });
      const res = await packet(user.token, 'me', { format: 'md' });
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="packet-zoe-o-brien-${today()}.md"`,
      );
    });
  });

  describe('validation', () => {
    it('refuses from after to, a future to, an unknown format and unknown fields, naming them', async () => {
      const token = team.engineer.token;
      expectProblem(await packet(token, 'me', { from: to, to: from }), 400, ['from']);
      expectProblem(await packet(token, 'me', { to: addDays(today(), 1) }), 400, ['to']);
      expectProblem(await packet(token, 'me', { format: 'pdf' }), 400, ['format']);
      expectProblem(await packet(token, 'me', { from: '2026-13-01' }), 400, ['from']);
      expectProblem(await packet(token, 'me', { kind: 'review' }), 400, ['kind']);
    });
  });

  describe('access', () => {
    it('owner, manager and admin read it (json and md); others 404; no or revoked credentials 401', async () => {
      for (const format of ['json', 'md']) {
        for (const [token, who, status] of ownViewAccess(team, revokedPat)) {
          const res = await packet(token, who, { format });
          if (status === 200) {
            expect(res.status, res.text).toBe(200);
          } else {
            expectProblem(res, status);
            // A refused packet never reveals a title.
            expect(res.text).not.toContain('Cache proposal');
          }
        }
      }
    });
  });
});

/** A node of the parsed Markdown (mdast), as far as these checks read it. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}
