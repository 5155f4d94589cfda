import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Leadtrack',
  description: 'Evidence and readiness toward a tech-lead role',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next.js takes the CSP nonce (proxy.ts) from the
  // request, and a page prerendered at build time would have scripts without one.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
