// oidc-provider 9 ships no type declarations: the part of it the stand-in provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  interface Configuration {
    clients: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    pkce?: { required?: () => boolean };
    cookies?: { keys: string[] };
    findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): this;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
