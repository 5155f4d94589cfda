// What every source of suggestions is (GitHub, a calendar feed, …): a connection per person
// made from a validated config, read and forgotten; a sync that reads a window of the
// person's activity into suggestion drafts and offers them; and the scheduled job that syncs
// whoever is due. Each source is one folder here exporting one `Source`; registry.ts lists
// them, and routes, jobs and the dashboard are made from that list. Nothing outside a
// source's folder, the registry and its migration names it.
import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Env } from '../env';
import type { JobResult } from '../jobs/job';
import type { Caller } from '../plugins/app/authenticate';
import type { SealPurpose } from '../services/sealed-secrets';
import type { BackgroundSyncs } from './background-syncs';

/** What a source gets from the app (the routes' and the jobs' alike). */
export interface SourceContext {
  db: Database;
  log: FastifyBaseLogger;
  /** The app's configuration: a source reads its own settings (SOURCE_ENV in registry.ts). */
  config: Env;
  /** Fetches on people's behalf: public addresses and OUTBOUND_ALLOW only. */
  fetch: typeof fetch;
}

/** What a route adds: the syncs running after the answer (a backfill), closed with the app. */
export interface SourceRequestContext extends SourceContext {
  background: BackgroundSyncs;
  /** The request's instant (tests set the app's clock). */
  now: Date;
  /** The app's clock, for work that runs on after the answer. */
  clock: () => Date;
}

/** One sentence per route for the OpenAPI document. */
export interface SourceSummaries {
  connect: string;
  read: string;
  disconnect: string;
  sync: string;
}

export interface Source<
  Config extends z.ZodType = z.ZodType,
  Connection extends z.ZodType = z.ZodType,
  SyncBody extends z.ZodType = z.ZodType,
> {
  /** The path segment (/me/integrations/<id>), the suggestions' `source` and its job's prefix. */
  id: string;
  label: string;
  schemas: {
    /** PUT's body: the config connecting validates. */
    config: Config;
    /** GET's answer. */
    connection: Connection;
    /** PUT's answer (the connection, or more when connecting reads at once). */
    connected: z.ZodType;
    /** POST /sync's body, when it takes one (`from`); absent → no body. */
    syncBody?: SyncBody;
    /** POST /sync's answer: at least `{suggested, skipped}`. */
    syncResult: z.ZodType;
  };
  summaries: SourceSummaries;
  /** Where the source keeps a sealed secret per person, and how it is sealed (re-keying). */
  secret: { table: string; column: string; purpose: SealPurpose };
  /** Checks the config with the outside service, stores it (secrets sealed), answers PUT. */
  connect(ctx: SourceRequestContext, caller: Caller, config: z.output<Config>): Promise<unknown>;
  /** The caller's connection (GET), or a 404 problem. */
  read(db: Database, userId: string): Promise<z.output<Connection>>;
  /** Forgets the connection and its secrets; suggestions already offered stay. */
  disconnect(db: Database, userId: string): Promise<void>;
  /** Reads a window (from `body.from`, or since the last sync) into suggestions: POST /sync. */
  sync(
    ctx: SourceRequestContext,
    caller: Caller,
    body: z.output<SyncBody> | undefined,
  ): Promise<unknown>;
  /** The scheduled job (`<id>-sync`), run each hour: it picks whoever is due. */
  job: {
    hourly: boolean;
    run(ctx: SourceContext, options: { asOf: Date }): Promise<JobResult>;
  };
}

/** Types a source's object against its schemas (the registry keeps them as plain `Source`). */
export function defineSource<
  Config extends z.ZodType,
  Connection extends z.ZodType,
  SyncBody extends z.ZodType,
>(source: Source<Config, Connection, SyncBody>): Source {
  return source as unknown as Source;
}
