// Text every source's drafts are written with: a title inside a Markdown link list, and a
// description that fits an entry's limit.

/** Brackets and backslashes escaped, so a title cannot break the list's links. */
export function markdownText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** The heading and as many lines as fit in `max` characters, then how many were left out. */
export function fitLines(heading: string, lines: string[], max: number): string {
  let out = heading;
  for (let i = 0; i < lines.length; i++) {
    const more = `\n- … and ${lines.length - i} more`;
    const next = `${out}\n${lines[i]}`;
    if (next.length + (i < lines.length - 1 ? more.length : 0) > max) return `${out}${more}`;
    out = next;
  }
  return out;
}
