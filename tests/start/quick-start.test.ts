// The README's first command: `npm start` with no DATABASE_URL serves the API (on the
// embedded database) and the dashboard, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, ROOT, waitUntilUp } from '../support/processes';

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
      const ready = await waitUntilUp(`http://127.0.0.1:${apiPort}/readyz`, { timeoutMs: 240_000 });
      expect(await ready.json()).toEqual({ status: 'ok' });
      const web = await waitUntilUp(`http://127.0.0.1:${webPort}/login`, { timeoutMs: 60_000 });
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
