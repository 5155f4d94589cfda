// The README's first command: `npm start` with no DATABASE_URL serves the API (on the
// embedded database) and the dashboard, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('npm start', () => {
  it('serves /readyz on the embedded database and the dashboard, then stops on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'leadtrack-start-'));
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
      LEADTRACK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    let output = '';
    const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env });
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    try {
      const ready = await waitFor(`http://127.0.0.1:${apiPort}/readyz`, 240_000);
      expect(await ready.json()).toEqual({ status: 'ok' });
      const web = await waitFor(`http://127.0.0.1:${webPort}/login`, 60_000);
      expect(await web.text()).toContain('Leadtrack');
      expect(output).toContain('embedded database');
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      await rm(dataDir, { recursive: true, force: true });
      expect(code, output).toBe(0);
    }
    await expect(fetch(`http://127.0.0.1:${apiPort}/healthz`)).rejects.toThrow();
  }, 300_000);
});
