// The redirect URI registered at the provider: relayed to the API, which checks the answer
// and signs the person in (lib/oidc-relay.ts turns its refresh cookie into the session).
import { relayOidc } from '../../../../../../lib/oidc-relay';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return relayOidc(request, 'callback');
}
