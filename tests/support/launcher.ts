// `npm start` / `npm run start:api` as a terminal or systemd runs them: scripts/start.mjs
// leading a process group of its own, so a test can signal the whole group (Ctrl-C).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { ROOT } from './processes';

export interface Launched {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` to the launcher's whole process group. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Resolves once the output holds `text`; rejects if the launcher exits or time runs out. */
  printed(text: string, timeoutMs?: number): Promise<void>;
}

export function launch(args: string[], env: NodeJS.ProcessEnv): Launched {
  let output = '';
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
    cwd: ROOT,
    env: { LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    exited,
    signalGroup(signal) {
      if (child.pid) process.kill(-child.pid, signal);
    },
    async printed(text, timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`"${text}" was not printed:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** Kills what is left of a launched group (after a failed test). */
export function killGroup(launched: Launched | undefined) {
  if (!launched?.child.pid || launched.child.exitCode !== null) return;
  try {
    process.kill(-launched.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
