// The packet as a Markdown download, fetched with the caller's session on the server.
import type { NextRequest } from 'next/server';
import { api } from '../../../../lib/api';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const sp = request.nextUrl.searchParams;
  const userId = sp.get('userId') || 'me';
  const res = await api<string>(`/users/${encodeURIComponent(userId)}/packet`, {
    query: { format: 'md', from: sp.get('from'), to: sp.get('to') },
    text: true,
  });
  if (!res.ok) {
    return new Response(res.problem.detail || res.problem.title, {
      status: res.status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const disposition =
    res.headers.get('content-disposition') ?? 'attachment; filename="leadtrack-packet.md"';
  return new Response(res.data, {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': disposition,
      'cache-control': 'no-store',
    },
  });
}
