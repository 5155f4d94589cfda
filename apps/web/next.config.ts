import type { NextConfig } from 'next';

const config: NextConfig = {
  // The shared packages ship TypeScript source.
  transpilePackages: ['@leadtrack/core', '@leadtrack/schemas'],
  poweredByHeader: false,
  // The import page sends a file of up to 5 MiB (the API's limit for POST /imports).
  experimental: { serverActions: { bodySizeLimit: '6mb' } },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // No framing (clickjacking), no MIME sniffing, no referrer leaking paths elsewhere.
          // The Content-Security-Policy and HSTS are set per request in proxy.ts (the CSP
          // holds a fresh nonce; HSTS follows the runtime configuration, not the build's).
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default config;
