// Once per test run: a template database migrated with the real migrations.
import { migratePostgres } from '@leadtrack/db';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, uniqueName } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const template = uniqueName('leadtrack_tpl');
  const url = await createDatabase(template);
  await migratePostgres(url);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(template);
  };
}
