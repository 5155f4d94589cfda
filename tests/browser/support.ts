// Helpers for browser tests: Chromium, users made through the API, and signing in.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { todayUtc } from '@leadtrack/core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { useFixture } from '../support/fixtures';
import { freePort, startApi, startWeb, stop } from './servers';

export const PASSWORD = 'correct horse battery staple';

export const apiUrl = () => inject('apiUrl');
export const webUrl = () => inject('webUrl');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Launches Chromium before the file's tests and closes it after them. */
export function useBrowser(): Browser {
  return useFixture(launchChromium, (browser) => browser.close());
}

/** The looks pages are shot in: a laptop and a 390 px phone, each light and dark. */
export const LOOKS = [
  [1280, false],
  [1280, true],
  [390, false],
  [390, true],
] as const;

export interface ContextOptions {
  /** The dashboard to open (default: the run's). */
  baseURL?: string;
  width?: number;
  height?: number;
  dark?: boolean;
  timeZone?: string;
}

export async function newContext(
  browser: Browser,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? webUrl(),
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    // The browser's zone: what the sign-up form sends as the account's time zone.
    timezoneId: options.timeZone ?? 'UTC',
  });
  context.setDefaultTimeout(20_000);
  return context;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON here.
export async function callApi<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl()}/api/v1${path}`, {
    method,
    headers: {
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  const body = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
  return { status: res.status, body: body as T };
}

export interface ApiUser {
  id: string;
  email: string;
  name: string;
  role: string;
  token: string;
}

export function uniqueEmail(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z]+/g, '-')}-${randomBytes(4).toString('hex')}@example.test`;
}

