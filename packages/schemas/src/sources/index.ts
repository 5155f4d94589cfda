// Every source of suggestions the instance can connect (under /me/integrations/<id>), in the
// order Settings shows them: the one list the API's registry, the dashboard's Settings and
// the inbox's labels are checked against. A new source is one entry here, its schema file
// beside this one, and its folder in apps/api/src/sources (ARCHITECTURE.md "Sources").
export * from './calendar';
export * from './github';
export * from './gitlab';
export { TOKEN_HOST_BACKFILL_WEEKS, TOKEN_HOST_SYNC_MAX_WEEKS } from './token-host';

export const SOURCES = [
  { id: 'github', label: 'GitHub' },
  { id: 'gitlab', label: 'GitLab' },
  { id: 'calendar', label: 'Calendar' },
] as const satisfies readonly { id: string; label: string }[];

export type SourceId = (typeof SOURCES)[number]['id'];

export const SOURCE_IDS = SOURCES.map((s) => s.id) as [SourceId, ...SourceId[]];

/** Entries made by hand and files imported: the sources that are not connected. */
const OTHER_LABELS: Record<string, string> = { manual: 'Written by hand', import: 'Imported file' };

/** Where a suggestion or an entry came from, in words ("GitHub", "Imported file"). */
export function sourceLabel(source: string): string {
  return SOURCES.find((s) => s.id === source)?.label ?? OTHER_LABELS[source] ?? source;
}

/** True for the id of a connected source (a path segment under /me/integrations). */
export function isSourceId(value: string): value is SourceId {
  return (SOURCE_IDS as string[]).includes(value);
}
