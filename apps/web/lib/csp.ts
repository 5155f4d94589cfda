// The dashboard's Content-Security-Policy: built per request around a fresh nonce, which
// Next.js puts on every script it renders, so nothing else may run.

/** Two years, subdomains included: only ever sent in production (lib/env.ts `hsts`). */
export const HSTS = 'max-age=63072000; includeSubDomains';

export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}) {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    // 'strict-dynamic': scripts the nonced ones load (Next's chunks) may run; hosts do not
    // widen the list. React's development build needs eval for its error overlays.
    'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    'style-src': `'self' 'nonce-${nonce}'`,
    // style="" attributes (colour swatches, chart geometry) cannot carry a nonce; they
    // cannot run code either.
    'style-src-attr': "'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'font-src': "'self'",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