export async function registerUser(name: string, email = uniqueEmail(name)): Promise<ApiUser> {
  const res = await callApi('POST', '/auth/register', {
    body: { email, name, password: PASSWORD },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...res.body.user, token: res.body.accessToken };
}

/** The instance's admin (its first user), as signedInPage takes a person. */
export const adminUser = () => ({ email: inject('adminEmail'), password: inject('adminPassword') });

export async function adminToken(): Promise<string> {
  const res = await callApi('POST', '/auth/login', { body: adminUser() });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

export async function setManager(reportId: string, managerId: string): Promise<void> {
  const res = await callApi('PATCH', `/users/${reportId}`, {
    token: await adminToken(),
    body: { managerId },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** An evidence entry as POST /evidence takes it. */
export interface NewEntry {
  title: string;
  kinds: string[];
  occurredOn: string;
  description?: string;
  links?: string[];
  audience?: string;
}

export async function logEvidence(user: ApiUser, entry: NewEntry) {
  const res = await callApi('POST', '/evidence', { token: user.token, body: entry });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; title: string };
}

export async function checkIn(
  user: ApiUser,
  weekStart: string,
  body: { handsOnPercent: number; deepWorkBlocks: number; onLeave: boolean; note?: string },
) {
  const res = await callApi('PUT', `/checkins/${weekStart}`, { token: user.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Signs in through the login form and waits to leave /login. */
export async function signIn(page: Page, email: string, password = PASSWORD, path = '/') {
  await page.goto(path);
  if (!new URL(page.url()).pathname.startsWith('/login')) return;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * One sign-in with a fresh email and a wrong password, claiming `address` in
 * X-Forwarded-For: the alert it ends with ("Wrong email or password", "Too many attempts").
 */
export async function wrongSignIn(page: Page, address: string): Promise<string> {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': address });
  await page.goto('/login');
  await page.getByLabel('Email').fill(uniqueEmail('Xavier Forwarded'));
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page
    .getByRole('alert')
    .filter({ hasText: /Wrong email or password|Too many attempts/ });
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

/**
 * A second API on the run's database that allows 3 sign-in attempts a minute per address, and
 * a dashboard for it started with `webEnv`: `use` gets a page on that dashboard (in a context
 * of its own, closed after it). Both servers are stopped afterwards, whatever happens.
 */
export async function withSignInBudgetOfThree(
  browser: Browser,
  webEnv: NodeJS.ProcessEnv,
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const webPort = await freePort();
  const api = await startApi(inject('databaseUrl'), `http://localhost:${webPort}`, {
    AUTH_RATE_LIMIT: '3',
  });
  const web = await startWeb(api.url, webPort, webEnv);
  try {
    const context = await browser.newContext({ baseURL: web.url });
    context.setDefaultTimeout(20_000);
    await use(await context.newPage());
    await context.close();
  } finally {
    await stop(web.child);
    await stop(api.child);
  }
}

/** The sign-in alerts of four attempts on a budget of three: the fourth is refused. */
export function expectFourthAttemptRefused(outcomes: string[]): void {
  expect(outcomes.slice(0, 3).every((o) => o.includes('Wrong email or password'))).toBe(true);
  expect(outcomes[3]).toContain('Too many attempts');
}

/**
 * A page in a fresh context (its own cookies), signed in as `user` through the login form
 * and left at `options.path` (default: the home page). Close it with `page.context().close()`.
 */
export async function signedInPage(
  browser: Browser,
  user: { email: string; password?: string },
  options: ContextOptions & { path?: string } = {},
): Promise<Page> {
  const page = await (await newContext(browser, options)).newPage();
  await signIn(page, user.email, user.password, options.path);
  return page;
}

/**
 * Opens a one-time link (a setup or reset link) that was used already, in a fresh context,
 * and sends its form with `password` in the `field` and `${field} again` boxes: the page
 * says the link was used. Returns the page; close its context.
 */
export async function reuseOneTimeLink(
  browser: Browser,
  url: string,
  form: { field: string; password: string; button: string },
): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(url);
  await page.getByLabel(form.field, { exact: true }).fill(form.password);
  await page.getByLabel(`${form.field} again`).fill(form.password);
  await page.getByRole('button', { name: form.button }).click();
  await page.getByRole('alert').filter({ hasText: 'already been used or has expired' }).waitFor();
  return page;
}

/** A manager and an engineer who reports to them, made through the API. */
export async function registerManagerAndReport(managerName: string, engineerName: string) {
  const manager = await registerUser(managerName);
  const engineer = await registerUser(engineerName);
  await setManager(engineer.id, manager.id);
  return { manager, engineer };
}

/** A manager, an engineer who reports to them, and `entry` as the engineer logged it. */
export async function reportWithEntry(managerName: string, engineerName: string, entry: NewEntry) {
  const { manager, engineer } = await registerManagerAndReport(managerName, engineerName);
  return { manager, engineer, entry: await logEvidence(engineer, entry) };
}

/**
 * A new person `name` logs an entry today (communication) with `entry`'s title and
 * description, and opens /evidence: the page, and the entry's description once it is shown.
 */
export async function describedEntryPage(
  browser: Browser,
  name: string,
  entry: { title: string; description: string },
) {
  const user = await registerUser(name);
  await logEvidence(user, {
    title: entry.title,
    kinds: ['communication'],
    occurredOn: todayUtc(),
    description: entry.description,
  });
  const page = await signedInPage(browser, user);
  await page.goto('/evidence');
  const description = page.locator('.entry-desc').first();
  await description.waitFor();
  return { page, description };
}

/** Where screenshots for a person to look at go, when asked for (else none are taken). */
export const extraShots = process.env.LEADTRACK_SCREENSHOTS_EXTRA;

/**
 * Saves a screenshot of `page` as `file` in the extra screenshots folder when one is given:
 * of the page, or scrolled to the `section` selector when named (the viewport then).
 */
export async function shootExtra(page: Page, file: string, section?: string): Promise<void> {
  if (!extraShots) return;
  mkdirSync(extraShots, { recursive: true });
  if (section) await page.locator(section).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${extraShots}/${file}`, fullPage: !section });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as the dashboard shows it everywhere: "2026-11-16" → "16 Nov 2026". */
export function shownDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}
