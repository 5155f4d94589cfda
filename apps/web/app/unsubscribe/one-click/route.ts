// RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the
// URL in an email's List-Unsubscribe header, without cookies or a page. Passed on to the
// API, which checks the signed token and turns that kind of message off.
import { type NextRequest, NextResponse } from 'next/server';
import { unsubscribeOneClick } from '../../../lib/api/session';

export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get('token') ?? '';
  const status = await unsubscribeOneClick(token);
  if (status === 0) return new NextResponse('Leadtrack could not be reached.', { status: 503 });
  const ok = status >= 200 && status < 300;
  return new NextResponse(ok ? 'Unsubscribed.' : 'This unsubscribe link is not valid.', {
    status: ok ? 200 : status === 400 ? 400 : 503,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
