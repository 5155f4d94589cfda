// The caller's account as a JSON download (GET /me/export), fetched with their session on
// the server, like the packet's Markdown.
import { meApi } from '../../../../lib/api';
import { apiDownload } from '../../../../lib/download';

export const dynamic = 'force-dynamic';

export function GET() {
  return apiDownload(meApi.exportAccount(), {
    contentType: 'application/json; charset=utf-8',
    filename: 'leadtrack-export.json',
  });
}
