// What a failed call to a code host amounts to (each host's client says which of these its
// errors are), and how connecting and syncing tell it: connecting as a 400 naming the field
// at fault, a sync as a sentence on the connection (and the route's 409).
import { invalidField } from '../../lib/problem';

export type HostFailure =
  /** The host refused the token (401, or 403 without a rate limit). */
  | { kind: 'token-refused'; status: number; message: string }
  /** The rate limit is spent until later than the caller will wait. */
  | { kind: 'rate-limited'; message: string }
  /** No API of the host answered at the address ("could not be reached (…)"). */
  | { kind: 'unreachable'; phrase: string; message: string }
  /** Another HTTP status; `message` is the sentence a sync records (none: our own fault). */
  | { kind: 'answered'; status: number; message?: string };

/** The host's rate limit is spent and resets later than the caller is willing to wait. */
export class HostRateLimited extends Error {
  constructor(
    host: string,
    readonly resetAt: Date,
  ) {
    super(
      `${host}'s rate limit for this token is spent until ${resetAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    );
    this.name = 'HostRateLimited';
  }
}

/** No API of the host answered at the address (network error, timeout, too large, not its API). */
export class HostUnreachable extends Error {
  /** `where`: the address or "this address"; `phrase` what went wrong: "could not be reached (…)". */
  constructor(
    host: string,
    where: string,
    readonly phrase: string,
  ) {
    super(`${host} at ${where} ${phrase}.`);
    this.name = 'HostUnreachable';
  }
}

/** The host refused the token (401, or 403 without a rate limit), told in its words. */
export class HostTokenRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HostTokenRefused';
  }
}

/** A host's name and what its refusals of a token say (part of RefusalWords). */
export type TokenRefusalWords = Pick<RefusalWords, 'host' | 'unauthorized' | 'forbidden'>;

/** The failures a host's client throws, in the host's words. */
export function hostErrors({ host, unauthorized, forbidden }: TokenRefusalWords) {
  return {
    rateLimited: (resetAt: Date) => new HostRateLimited(host, resetAt),
    unreachable: (where: string, phrase: string) => new HostUnreachable(host, where, phrase),
    tokenRefused: (status: number) =>
      new HostTokenRefused(
        status,
        status === 401
          ? `${host} refused the token (401 ${unauthorized}): it is wrong, expired or revoked.`
          : `${host} refused the token access (${status}): ${forbidden}.`,
      ),
  };
}

/** The three failures every host's client throws alike; null for the rest. */
export function commonFailure(error: unknown): HostFailure | null {
  if (error instanceof HostTokenRefused)
    return { kind: 'token-refused', status: error.status, message: error.message };
  if (error instanceof HostRateLimited) return { kind: 'rate-limited', message: error.message };
  if (error instanceof HostUnreachable)
    return { kind: 'unreachable', phrase: error.phrase, message: error.message };
  return null;
}

/** The host's words in the answers to connecting. */
export interface RefusalWords {
  host: string;
  /** The reason phrase of a 401 ("Bad credentials"). */
  unauthorized: string;
  /** What a 403 asks of the token ("check its permissions"). */
  forbidden: string;
  /** The path connecting reads the account from ("/user"). */
  userPath: string;
  /** Where to look when the address answers nothing ("https://host/api/v3 for …"). */
  addressHint: string;
  /** What the address should be, as the end of a question ("the REST API's root (…)"). */
  addressQuestion: string;
  /** `baseUrl` in words. */
  addressLabel: string;
}

/** The host's answer to connecting as a 400 naming the field at fault, or null (ours). */
export function connectRefusal(failure: HostFailure | null, words: RefusalWords) {
  switch (failure?.kind) {
    case 'token-refused':
      return invalidField(
        'token',
        failure.status === 401
          ? `this token was refused by ${words.host} (401 ${words.unauthorized}): it is wrong, expired or revoked`
          : `this token was refused by ${words.host} (${failure.status}): ${words.forbidden}`,
      );
    case 'rate-limited':
      return invalidField(
        'token',
        `this token could not be checked: ${failure.message} Try again then.`,
      );
    case 'unreachable':
      return invalidField(
        'baseUrl',
        `this address ${failure.phrase}; check it (${words.addressHint})`,
        words.addressLabel,
      );
    case 'answered':
      return invalidField(
        'baseUrl',
        `this address answered ${failure.status} to GET ${words.userPath}: is it ${words.addressQuestion}?`,
        words.addressLabel,
      );
    default:
      return null;
  }
}

/** What a failed sync tells the person (and the route's 409), or null for our own faults. */
export function syncFailureSentence(failure: HostFailure | null, host: string): string | null {
  switch (failure?.kind) {
    case 'token-refused':
      return `${failure.message} Connect ${host} again with a new token.`;
    case 'rate-limited':
      return `${failure.message} The next sync will continue.`;
    case 'unreachable':
      return failure.message;
    case 'answered':
      return failure.message ?? null;
    default:
      return null;
  }
}

/** A wait that ends early, rejecting, when `signal` aborts (the app closing). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
