import type { NextConfig } from 'next';

const config: NextConfig = {
  // The shared packages ship TypeScript source.
  transpilePackages: ['@leadtrack/core', '@leadtrack/schemas'],
  poweredByHeader: false,
};

export default config;
