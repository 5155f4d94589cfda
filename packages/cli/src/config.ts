// Where `leadtrack login` keeps the API's address and the token, readable by the owner only,
// and how the environment overrides them (LEADTRACK_URL, LEADTRACK_TOKEN).
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { CliError, EXIT, usageError } from './errors.js';

export interface Credentials {
  /** The API's root without `/api/v1`, e.g. `http://127.0.0.1:3001`. */
  url: string;
  token: string;
}

type Env = Record<string, string | undefined>;

/**
 * `$XDG_CONFIG_HOME/leadtrack/config.json`, else `~/.config/leadtrack/config.json` (a
 * relative XDG_CONFIG_HOME is ignored, as the XDG specification says).
 */
export function configPath(env: Env = process.env): string {
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME?.trim() || homedir(), '.config');
  return join(base, 'leadtrack', 'config.json');
}

/**
 * The API's root as the CLI stores it: an http(s) URL without a trailing slash and without
 * `/api/v1`, so `http://127.0.0.1:3001` and `http://127.0.0.1:3001/api/v1/` are the same.
 */
export function normalizeApiUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw usageError(`"${input}" is not a URL: give the API's address, e.g. http://127.0.0.1:3001`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`"${input}" must be an http or https URL.`);
  }
  if (url.search || url.hash) {
    throw usageError(`"${input}" must not hold a query or fragment.`);
  }
  const path = url.pathname.replace(/(?<!\/)\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

async function readStored(path: string): Promise<Partial<Credentials>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, EXIT.notLoggedIn);
  }
  try {
    const parsed = JSON.parse(text) as Partial<Credentials>;
    return {
      ...(typeof parsed.url === 'string' && { url: parsed.url }),
      ...(typeof parsed.token === 'string' && { token: parsed.token }),
    };
  } catch {
    throw new CliError(
      `${path} is not valid JSON: run \`leadtrack login\` again.`,
      EXIT.notLoggedIn,
    );
  }
}

/** The stored credentials with LEADTRACK_URL / LEADTRACK_TOKEN on top; exit 4 when either is missing. */
export async function loadCredentials(env: Env = process.env): Promise<Credentials> {
  const stored = await readStored(configPath(env));
  const url = env.LEADTRACK_URL?.trim() || stored.url;
  const token = env.LEADTRACK_TOKEN?.trim() || stored.token;
  if (!url || !token) {
    throw new CliError(
      'Not logged in: run `leadtrack login <api-url>` (or set LEADTRACK_URL and LEADTRACK_TOKEN).',
      EXIT.notLoggedIn,
    );
  }
  return { url: normalizeApiUrl(url), token };
}

/**
 * Writes the credentials atomically: the folder is made 0700 and the file 0600 (both
 * tightened if they already existed), so other users of the machine cannot read the token.
 */
export async function saveCredentials(credentials: Credentials, env: Env = process.env) {
  const path = configPath(env);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
}

/** Forgets the stored credentials; true when there were some. */
export async function removeCredentials(env: Env = process.env): Promise<boolean> {
  const path = configPath(env);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
