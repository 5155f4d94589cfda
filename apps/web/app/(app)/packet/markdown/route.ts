// The packet as a Markdown download, fetched with the caller's session on the server.
import type { NextRequest } from 'next/server';
import { usersApi } from '../../../../lib/api';
import { apiDownload } from '../../../../lib/download';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  const sp = request.nextUrl.searchParams;
  const userId = sp.get('userId') || 'me';
  return apiDownload(usersApi.packetMarkdown(userId, { from: sp.get('from'), to: sp.get('to') }), {
    contentType: 'text/markdown; charset=utf-8',
    filename: 'leadtrack-packet.md',
  });
}
