// Whose address a request comes from. The socket's peer, unless that peer is a proxy named
// in WEB_TRUST_PROXY: then its X-Forwarded-For is believed one hop at a time, from the
// right (the entry that proxy appended), until an address that is not a trusted proxy, as
// Fastify does for the API's TRUST_PROXY (proxy-addr). The same syntax: addresses, CIDR
// ranges and `loopback`, `linklocal`, `uniquelocal`, comma-separated. server.ts settles
// the address once per request and hands it on in X-Forwarded-For alone, which every call
// to the API forwards (the API trusts the dashboard only).
import { BlockList, isIP } from 'node:net';

/** The named ranges proxy-addr knows. */
const NAMED: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

function family(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** Whether an address is a proxy to believe. */
export type TrustProxy = (address: string) => boolean;

/** Trusts nobody: the socket's peer is the client (WEB_TRUST_PROXY unset). */
export const TRUST_NOBODY: TrustProxy = () => false;

/**
 * Parses a WEB_TRUST_PROXY value. Throws naming every entry that is not an address, a
 * CIDR range or a named range, so a typo stops the server instead of trusting nobody.
 */
export function parseTrustProxy(spec: string): TrustProxy {
  const list = new BlockList();
  const bad: string[] = [];
  for (const raw of spec.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const named = NAMED[entry];
    if (named) {
      for (const [net, prefix, type] of named) list.addSubnet(net, prefix, type);
      continue;
    }
    const [address = '', prefixText, extra] = entry.split('/');
    const type = family(address);
    const max = type === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      !type ||
      extra !== undefined ||
      !/^\d{1,3}$/.test(prefixText ?? String(max)) ||
      prefix > max
    ) {
      bad.push(raw.trim());
      continue;
    }
    list.addSubnet(address, prefix, type);
  }
  if (bad.length > 0) {
    throw new Error(
      `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an address, a CIDR range, loopback, linklocal or uniquelocal`,
    );
  }
  return (address) => {
    const type = family(address);
    return type !== null && list.check(address, type);
  };
}

/**
 * The client's address: `peer` unless it is a trusted proxy, then the X-Forwarded-For
 * entries from the right while each hop is trusted. A malformed entry ends the walk at the
 * last trusted hop (nothing a client writes becomes its address unless every proxy after
 * it is trusted).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustProxy,
): string | undefined {
  if (!peer) return undefined;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  let client = peer;
  for (const hop of hops) {
    if (!trusted(client) || family(hop) === null) break;
    client = hop;
  }
  return client;
}
