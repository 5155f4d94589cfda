import { describe, expect, it } from 'vitest';
import { jobsEnabled, loadEnv } from '../src/env';

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

  it('mails nothing without SMTP_URL, and checks the mail settings', () => {
    const env = loadEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(loadEnv({ PUBLIC_URL: 'https://leadtrack.example.com/' }).PUBLIC_URL).toBe(
      'https://leadtrack.example.com',
    );
    expect(() =>
      loadEnv({ SMTP_URL: 'http://mail.example.com', PUBLIC_URL: 'ftp://x', JOBS: 'sometimes' }),
    ).toThrow(/SMTP_URL[\s\S]*PUBLIC_URL[\s\S]*JOBS/);
  });

  it('runs the scheduled jobs unless told not to, and not in tests unless asked', () => {
    expect(jobsEnabled(loadEnv({}))).toBe(true);
    expect(jobsEnabled(loadEnv({ NODE_ENV: 'test' }))).toBe(false);
    expect(jobsEnabled(loadEnv({ NODE_ENV: 'test', JOBS: 'on' }))).toBe(true);
    expect(jobsEnabled(loadEnv({ JOBS: 'off' }))).toBe(false);
  });
});
