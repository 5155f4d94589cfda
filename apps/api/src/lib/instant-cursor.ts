// Keyset cursors for lists ordered newest first by (a timestamp, id): the audit log and the
// notifications. The cursor names the last row of a page by its sort key, `at|id`, in
// base64url; decoding accepts exactly what encoding writes, or answers 400 naming `cursor`.
import { invalidField } from './problem';

export interface InstantPosition {
  at: Date;
  id: string;
}

export function encodeInstantCursor(position: InstantPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeInstantCursor(cursor: string): InstantPosition {
  const invalid = () => invalidField('cursor', 'Not a cursor from this list: pass nextCursor back');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // Exactly what encodeInstantCursor writes: a year Postgres cannot hold must not reach it.
  if (!at || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at)) throw invalid();
  const when = new Date(at);
  if (!id || rest.length > 0 || Number.isNaN(when.getTime()) || !/^[\w-]{1,64}$/.test(id)) {
    throw invalid();
  }
  return { at: when, id };
}
