// Evidence descriptions are markdown. react-markdown builds React elements (raw HTML in the
// text is skipped), so what an engineer typed can format itself but never inject markup.
// Links: only http(s) become links; any other address (javascript:, data:, relative…) is
// shown as text saying it was refused, rather than the empty dead link react-markdown's
// default URL transform would leave. Headings and images are unwrapped to plain text: an
// entry's own structure stays the page's.
import ReactMarkdown from 'react-markdown';
import './evidence-item.css';

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

/** Addresses a description may link to; the API's `links` accept the same two schemes. */
export function isSafeHref(href: string | undefined): boolean {
  return typeof href === 'string' && /^https?:\/\/[^\s]/i.test(href.trim());
}

// Hands every address through unchanged: the `a` component below is what decides.
const keepUrl = (url: string) => url;

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={['markdown', className].filter(Boolean).join(' ')}>
      <ReactMarkdown
        skipHtml
        allowedElements={ALLOWED}
        unwrapDisallowed
        urlTransform={keepUrl}
        components={{
          a: ({ href, children }) =>
            isSafeHref(href) ? (
              <a href={href} rel="noopener noreferrer nofollow">
                {children}
              </a>
            ) : (
              <span className="link-refused">
                {children}{' '}
                <span className="muted small">
                  (link refused: {href?.trim() ? href.trim().slice(0, 80) : 'no address'})
                </span>
              </span>
            ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
