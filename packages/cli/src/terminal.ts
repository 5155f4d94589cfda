// Reading from the person: a prompt (hidden for secrets) on a terminal, or stdin when piped,
// and an entry written in $VISUAL / $EDITOR.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, EXIT } from './errors.js';

/** Asks on stderr and reads one line; with `hidden`, what is typed is not echoed. */
export async function ask(question: string, { hidden = false } = {}): Promise<string> {
  process.stderr.write(question);
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  muted = hidden;
  try {
    return await new Promise<string>((resolve, reject) => {
      reader.once('line', resolve);
      reader.once('close', () => reject(new CliError('No answer: cancelled.', EXIT.usage)));
    });
  } finally {
    reader.close();
    if (hidden) process.stderr.write('\n');
  }
}

/** Everything piped to stdin, trimmed. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/**
 * Opens `$VISUAL`/`$EDITOR` (else `vi`) on a file holding `initial` and `guide` lines, and
 * returns what was saved without the guide lines that are still there unchanged (so a
 * Markdown heading the person writes is kept).
 */
export async function editText(initial: string, guide: string[]): Promise<string> {
  const editor = process.env.VISUAL?.trim() || process.env.EDITOR?.trim() || 'vi';
  const dir = await mkdtemp(join(tmpdir(), 'leadtrack-'));
  const file = join(dir, 'ENTRY.md');
  try {
    await writeFile(file, `${initial}\n\n${guide.join('\n')}\n`, { mode: 0o600 });
    // Through the shell, as git does: EDITOR may carry arguments ("code --wait").
    const ran = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit' });
    if (ran.error || ran.status !== 0) {
      throw new CliError(
        `The editor (${editor}) failed${ran.status ? ` with exit code ${ran.status}` : ''}: nothing logged.`,
        EXIT.usage,
      );
    }
    const guideLines = new Set(guide);
    const text = await readFile(file, 'utf8');
    return text
      .split(/\r?\n/)
      .filter((line) => !guideLines.has(line))
      .join('\n')
      .trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
