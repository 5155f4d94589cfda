import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';

describe('configuration', () => {
  it('has working defaults for a first run', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      API_PORT: 3001,
      SIGNUP: 'open',
      AUTH_RATE_LIMIT: 10,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.LEADTRACK_DATA_DIR).toMatch(/\.data$/);
    // No constant fallback: the instance generates its own secret (instance-secrets.ts).
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it('starts in production without JWT_SECRET, and keeps one when given', () => {
    expect(loadEnv({ NODE_ENV: 'production' }).JWT_SECRET).toBeUndefined();
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toBe(
      'x'.repeat(32),
    );
  });

  it('lists every bad variable', () => {
    expect(() => loadEnv({ API_PORT: 'abc', SIGNUP: 'maybe' })).toThrow(/API_PORT[\s\S]*SIGNUP/);
  });

  it('treats an empty DATABASE_URL as unset (the embedded database)', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('treats an empty JWT_SECRET as unset (a generated secret), as docker compose passes it', () => {
    expect(loadEnv({ JWT_SECRET: '' }).JWT_SECRET).toBeUndefined();
    expect(() => loadEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
