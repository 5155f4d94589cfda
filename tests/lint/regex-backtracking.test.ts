// `npm run lint` refuses a regular expression whose matching can backtrack super-linearly
// (issue 17: a heading of 1,500 spaces held the API for seconds). The lint script's ESLint
// command runs, with the repository's own eslint.config.mjs, on a scratch copy of a real
// source file: as it is, it passes; with the audit's heading pattern and a quadratic trim
// added, it fails naming both rules.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes';

const run = promisify(execFile);

/** The ESLint part of the root `lint` script (it runs beside Biome). */
async function eslintCommand(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const part = String(pkg.scripts.lint)
    .split('&&')
    .map((command) => command.trim())
    .find((command) => command.startsWith('eslint '));
  if (!part) throw new Error(`the lint script does not run ESLint: ${pkg.scripts.lint}`);
  return part;
}

async function lint(dir: string): Promise<{ code: number; output: string }> {
  const [bin, ...args] = (await eslintCommand()).split(/ +/);
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin', bin as string), args, {
      cwd: dir,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let scratch: string;
const source = join(ROOT, 'apps/api/src/services/imports/markdown.ts');

beforeAll(async () => {
  // Inside the repository, so the copied config finds the plugins in its node_modules.
  const parent = join(ROOT, 'tests/.generated');
  await mkdir(parent, { recursive: true });
  scratch = await mkdtemp(join(parent, 'lint-'));
  await copyFile(join(ROOT, 'eslint.config.mjs'), join(scratch, 'eslint.config.mjs'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('npm run lint', () => {
  it('passes a copy of the Markdown importer as it is', async () => {
    await copyFile(source, join(scratch, 'markdown.ts'));
    const result = await lint(scratch);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses it with the audit’s cubic heading pattern and a quadratic trim, naming the rules', async () => {
    const code = await readFile(source, 'utf8');
    await writeFile(
      join(scratch, 'markdown.ts'),
      `${code}\nexport const OLD_HEADING = /^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$/;\n` +
        `export const trimSlashes = (s: string) => s.replace(/\\/+$/, '');\n`,
    );
    const result = await lint(scratch);
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toMatch(/markdown\.ts/);
    expect(result.output).toMatch(/regexp\/no-super-linear-backtracking/);
    expect(result.output).toMatch(/regexp\/no-super-linear-move/);
  });
});
