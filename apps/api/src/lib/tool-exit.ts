// What the command-line tools (src/tools) share.

/** Prints `message` and exits with `code`. */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}
