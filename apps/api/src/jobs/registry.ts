// Every scheduled job by name: what the scheduler runs each hour and what
// POST /admin/jobs/:name/run runs at once. A new job is one more entry here; each source's
// sync job (`<source>-sync`) comes from the sources' registry.
import { SOURCE_JOBS } from '../sources/registry';
import type { JobDefinition } from './job';
import { managerDigest } from './manager-digest';
import { notificationMail } from './notification-mail';
import { weeklyReminders } from './weekly-reminders';

export const JOBS: Readonly<Record<string, JobDefinition>> = Object.freeze({
  'weekly-reminders': weeklyReminders,
  'manager-digest': managerDigest,
  ...SOURCE_JOBS,
  'notification-mail': notificationMail,
});

export function findJob(name: string): JobDefinition | undefined {
  return Object.hasOwn(JOBS, name) ? JOBS[name] : undefined;
}
