// Words the API (packet Markdown) and the dashboard both write, so they agree.

/** "1 week", "2 weeks", "0 entries": the count and the noun in the number it needs. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
