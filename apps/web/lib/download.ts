// A file the API makes (the packet's Markdown, the account export), handed to the browser
// as a download from a route handler, with the caller's session added on the server.
import 'server-only';
import type { Call } from './api';

/** The text a call (a `text` operation of lib/api) gave, as a file download. */
export async function apiDownload(
  call: Call<string>,
  { contentType, filename }: { contentType: string; filename: string },
): Promise<Response> {
  const res = await call;
  if (!res.ok) {
    return new Response(res.problem.detail || res.problem.title, {
      status: res.status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(res.data, {
    headers: {
      'content-type': contentType,
      'content-disposition':
        res.headers.get('content-disposition') ?? `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}
