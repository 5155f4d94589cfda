// leadtrack login / logout: check a personal access token with GET /me, then keep the
// address and token in the config file (owner-only), or forget them.
import type { Command } from 'commander';
import { ApiClient } from '../api.js';
import { configPath, normalizeApiUrl, removeCredentials, saveCredentials } from '../config.js';
import { usageError } from '../errors.js';
import type { Output } from '../output.js';
import { getMe } from '../session.js';
import { ask, readStdin } from '../terminal.js';

interface LoginOptions {
  token?: string;
}

async function obtainUrl(given: string | undefined): Promise<string> {
  if (given) return given;
  if (process.stdin.isTTY) return ask('API address (e.g. http://127.0.0.1:3001): ');
  throw usageError('Give the API address: leadtrack login http://127.0.0.1:3001');
}

async function obtainToken(given: string | undefined): Promise<string> {
  const token =
    given ??
    (process.stdin.isTTY
      ? await ask('Personal access token: ', { hidden: true })
      : await readStdin());
  if (!token.trim()) {
    throw usageError(
      "Give a personal access token (the dashboard's settings, or POST /me/tokens): type it at the prompt or pipe it on stdin.",
    );
  }
  return token.trim();
}

export function registerLogin(program: Command, output: () => Output) {
  program
    .command('login')
    .description(
      'Sign in with a personal access token: checks it with the API, then keeps it in your config folder (readable by you only)',
    )
    .argument('[url]', "the API's address, e.g. http://127.0.0.1:3001 (with or without /api/v1)")
    .option('--token <token>', 'the token (else prompted for, or read from stdin when piped)')
    .action(async (urlArgument: string | undefined, options: LoginOptions) => {
      const url = normalizeApiUrl(await obtainUrl(urlArgument ?? process.env.LEADTRACK_URL));
      const token = await obtainToken(options.token);
      const me = await getMe(new ApiClient({ url, token }));
      const path = await saveCredentials({ url, token });
      output().result({ url, user: me, config: path }, () => [
        `Logged in to ${url} as ${me.name} <${me.email}> (time zone ${me.timeZone}).`,
        `The token is kept in ${path}, readable by you only.`,
      ]);
    });

  program
    .command('logout')
    .description('Forget the stored address and token (the token itself stays valid until revoked)')
    .action(async () => {
      const removed = await removeCredentials();
      const path = configPath();
      output().result({ removed, config: path }, () => [
        removed ? `Logged out: removed ${path}.` : 'Not logged in: nothing to remove.',
      ]);
    });
}
