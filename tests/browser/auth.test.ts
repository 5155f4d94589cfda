// Signing in: anonymous visits go to /login and come back; a wrong password stays put.
import { describe, expect, it } from 'vitest';
import { newContext, PASSWORD, registerUser, uniqueEmail, useBrowser } from './support';

const browser = useBrowser();

describe('signing in', () => {
  it('sends an anonymous visit to /login and back after signing in; a wrong password says so', async () => {
    const user = await registerUser('Sam Signin');
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto('/evidence');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/evidence');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // (Next.js keeps an empty route announcer with role=alert too, hence the filter.)
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The email typed stays; the password does not.
    expect(await page.getByLabel('Email').inputValue()).toBe(user.email);

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/evidence');
    await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();

    // The session lives in httpOnly cookies: page JavaScript cannot read a token.
    const visible = await page.evaluate('document.cookie');
    expect(visible).not.toMatch(/lt_access|lt_refresh/);
    const cookies = await context.cookies();
    const access = cookies.find((c) => c.name === 'lt_access');
    expect(access?.httpOnly).toBe(true);
    expect(cookies.find((c) => c.name === 'lt_refresh')?.httpOnly).toBe(true);

    // Signing out ends the session: pages go back to /login.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    await context.close();
  });

  it('keeps a session alive past the access token by refreshing it on the server', async () => {
    const user = await registerUser('Rita Refresh');
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const before = (await context.cookies()).find((c) => c.name === 'lt_refresh')?.value;
    // As if 15 minutes had passed: the access cookie is gone, the refresh cookie remains.
    await context.clearCookies({ name: 'lt_access' });
    await page.goto('/evidence');
    await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/evidence');
    const after = await context.cookies();
    expect(after.find((c) => c.name === 'lt_access')).toBeDefined();
    expect(after.find((c) => c.name === 'lt_refresh')?.value).not.toBe(before);
    await context.close();
  });

  it('registers through the form: a short password is named beside the field, then it signs in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    const email = uniqueEmail('Nora New');
    await page.getByLabel('Name').fill('Nora New');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('#password-error').waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('Nora New');
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    await context.close();
  });
});
