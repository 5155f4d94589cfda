// A code host reached with a person's personal access token (GitHub, GitLab) as a source:
// connect (the token checked by reading the account, sealed, never returned; a backfill then
// runs in the background), read, disconnect, sync now, and the weekly `<id>-sync` job. A host
// gives its schemas, its table, its client's two questions (who is this token's account,
// what did they do in this window) and its words; the rest is decided here once.
import type { IsoDate } from '@leadtrack/core';
import type { z } from 'zod';
import { type SealPurpose, seal } from '../../services/sealed-secrets';
import type { SuggestionDraft } from '../../services/suggestions/offer-suggestions';
import { defineSource, type Source, type SourceContext, type SourceSummaries } from '../source';
import { connectionDto, tokenHostStore } from './connections';
import { connectRefusal, type HostFailure, type RefusalWords } from './failures';
import { runBackfill, runTokenHostSync, type SyncWindow } from './sync';
import { weeklySyncJob } from './weekly-job';

/** Connecting answers within seconds: a longer rate-limit wait is reported instead. */
const CONNECT_MAX_WAIT_MS = 10_000;

export interface TokenHostDefinition<Limits extends { maxWaitMs: number }> {
  id: string;
  label: string;
  schemas: {
    config: z.ZodType<{ token: string; baseUrl?: string }>;
    connection: z.ZodType;
    syncBody: z.ZodType<{ from?: IsoDate }>;
    syncResult: z.ZodType;
  };
  summaries: SourceSummaries;
  /** The table (`<id>_integrations`), its account column, and the account's field in GET. */
  table: string;
  accountColumn: string;
  accountField: string;
  defaultBaseUrl: string;
  /** How the token is sealed in `<table>.token_encrypted`. */
  purpose: SealPurpose;
  words: RefusalWords;
  /** The limits every client of this host keeps (its settings, the outbound fetch). */
  limits(ctx: SourceContext): Limits;
  /** What a failed call amounts to; null for our own faults. */
  failure(error: unknown): HostFailure | null;
  /** The token's account name (the token checked); throws the client's failures. */
  account(options: { baseUrl: string; token: string; limits: Limits }): Promise<string>;
  /** The person's activity in the window as drafts. */
  read(window: SyncWindow<Limits>): Promise<SuggestionDraft[]>;
}

export function defineTokenHostSource<Limits extends { maxWaitMs: number }>(
  host: TokenHostDefinition<Limits>,
): Source {
  const store = tokenHostStore({
    table: host.table,
    accountColumn: host.accountColumn,
    label: host.label,
  });
  const sync = { ...host, store };
  return defineSource({
    id: host.id,
    label: host.label,
    schemas: { ...host.schemas, connected: host.schemas.connection },
    secret: { table: host.table, column: 'token_encrypted', purpose: host.purpose },
    summaries: host.summaries,
    async connect(ctx, caller, config) {
      const limits = host.limits(ctx);
      const baseUrl = config.baseUrl ?? host.defaultBaseUrl;
      let account: string;
      try {
        account = await host.account({
          baseUrl,
          token: config.token,
          limits: { ...limits, maxWaitMs: Math.min(limits.maxWaitMs, CONNECT_MAX_WAIT_MS) },
        });
      } catch (error) {
        throw connectRefusal(host.failure(error), host.words) ?? error;
      }
      const sealed = await seal(ctx.db, host.purpose, caller.id, config.token);
      const row = await store.store(ctx.db, caller.id, account, baseUrl, sealed);
      ctx.background.start(caller.id, (signal) =>
        runBackfill(() =>
          runTokenHostSync(sync, ctx.db, caller, {
            lease: row.lease,
            limits,
            signal,
            now: ctx.clock(),
          }),
        ),
      );
      return connectionDto(row, host.accountField);
    },
    read: async (db, userId) => connectionDto(await store.read(db, userId), host.accountField),
    disconnect: store.remove,
    sync: (ctx, person, body) =>
      runTokenHostSync(sync, ctx.db, person, {
        from: body?.from,
        limits: host.limits(ctx),
        now: ctx.now,
      }),
    job: weeklySyncJob({
      store,
      failure: host.failure,
      sync: (ctx, person, asOf) =>
        runTokenHostSync(sync, ctx.db, person, { limits: host.limits(ctx), now: asOf }),
    }),
  });
}
