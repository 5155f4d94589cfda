// Requests the server makes to addresses people give it (a calendar feed, a GitHub Enterprise
// address) go only to public addresses: otherwise anyone with an account could make the
// server read its own network (a cloud metadata endpoint, an admin port on localhost, a
// database's HTTP interface) and learn from the answer or the error. Private, loopback,
// link-local, carrier-grade NAT, multicast and reserved ranges are refused unless the operator
// allows them in OUTBOUND_ALLOW (a GitHub Enterprise on the office network, say).
//
// The check is made on the addresses a name resolves to, at connection time (undici's
// connect.lookup), so a name that resolves to a public address when checked and a private one
// when connecting cannot slip through; literal addresses are checked before connecting, and
// redirects are followed here, each hop checked again.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/** A request to an address outside what this server may reach; its message is for people. */
export class OutboundAddressRefused extends Error {
  /** What is wrong with the address, to follow a name for it ("this address …"). */
  readonly phrase =
    'is on a private or local network, which this server does not connect to unless its ' +
    'operator allows it (OUTBOUND_ALLOW)';

  constructor(readonly host: string) {
    super('');
    this.message = `${host} ${this.phrase}`;
    this.name = 'OutboundAddressRefused';
  }
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** What OUTBOUND_ALLOW allows besides public addresses. */
export interface OutboundPolicy {
  /** `*`: every address (a private deployment that fetches only from its own network). */
  any: boolean;
  /** Host names allowed whatever they resolve to (lower case). */
  hosts: ReadonlySet<string>;
  /** Address ranges allowed (CIDR; a single address is a /32 or /128). */
  ranges: readonly Range[];
}

/**
 * OUTBOUND_ALLOW: comma-separated host names (`ghe.internal`), addresses (`10.0.0.7`) and
 * ranges (`10.0.0.0/8`, `fd00::/8`), or `*`. Empty: public addresses only. Throws a
 * RangeError naming an entry that is none of these.
 */
export function parseOutboundAllow(value: string): OutboundPolicy {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const hosts = new Set<string>();
  const ranges: Range[] = [];
  for (const entry of entries) {
    if (entry === '*') continue;
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new RangeError(`not an address range: ${entry}`);
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.isValid(bare)) {
      const address = ipaddr.process(bare);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      hosts.add(entry);
    } else {
      throw new RangeError(`not a host name, address or range: ${entry}`);
    }
  }
  return { any: entries.includes('*'), hosts, ranges };
}

/**
 * IPv4-compatible IPv6 addresses (`::/96`, deprecated by RFC 4291): `[::127.0.0.1]` is
 * written `::7f00:1` once parsed, which ipaddr.js calls unicast; it is refused like the
 * IPv4 address it embeds might be.
 */
const IPV4_COMPATIBLE: Range = [ipaddr.parse('::'), 96];

/** Whether `address` (an IP literal) may be connected to under `policy`. */
export function addressAllowed(policy: OutboundPolicy, address: string): boolean {
  if (policy.any) return true;
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  const [compatible, bits] = IPV4_COMPATIBLE;
  const embedsIpv4 = parsed.kind() === 'ipv6' && parsed.match(compatible, bits);
  if (parsed.range() === 'unicast' && !embedsIpv4) return true;
  return policy.ranges.some(
    ([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits),
  );
}

function hostAllowed(policy: OutboundPolicy, hostname: string): boolean {
  return policy.any || policy.hosts.has(hostname.toLowerCase().replace(/\.$/, ''));
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** The error that explains a failed fetch: ours when it is somewhere in the causes. */
function refusalIn(error: unknown): OutboundAddressRefused | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof OutboundAddressRefused) return e;
  }
  return undefined;
}

/**
 * A `fetch` that connects only where `policy` allows (see the top of this file). Redirects
 * are followed here (at most five, each hop checked) unless the caller asks for `manual`.
 */
export function outboundFetch(policy: OutboundPolicy): typeof fetch {
  const dispatcher = new Agent({
    connect: {
      lookup(hostname, options, callback) {
        dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, '', 0);
          const allowed =
            hostAllowed(policy, hostname) ||
            addresses.every((a) => addressAllowed(policy, a.address));
          if (!allowed) return callback(new OutboundAddressRefused(hostname), '', 0);
          if (options.all)
            return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
          const [first] = addresses;
          if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
          callback(null, first.address, first.family);
        });
      },
    },
  });

  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const followHere = init.redirect === undefined || init.redirect === 'follow';
    let url = new URL(input instanceof Request ? input.url : String(input));
    let method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let body = init.body;
    let headers = new Headers(init.headers);
    const origin = url.origin;
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new TypeError(`only http and https addresses can be fetched, not ${url.protocol}`);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(host) && !hostAllowed(policy, host) && !addressAllowed(policy, host))
        throw new OutboundAddressRefused(host);
      let response: Response;
      try {
        response = (await undiciFetch(url, {
          ...(init as object),
          method,
          body,
          headers,
          redirect: followHere ? 'manual' : init.redirect,
          dispatcher,
        } as never)) as unknown as Response;
      } catch (error) {
        throw refusalIn(error) ?? error;
      }
      const location = response.headers.get('location');
      if (!followHere || !REDIRECTS.has(response.status) || location === null) return response;
      if (hop >= MAX_REDIRECTS) {
        await response.body?.cancel();
        throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
      }
      await response.body?.cancel();
      url = new URL(location, url);
      // Credentials stay with the address they were given for.
      if (url.origin !== origin) {
        headers = new Headers(headers);
        for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
      }
      // As browsers do: a 303, or a 301/302 after a POST, continues as a GET without a body.
      if (response.status === 303 || (response.status <= 302 && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
  }) as typeof fetch;
}

/** `bytes` in words: "10 MiB", "512 KiB". */
function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`;
}

/**
 * An answer from outside larger than the reader allowed: reading stopped there (the rest is
 * never downloaded). Its message is a phrase for people ("answered with more than 10 MiB").
 */
export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`answered with more than ${sizeInWords(maxBytes)}, which this server does not read`);
    this.name = 'AnswerTooLarge';
  }
}

/**
 * `response`'s body, read up to `maxBytes`: a declared `Content-Length` above it is refused
 * before reading, and a body that grows past it is cancelled there (the connection closes,
 * the sender stops), so at most `maxBytes` plus one chunk is ever held.
 */
export async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new AnswerTooLarge(maxBytes);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AnswerTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  // A fresh buffer of exactly the body (never a slice of a shared pool).
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Statuses whose answers have no body (a Response refuses one). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * `fetcher` with every answer read here, at most `maxBytes` (readCapped): the Response it
 * returns holds the body already read, and a larger answer fails the fetch itself with
 * AnswerTooLarge. For clients that read answers their own way (Octokit, gitbeaker), whose
 * body-reading errors would otherwise be swallowed or retried.
 */
export function cappedFetch(fetcher: typeof fetch, maxBytes: number): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetcher(input, init);
    const body = await readCapped(response, maxBytes);
    const copy = new Response(NO_BODY.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  }) as typeof fetch;
}
