// A file the API makes (the packet's Markdown, the account export), handed to the browser
// as a download from a route handler, with the caller's session added on the server.
import 'server-only';
import { type ApiOptions, api } from './api';

export async function apiDownload(
  path: string,
  options: ApiOptions & { contentType: string; filename: string },
): Promise<Response> {
  const { contentType, filename, ...request } = options;
  const res = await api<string>(path, { ...request, text: true });
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
