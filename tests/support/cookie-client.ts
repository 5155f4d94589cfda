// A browser's part in a sign-in through an OpenID provider, over real sockets: a cookie jar
// (per host, honouring Path, Max-Age and Expires) and requests that do not follow
// redirects, so a test sees each hop and may change one (a tampered `state`).
export interface Hop {
  url: string;
  status: number;
  location: string | null;
  setCookies: string[];
  text: string;
}

interface StoredCookie {
  value: string;
  path: string;
  expires: number | null;
}

export class CookieClient {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  /** The cookie `name` this client holds for `url`'s host, if any. */
  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name)?.value;
  }

  private cookieHeader(url: URL): string {
    const now = Date.now();
    const pairs: string[] = [];
    for (const [name, c] of this.jar.get(url.host) ?? []) {
      if (c.expires !== null && c.expires <= now) continue;
      if (url.pathname === c.path || url.pathname.startsWith(c.path.replace(/\/?$/, '/'))) {
        pairs.push(`${name}=${c.value}`);
      }
    }
    return pairs.join('; ');
  }

  private store(url: URL, lines: string[]) {
    const cookies = this.jar.get(url.host) ?? new Map<string, StoredCookie>();
    this.jar.set(url.host, cookies);
    for (const line of lines) {
      const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expires: number | null = null;
      for (const attr of attrs) {
        const [k = '', v = ''] = attr.split('=');
        if (/^path$/i.test(k)) path = v;
        if (/^max-age$/i.test(k)) expires = Date.now() + Number(v) * 1000;
        if (/^expires$/i.test(k) && expires === null) expires = Date.parse(v);
      }
      if (expires !== null && expires <= Date.now()) cookies.delete(name);
      else cookies.set(name, { value, path, expires });
    }
  }

  /** One request (no redirect followed); a form body is sent url-encoded. */
  async request(
    method: 'GET' | 'POST',
    target: string,
    form?: Record<string, string>,
  ): Promise<Hop> {
    const url = new URL(target);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method,
      headers,
      redirect: 'manual',
      ...(form && { body: new URLSearchParams(form).toString() }),
    });
    const setCookies = res.headers.getSetCookie();
    this.store(url, setCookies);
    const location = res.headers.get('location');
    return {
      url: url.href,
      status: res.status,
      location: location === null ? null : new URL(location, url).href,
      setCookies,
      text: await res.text(),
    };
  }

  /** GETs `url` and follows redirects while `keepGoing(next)` says so; answers the last hop. */
  async follow(url: string, keepGoing: (next: string) => boolean = () => true): Promise<Hop> {
    let hop = await this.request('GET', url);
    for (let i = 0; i < 20 && hop.location && keepGoing(hop.location); i++) {
      hop = await this.request('GET', hop.location);
    }
    return hop;
  }
}
