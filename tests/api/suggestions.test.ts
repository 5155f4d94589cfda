// The suggestions inbox: offering (never twice), listing, accepting with edits, dismissing.
import {
  offerSuggestions,
  type SuggestionDraft,
} from '@leadtrack/api/services/suggestions/offer-suggestions';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../support/http';
import { useFixture, useTestApp } from '../support/test-app';

const { app, sql } = useTestApp();

function draft(externalId: string, extra: Partial<SuggestionDraft> = {}): SuggestionDraft {
  return {
    type: 'evidence',
    source: 'github',
    externalId,
    url: `https://github.com/acme/api/pull/${externalId}`,
    title: `Reviewed ${externalId}`,
    occurredOn: '2026-11-02',
    suggestedKinds: ['review'],
    ...extra,
  };
}

describe('offerSuggestions', () => {
  const owner = useFixture(() => registerUser(app, { name: 'Owner' }));

  it('inserts new drafts in one statement and never offers the same source and id twice', async () => {
    const first = await offerSuggestions(app.db, owner.id, [
      draft('1'),
      draft('2', { details: { pullRequests: 3 } }),
      draft('2'),
    ]);
    expect(first).toEqual({ suggested: 2, skipped: 1 });
    // Dismissed or not, a re-offer inserts nothing; another source with the same id is new.
    await sql.query(`UPDATE suggestions SET status = 'dismissed' WHERE external_id = '1'`);
    const again = await offerSuggestions(app.db, owner.id, [
      draft('1'),
      draft('2'),
      draft('1', { source: 'calendar' }),
      {
        type: 'checkin',
        source: 'calendar',
        externalId: 'week-2026-11-02',
        title: 'Focus blocks',
        occurredOn: '2026-11-02',
        suggestedKinds: [],
        checkin: { weekStart: '2026-11-02', deepWorkBlocks: 4 },
      },
    ]);
    expect(again).toEqual({ suggested: 2, skipped: 2 });
    const { rows } = await sql.query(
      `SELECT source, external_id, type::text, suggested_kinds::text[] AS kinds, checkin, details, status::text
         FROM suggestions WHERE user_id = $1 ORDER BY source, external_id`,
      [owner.id],
    );
    expect(rows).toEqual([
      {
        source: 'calendar',
        external_id: '1',
        type: 'evidence',
        kinds: ['review'],
        checkin: null,
        details: null,
        status: 'open',
      },
      {
        source: 'calendar',
        external_id: 'week-2026-11-02',
        type: 'checkin',
        kinds: [],
        checkin: { weekStart: '2026-11-02', deepWorkBlocks: 4 },
        details: null,
        status: 'open',
      },
      {
        source: 'github',
        external_id: '1',
        type: 'evidence',
        kinds: ['review'],
        checkin: null,
        details: null,
        status: 'dismissed',
      },
      {
        source: 'github',
        external_id: '2',
        type: 'evidence',
        kinds: ['review'],
        checkin: null,
        details: { pullRequests: 3 },
        status: 'open',
      },
    ]);
    expect(await offerSuggestions(app.db, owner.id, [])).toEqual({ suggested: 0, skipped: 0 });
  });
});
