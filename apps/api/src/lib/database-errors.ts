// Recognises "the database cannot be reached right now" among the errors the drivers throw,
// so the error handler can answer 503 with Retry-After (the pool reconnects by itself once
// the database is back) instead of a 500 that reads like a bug.
import { conflict } from './problem';

// Node socket errors, as pg reports them when it cannot connect or loses its connection.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// SQLSTATE classes 08 (connection exception) and 57P0x (the server shutting down or
// starting), 53300 (too many connections): all pass once the server is reachable again.
const SQLSTATE = /^(08...|57P0[1-4]|53300)$/;

// @prisma/driver-adapter-utils error kinds for the same situations.
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

// Prisma's own codes: P1001 can't reach, P1002 timed out, P1017 server closed the
// connection, P2024 timed out waiting for a pool connection.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

// pg says these in words only (no code): a dropped connection and a pool wait timing out.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Can't reach database server/i,
  // ioredis (the attempt budgets with REDIS_URL) while Redis cannot be reached.
  /Reached the max retries per request limit/i,
];

/** True when `error`, or anything in its `cause` chain, says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || SQLSTATE.test(code) || PRISMA_CODES.has(code)) return true;
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) {
      return true;
    }
    // AggregateError (happy eyeballs over several addresses) holds the socket errors.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
    current = e.cause;
  }
  return false;
}

/** Postgres refusing a character (a NUL byte: 22021, or one the encoding lacks: 22P05). */
export function isUnstorableCharacter(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; cause?: unknown };
    if (e.code === '22021' || e.code === '22P05') return true;
    current = e.cause;
  }
  return false;
}

/**
 * Postgres's unique_violation (23505), wherever the driver puts it: Prisma's P2002 (pg
 * adapter), or, on the embedded database, a DriverAdapterError whose cause holds the code.
 */
export function isUniqueViolation(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; originalCode?: unknown; kind?: unknown; cause?: unknown };
  if (e.code === 'P2002' || e.code === '23505' || e.originalCode === '23505') return true;
  if (e.kind === 'UniqueConstraintViolation') return true;
  return isUniqueViolation(e.cause, depth + 1);
}

/**
 * `write`, where the unique index refusing it means it was made already: a 409 saying
 * `message`. The index decides, so of two racing writes exactly one succeeds.
 */
export async function conflictOnDuplicate<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  }
}

/**
 * An upsert run again once when it lost a race into the unique index (two first writes of
 * one row; Prisma's upsert is not always one statement): the loser updates the winner's row.
 */
export async function retryOnDuplicate<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return upsert();
  }
}
