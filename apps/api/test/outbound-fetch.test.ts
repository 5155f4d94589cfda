// Where the server may connect on people's behalf: the address ranges, OUTBOUND_ALLOW's
// syntax, and real requests to a local server (refused by default, allowed when listed,
// redirects checked hop by hop, credentials dropped when a redirect leaves the origin).
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressAllowed,
  OutboundAddressRefused,
  outboundFetch,
  parseOutboundAllow,
} from '../src/lib/outbound-fetch';

const PUBLIC_ONLY = parseOutboundAllow('');

describe('addressAllowed with no OUTBOUND_ALLOW', () => {
  it.each(['8.8.8.8', '140.82.112.6', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e'])(
    'allows the public address %s',
    (address) => {
      expect(addressAllowed(PUBLIC_ONLY, address)).toBe(true);
    },
  );

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, elsewhere in 127/8', '127.1.2.3'],
    ['IPv6 loopback', '::1'],
    ['unspecified', '0.0.0.0'],
    ['IPv6 unspecified', '::'],
    ['private 10/8', '10.0.0.7'],
    ['private 172.16/12', '172.20.1.1'],
    ['private 192.168/16', '192.168.1.1'],
    ['link-local (cloud metadata)', '169.254.169.254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['IPv6 unique local', 'fd00::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['loopback mapped into IPv6', '::ffff:127.0.0.1'],
    ['private mapped into IPv6', '::ffff:10.0.0.1'],
    ['multicast', '224.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['not an address', 'example.com'],
  ])('refuses %s (%s)', (_what, address) => {
    expect(addressAllowed(PUBLIC_ONLY, address)).toBe(false);
  });
});

describe('OUTBOUND_ALLOW', () => {
  it('allows listed ranges and addresses, and only those', () => {
    const policy = parseOutboundAllow(' 10.1.0.0/16, fd00::/8 ,127.0.0.1');
    expect(addressAllowed(policy, '10.1.200.3')).toBe(true);
    expect(addressAllowed(policy, '10.2.0.1')).toBe(false);
    expect(addressAllowed(policy, 'fd12::1')).toBe(true);
    expect(addressAllowed(policy, '127.0.0.1')).toBe(true);
    expect(addressAllowed(policy, '::ffff:127.0.0.1')).toBe(true);
    expect(addressAllowed(policy, '127.0.0.2')).toBe(false);
    expect(addressAllowed(policy, '169.254.169.254')).toBe(false);
  });

  it('takes host names, lower-cased, and * for everything', () => {
    expect([...parseOutboundAllow('GHE.Internal,calendar.corp').hosts]).toEqual([
      'ghe.internal',
      'calendar.corp',
    ]);
    const any = parseOutboundAllow('*');
    expect(any.any).toBe(true);
    expect(addressAllowed(any, '169.254.169.254')).toBe(true);
  });

  it.each(['10.0.0.0/33', 'not a host!', 'http://ghe.internal', '10.0.0.0/8/8'])(
    'refuses the entry %j, naming it',
    (entry) => {
      expect(() => parseOutboundAllow(`127.0.0.1,${entry}`)).toThrow(entry);
    },
  );
});

describe('outboundFetch against a local server', () => {
  let server: Server;
  let port: number;
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      if (to) {
        res.writeHead(302, { location: to });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('hello');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a loopback address, literal or by name, without connecting', async () => {
    const fetcher = outboundFetch(PUBLIC_ONLY);
    const before = seen.length;
    await expect(fetcher(`http://127.0.0.1:${port}/`)).rejects.toThrow(OutboundAddressRefused);
    await expect(fetcher(`http://[::1]:${port}/`)).rejects.toThrow(/::1 is on a private/);
    // `localhost` resolves to a loopback address: refused when the name is looked up.
    await expect(fetcher(`http://localhost:${port}/`)).rejects.toThrow(
      /localhost is on a private or local network/,
    );
    expect(seen.length).toBe(before);
  });

  it('connects where OUTBOUND_ALLOW allows', async () => {
    const byAddress = outboundFetch(parseOutboundAllow('127.0.0.1,::1'));
    const res = await byAddress(`http://localhost:${port}/hello`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
    const byName = outboundFetch(parseOutboundAllow('localhost'));
    expect((await byName(`http://localhost:${port}/`)).status).toBe(200);
  });

  it('checks every redirect: an allowed host cannot send the request somewhere refused', async () => {
    const fetcher = outboundFetch(parseOutboundAllow('localhost'));
    const to = encodeURIComponent(`http://127.0.0.1:${port}/inner`);
    await expect(fetcher(`http://localhost:${port}/?to=${to}`)).rejects.toThrow(
      /127\.0\.0\.1 is on a private/,
    );
    expect(seen.some((s) => s.path === '/inner')).toBe(false);
  });

  it('follows allowed redirects, dropping credentials when the origin changes', async () => {
    const fetcher = outboundFetch(parseOutboundAllow('localhost,127.0.0.1'));
    const sameOrigin = encodeURIComponent(`http://localhost:${port}/same`);
    const otherOrigin = encodeURIComponent(`http://127.0.0.1:${port}/other`);
    const headers = { authorization: 'token secret' };
    expect((await fetcher(`http://localhost:${port}/?to=${sameOrigin}`, { headers })).status).toBe(
      200,
    );
    expect((await fetcher(`http://localhost:${port}/?to=${otherOrigin}`, { headers })).status).toBe(
      200,
    );
    expect(seen.find((s) => s.path === '/same')?.headers.authorization).toBe('token secret');
    expect(seen.find((s) => s.path === '/other')?.headers.authorization).toBeUndefined();
  });

  it('gives up after five redirects, and leaves redirects to a caller asking for manual', async () => {
    const fetcher = outboundFetch(parseOutboundAllow('127.0.0.1'));
    let url = `http://127.0.0.1:${port}/end`;
    for (let i = 0; i < 6; i++) url = `http://127.0.0.1:${port}/?to=${encodeURIComponent(url)}`;
    await expect(fetcher(url)).rejects.toThrow('more than 5 redirects');
    const manual = await fetcher(url, { redirect: 'manual' });
    expect(manual.status).toBe(302);
  });

  it('fetches only http and https', async () => {
    const fetcher = outboundFetch(parseOutboundAllow('*'));
    await expect(fetcher('file:///etc/passwd')).rejects.toThrow('only http and https');
  });
});
