// Import throughput (issue 17): each format's parser on a plain file and on worst-shaped
// files of the same size (about 5 MiB), in MB/s, with each worst shape's cost against the
// plain file's (the API holds it to 5x). The parse alone, in this thread: what the import's
// worker thread does (parse-file.ts), without the database. `npm run bench:imports -w
// @leadtrack/bench` (RUNS=n for more runs; the median is printed).
import { parseFile } from '@leadtrack/api/services/imports/parse-file';

const SIZE = 5 * 1024 * 1024 - 4096;
const RUNS = Number(process.env.RUNS ?? 3);
const fill = (head: string, unit: string, size = SIZE) =>
  head + unit.repeat(Math.max(1, Math.floor((size - head.length) / unit.length)));
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\$nnnn/g, () => (n++).toString(36).padStart(5, '0'));
};
const calendar = (events: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${events}END:VCALENDAR\r\n`;
const entry = JSON.stringify({
  id: 'x',
  kinds: ['review'],
  title: 'Reviewed the queue design for payments',
  description: 'Walked the team through the trade-offs.',
  occurredOn: '2026-06-01',
  links: ['https://example.com/pr/1'],
});

const FILES: Record<string, Record<string, string>> = {
  markdown: {
    plain: fill(
      '',
      '## 2026-06-01\n\n- Reviewed the [queue design](https://example.com/pr/1) #review\n- Wrote the caching RFC #rfc #comms\n  Walked the team through it.\n\nSome prose.\n\n',
    ),
    'heading of spaces': `## ${' '.repeat(SIZE - 10)}x\n`,
    'brackets and links': `## 2026-06-01\n- ${fill('', '[a](http://x')}\n`,
    'one-character bullets': fill('## 2026-06-01\n', '- x\n'),
  },
  csv: {
    plain: fill(
      'date,title,kinds,description,links\n',
      '2026-06-01,Reviewed the queue design,review,"Walked the team through it, twice",https://example.com/pr/1\n',
    ),
    'one row of empty columns': fill('date,title\n', ','),
    'an unclosed quote': fill('date,title\n2026-06-01,"', 'a'),
    'bad kinds on every row': fill('date,title,kinds\n', '2026-06-01,x,zz\n'),
  },
  json: {
    plain: `{"format":"leadtrack-export","version":1,"checkins":[],"evidence":[${fill(entry, `,${entry}`, SIZE - 100)}]}`,
    'empty objects': `{"format":"leadtrack-export","version":1,"evidence":[${fill('{}', ',{}', SIZE - 100)}],"checkins":[]}`,
    'deep nesting': `${'['.repeat(SIZE / 2 - 10)}${']'.repeat(SIZE / 2 - 10)}`,
  },
  ics: {
    plain: calendar(
      numbered(
        fill(
          '',
          'BEGIN:VEVENT\r\nUID:p$nnnn\r\nDTSTART:20261130T100000Z\r\nDTEND:20261130T110000Z\r\nSUMMARY:Roadmap review with product and support\r\nATTENDEE;CN=Sam:mailto:sam@example.com\r\nEND:VEVENT\r\n',
          SIZE - 100,
        ),
      ),
    ),
    'secondly rules from 2000': calendar(
      numbered(
        fill(
          '',
          'BEGIN:VEVENT\r\nUID:s$nnnn\r\nDTSTART:20000101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Product sync\r\nEND:VEVENT\r\n',
          SIZE - 100,
        ),
      ),
    ),
    'one long folded line': calendar(
      `BEGIN:VEVENT\r\nUID:l\r\nDTSTART:20261130T100000Z\r\nSUMMARY:${fill('', 'product \r\n ', SIZE - 200)}\r\nEND:VEVENT\r\n`,
    ),
    'listed exception dates': calendar(
      `BEGIN:VEVENT\r\nUID:r\r\nDTSTART:20000101T000000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Product\r\nEXDATE:${Array.from({ length: Math.floor((SIZE - 200) / 17) }, (_, n) => `${new Date(Date.UTC(2026, 0, 1) - (n % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')}T000000Z`).join(',')}\r\nEND:VEVENT\r\n`,
    ),
  },
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

for (const [format, files] of Object.entries(FILES)) {
  let plainMs = 0;
  for (const [shape, content] of Object.entries(files)) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      parseFile({
        format: format as 'markdown',
        content,
        timeZone: 'Europe/Berlin',
        email: 'me@example.com',
        today: '2026-12-07',
      });
      times.push(performance.now() - started);
    }
    const ms = median(times);
    if (shape === 'plain') plainMs = ms;
    const mb = Buffer.byteLength(content) / 1e6;
    console.log(
      `${format.padEnd(8)} ${shape.padEnd(26)} ${mb.toFixed(2)} MB ${ms.toFixed(0).padStart(6)} ms ${(mb / (ms / 1000)).toFixed(1).padStart(7)} MB/s${shape === 'plain' ? '' : ` ${(ms / plainMs).toFixed(2)}x plain`}`,
    );
  }
}
