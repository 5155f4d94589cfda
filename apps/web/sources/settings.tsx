// Each source's panel in Settings, by source (one entry per source of @leadtrack/schemas'
// SOURCES): the page renders them in that list's order, each given its connection as
// GET /me/integrations/<source> answered it (null while not connected).
import type {
  CalendarFeed,
  GithubIntegration,
  GitlabIntegration,
  SourceId,
} from '@leadtrack/schemas';
import type { ReactNode } from 'react';
import { CalendarSettings } from './calendar/settings';
import { GithubSettings } from './github/settings';
import { GitlabSettings } from './gitlab/settings';

export interface SourcePanelProps {
  connection: unknown;
  timeZone: string;
}

export const SOURCE_SETTINGS: Record<SourceId, (props: SourcePanelProps) => ReactNode> = {
  github: ({ connection, timeZone }) => (
    <GithubSettings connection={connection as GithubIntegration | null} timeZone={timeZone} />
  ),
  gitlab: ({ connection, timeZone }) => (
    <GitlabSettings connection={connection as GitlabIntegration | null} timeZone={timeZone} />
  ),
  calendar: ({ connection, timeZone }) => (
    <CalendarSettings feed={connection as CalendarFeed | null} timeZone={timeZone} />
  ),
};
