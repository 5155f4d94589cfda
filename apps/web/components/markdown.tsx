// Evidence descriptions are markdown. react-markdown builds React elements (raw HTML in the
// text is skipped, and javascript: URLs are dropped by its default URL transform), so what
// an engineer typed can format itself but never inject markup. Headings and images are
// unwrapped to plain text: an entry's own structure stays the page's.
import ReactMarkdown from 'react-markdown';

const ALLOWED = [
  'p',
  'em',
  'strong',
  'del',
  'ul',
  'ol',
  'li',
  'a',
  'code',
  'pre',
  'blockquote',
  'br',
];

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={['markdown', className].filter(Boolean).join(' ')}>
      <ReactMarkdown
        skipHtml
        allowedElements={ALLOWED}
        unwrapDisallowed
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
