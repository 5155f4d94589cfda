// Readiness answers are cached per user data version. These tests prove every change to
// what readiness reads reaches the next answer at once, through every write path.

import {
  approximateBytes,
  type CachedReadiness,
  ReadinessCache,
} from '@leadtrack/api/services/readiness-cache';
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { call, setPolicy } from '../support/http';
import { useTeam } from '../support/team';

const { app, sql, team } = useTeam();

const today = todayUtc();
const thisWeek = weekStartOf(today);

async function readiness(token: string, userId = 'me') {
  const res = await call(app, 'GET', `/api/v1/users/${userId}/readiness`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function reportOf(managerToken: string, userId: string) {
  const res = await call(app, 'GET', '/api/v1/reports', { token: managerToken });
  expect(res.status, res.text).toBe(200);
  return res.body.items.find((i: { user: { id: string } }) => i.user.id === userId);
}

async function dataVersion(userId: string): Promise<number> {
  const { rows } = await sql.query('SELECT data_version FROM users WHERE id = $1', [userId]);
  return Number(rows[0].data_version);
}

interface WeekRow {
  weekStart: string;
  visibility: number | null;
}
const weekRow = (body: { weeks: WeekRow[] }, weekStart: string) =>
  body.weeks.find((w) => w.weekStart === weekStart);

describe('cached readiness stays current', () => {
  it('reflects a new entry, an edit, a delete, a restore, an acknowledgement and a check-in at once', async () => {
    const { engineer, manager } = team;
    const base = await dataVersion(engineer.id);

    const created = await call(app, 'POST', '/api/v1/evidence', {
      token: engineer.token,
      body: { kinds: ['review'], title: 'Reviewed the cache design', occurredOn: today },
    });
    expect(created.status, created.text).toBe(201);
    // Read twice: the second answer comes from the cache and must be the same.
    const first = await readiness(engineer.token);
    expect(await readiness(engineer.token)).toEqual(first);
    expect(weekRow(first, thisWeek)).toMatchObject({ counts: { review: 1 } });
    expect((await reportOf(manager.token, engineer.id)).lastEvidenceOn).toBe(today);

    const edited = await call(app, 'PATCH', `/api/v1/evidence/${created.body.id}`, {
      token: engineer.token,
      body: { kinds: ['review', 'mentoring'] },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(weekRow(await readiness(engineer.token), thisWeek)).toMatchObject({
      counts: { review: 1, mentoring: 1 },
    });

    const ack = await call(app, 'POST', `/api/v1/evidence/${created.body.id}/acknowledgements`, {
      token: manager.token,
      body: {},
    });
    expect(ack.status, ack.text).toBe(201);
    expect(weekRow(await readiness(engineer.token), thisWeek)?.visibility).toBe(1);

    expect(
      (
        await call(app, 'DELETE', `/api/v1/evidence/${created.body.id}`, {
          token: engineer.token,
        })
      ).status,
    ).toBe(204);
    const afterDelete = await readiness(engineer.token);
    expect(weekRow(afterDelete, thisWeek)).toBeUndefined();
    expect((await reportOf(manager.token, engineer.id)).lastEvidenceOn).toBeNull();

    const restored = await call(app, 'POST', `/api/v1/evidence/${created.body.id}/restore`, {
      token: engineer.token,
    });
    expect(restored.status, restored.text).toBe(200);
    expect(weekRow(await readiness(engineer.token), thisWeek)).toMatchObject({
      counts: { review: 1, mentoring: 1 },
    });

    const lastWeek = addWeeks(thisWeek, -1);
    const checkin = await call(app, 'PUT', `/api/v1/checkins/${lastWeek}`, {
      token: engineer.token,
      body: { handsOnPercent: 50, deepWorkBlocks: 2, onLeave: true },
    });
    expect(checkin.status, checkin.text).toBe(200);
    expect(weekRow(await readiness(engineer.token), lastWeek)).toMatchObject({ onLeave: true });

    // Each of those writes moved the version (create, edit, ack, delete, restore, check-in).
    expect(await dataVersion(engineer.id)).toBeGreaterThanOrEqual(base + 6);
  });

  it('follows a policy change, and another user’s writes leave this answer alone', async () => {
    const { admin, peer, engineer } = team;
    await call(app, 'POST', '/api/v1/evidence', {
      token: peer.token,
      body: {
        kinds: ['ownership'],
        title: 'Owned the deploy pipeline',
        occurredOn: addDays(today, -1),
      },
    });
    const before = await readiness(peer.token);
    expect(before.policy.thresholdWeeks).toBe(26);
    const otherVersion = await dataVersion(peer.id);
    await call(app, 'POST', '/api/v1/evidence', {
      token: engineer.token,
      body: { kinds: ['proposal'], title: 'Someone else’s entry', occurredOn: today },
    });
    expect(await dataVersion(peer.id)).toBe(otherVersion);
    expect(await readiness(peer.token)).toEqual(before);

    await setPolicy(app, admin, {
      requiredKinds: ['ownership'],
      windowWeeks: 1,
      thresholdWeeks: 1,
    });
    const after = await readiness(peer.token);
    expect(after.policy.thresholdWeeks).toBe(1);
    expect(after.current).not.toEqual(before.current);
  });
});

describe('kept response bodies stay current', () => {
  it('serves the evidence page, the timeline and the team view again (304 to their ETag) until something they show changes', async () => {
    const { engineer, manager, admin } = team;
    const created = await call(app, 'POST', '/api/v1/evidence', {
      token: engineer.token,
      body: { kinds: ['ownership'], title: 'Owned the cache', occurredOn: today },
    });
    expect(created.status, created.text).toBe(201);
    const pagePath = `/api/v1/evidence?userId=${engineer.id}&limit=50`;
    const page = async () => {
      const res = await call(app, 'GET', pagePath, { token: manager.token });
      expect(res.status, res.text).toBe(200);
      return res;
    };
    const notModified = async (path: string, etag: unknown, token = manager.token) => {
      const res = await call(app, 'GET', path, {
        token,
        headers: { 'if-none-match': String(etag) },
      });
      return res.status;
    };
    const entryOf = (body: { items: { id: string; acknowledgements?: unknown }[] }) =>
      body.items.find((e) => e.id === created.body.id);

    const first = await page();
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect((await page()).body).toEqual(first.body);
    expect(await notModified(pagePath, first.headers.etag)).toBe(304);
    expect(await notModified(pagePath, `W/${first.headers.etag}`)).toBe(304);
    // Another reader with the same rights gets the same answer: the body is the owner's.
    expect(await notModified(pagePath, first.headers.etag, admin.token)).toBe(304);

    // An acknowledgement, the acknowledger's new name, a title-only edit: each shows at once.
    const ack = await call(app, 'POST', `/api/v1/evidence/${created.body.id}/acknowledgements`, {
      token: manager.token,
      body: { comment: 'Thanks' },
    });
    expect(ack.status, ack.text).toBe(201);
    expect(await notModified(pagePath, first.headers.etag)).toBe(200);
    const acknowledged = await page();
    expect(entryOf(acknowledged.body)?.acknowledgements).toMatchObject([
      { by: { id: manager.id, name: 'Manager' }, comment: 'Thanks' },
    ]);
    const renamed = await call(app, 'PATCH', '/api/v1/me', {
      token: manager.token,
      body: { name: 'Manager Renamed' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(await notModified(pagePath, acknowledged.headers.etag)).toBe(200);
    expect(entryOf((await page()).body)?.acknowledgements).toMatchObject([
      { by: { id: manager.id, name: 'Manager Renamed' } },
    ]);
    const edited = await call(app, 'PATCH', `/api/v1/evidence/${created.body.id}`, {
      token: engineer.token,
      body: { title: 'Owned the cache, renamed' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(entryOf((await page()).body)).toMatchObject({ title: 'Owned the cache, renamed' });

    // The timeline and the team view: the same ETag until a write, a new one after.
    const timelinePath = `/api/v1/users/${engineer.id}/readiness`;
    const timeline = await call(app, 'GET', timelinePath, { token: manager.token });
    expect(timeline.status, timeline.text).toBe(200);
    expect(await notModified(timelinePath, timeline.headers.etag)).toBe(304);
    const teamView = await call(app, 'GET', '/api/v1/reports', { token: manager.token });
    expect(teamView.status, teamView.text).toBe(200);
    expect(await notModified('/api/v1/reports', teamView.headers.etag)).toBe(304);
    const orgView = await call(app, 'GET', '/api/v1/org', { token: manager.token });
    expect(orgView.status, orgView.text).toBe(200);
    expect(await notModified('/api/v1/org', orgView.headers.etag)).toBe(304);
    // Renaming a report changes the team view (not their data version).
    const reportRenamed = await call(app, 'PATCH', `/api/v1/users/${engineer.id}`, {
      token: admin.token,
      body: { name: 'Engineer Renamed' },
    });
    expect(reportRenamed.status, reportRenamed.text).toBe(200);
    expect(await notModified('/api/v1/reports', teamView.headers.etag)).toBe(200);
    expect(await notModified('/api/v1/org', orgView.headers.etag)).toBe(200);
    expect((await reportOf(manager.token, engineer.id)).user.name).toBe('Engineer Renamed');
    const checkin = await call(app, 'PUT', `/api/v1/checkins/${thisWeek}`, {
      token: engineer.token,
      body: { handsOnPercent: 40, deepWorkBlocks: 1, onLeave: false },
    });
    expect(checkin.status, checkin.text).toBe(200);
    expect(await notModified(timelinePath, timeline.headers.etag)).toBe(200);
  });
});

describe('the cache bound', () => {
  /** A cached answer with `weeks` timeline rows: its size grows with the history. */
  function answer(weeks: number): CachedReadiness {
    const row = { weekStart: '2024-01-01', consistent: true, kinds: ['review'], checkin: null };
    return {
      readiness: { weeks: Array.from({ length: weeks }, () => ({ ...row })) },
      lastEvidenceOn: null,
    } as unknown as CachedReadiness;
  }

  it('evicts least recently used entries by size, not only by count', () => {
    const big = answer(2_000);
    const bytes = approximateBytes(big);
    expect(bytes).toBeGreaterThan(100_000);
    // Room for 1,000 entries but only two and a half big ones.
    const cache = new ReadinessCache(1_000, Math.floor(bytes * 2.5));
    cache.set('a', big);
    cache.set('b', answer(2_000));
    expect(cache.get('a')).toBe(big); // a is now the most recently used
    cache.set('c', answer(2_000));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(big);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    // Small answers still fill the count bound.
    const small = new ReadinessCache(3, 10_000_000);
    for (const key of ['1', '2', '3', '4']) small.set(key, answer(1));
    expect(small.size).toBe(3);
    expect(small.get('1')).toBeUndefined();
  });

  it('keeps its byte count exact across replacements, and never keeps an answer over the budget', () => {
    const cache = new ReadinessCache(10, 50_000);
    cache.set('a', answer(10));
    cache.set('a', answer(20));
    expect(cache.bytes).toBe(approximateBytes(answer(20)));
    cache.set('huge', answer(5_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });
});
