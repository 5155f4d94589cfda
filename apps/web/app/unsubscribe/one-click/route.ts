// RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the
// URL in an email's List-Unsubscribe header, without cookies or a page. Passed on to the
// API, which checks the signed token and turns that kind of message off.
import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../../lib/config';

export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get('token') ?? '';
  const url = new URL('/api/v1/unsubscribe', API_URL);
  url.searchParams.set('token', token);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      cache: 'no-store',
    });
    return new NextResponse(res.ok ? 'Unsubscribed.' : 'This unsubscribe link is not valid.', {
      status: res.ok ? 200 : res.status === 400 ? 400 : 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  } catch {
    return new NextResponse('Leadtrack could not be reached.', { status: 503 });
  }
}
