// Every source of suggestions, by id: its routes (/me/integrations/<id>, sources/routes.ts),
// its sync job (`<id>-sync`, jobs/registry.ts) and its settings in the environment come from
// here. A new source is one folder beside this file, one entry in each list below, its
// entry in @leadtrack/schemas' SOURCES, and its migration (ARCHITECTURE.md "Sources").
import { SOURCE_IDS } from '@leadtrack/schemas';
import type { JobDefinition } from '../jobs/job';
import { calendarSource } from './calendar';
import { githubSource } from './github';
import { GITHUB_ENV } from './github/env';
import { GITLAB_ENV, gitlabSource } from './gitlab';
import type { Source } from './source';

export const SOURCES: readonly Source[] = [githubSource, gitlabSource, calendarSource];

/** The sources' settings, merged into the API's configuration (env.ts). */
export const SOURCE_ENV = { ...GITHUB_ENV, ...GITLAB_ENV };

/** Each source's scheduled job, by name: `<id>-sync`. */
export const SOURCE_JOBS: Readonly<Record<string, JobDefinition>> = Object.fromEntries(
  SOURCES.map((source) => [`${source.id}-sync`, source.job]),
);

// The dashboard and the contract list the same sources, in the same order.
const ids = SOURCES.map((s) => s.id).join(',');
if (ids !== SOURCE_IDS.join(','))
  throw new Error(
    `The sources' registry (${ids}) differs from @leadtrack/schemas' (${SOURCE_IDS}).`,
  );
