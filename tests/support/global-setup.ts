// Once per test run: a template database migrated with the real migrations, and the CLI
// compiled when its source changed since the last build.
import { migratePostgres } from '@leadtrack/db';
import type { TestProject } from 'vitest/node';
import { buildCliIfStale } from './cli-build';
import { createDatabase, dropDatabase, uniqueName } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  buildCliIfStale();
  const template = uniqueName('leadtrack_tpl');
  const url = await createDatabase(template);
  await migratePostgres(url);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(template);
  };
}
