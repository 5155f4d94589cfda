// "Sign in with …": relayed to the API, which sends the browser to the provider.
import { relayOidc } from '../../../../../../lib/oidc-relay';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return relayOidc(request, 'start');
}
