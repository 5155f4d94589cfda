// An engineer logs evidence from the form and sees it in the list and on the timeline;
// a leave-week check-in shows hatched on the heatmap.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { describedEntryPage, registerUser, shownDate, signedInPage, useBrowser } from './support';

const browser = useBrowser();

describe('an engineer', () => {
  it('logs evidence from the form, fixing a bad submission, and sees it in the list and on the timeline', async () => {
    const user = await registerUser('Erin Engineer');
    const page = await signedInPage(browser, user);
    const thisWeek = weekStartOf(todayUtc());

    await page.getByRole('link', { name: 'Log evidence' }).first().click();
    await page.waitForURL((url) => url.pathname === '/evidence/new');
    await page.getByRole('heading', { name: 'Log evidence' }).waitFor();
    // The date defaults to today; each behaviour is a labelled checkbox with its hint.
    expect(await page.getByLabel('Date').inputValue()).toBe(todayUtc());
    const ownership = page.getByRole('checkbox', { name: 'Domain ownership' });
    expect(await ownership.getAttribute('aria-describedby')).toBe('kind-ownership-hint');

    // No kind and a link that is not http(s): the API's errors show beside the fields.
    const title = 'Wrote the on-call runbook for the billing service';
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Description').fill('Walked two new joiners through it.');
    await page.getByLabel('Links').fill('ftp://example.test/runbook');
    await page.getByRole('button', { name: 'Log evidence' }).click();
    await page.locator('#kinds-error').waitFor();
    await page.locator('#links-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/evidence/new');
    expect(await page.getByLabel('Title').inputValue()).toBe(title);
    expect(await page.getByLabel('Description').inputValue()).toBe(
      'Walked two new joiners through it.',
    );
    expect(await page.getByLabel('Links').getAttribute('aria-describedby')).toContain(
      'links-error',
    );

    await page.getByLabel('Links').fill('https://wiki.example.test/billing/runbook');
    await page.getByRole('checkbox', { name: 'Domain ownership' }).check();
    await page.getByRole('checkbox', { name: 'Mentoring' }).check();
    await page.getByLabel('Audience').selectOption('team');
    await page.getByRole('button', { name: 'Log evidence' }).click();
    await page.waitForURL((url) => url.pathname === '/evidence');
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.getByText('Evidence logged.').isVisible()).toBe(true);

    // Filters: by kind (a match and a miss).
    await page.getByLabel('Behaviour', { exact: true }).selectOption('review');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No evidence matches these filters.').waitFor();
    await page.getByLabel('Behaviour', { exact: true }).selectOption('mentoring');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('heading', { name: title }).waitFor();

    // A date range the wrong way round is named beside the field.
    await page.getByLabel('From').fill(todayUtc());
    await page.getByLabel('To').fill(addDays(todayUtc(), -7));
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('#f-to-error').waitFor();
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByRole('heading', { name: title }).waitFor();

    // Delete, then undo.
    await page.getByRole('button', { name: `Delete “${title}”` }).click();
    await page.getByText('Entry deleted.').waitFor();
    expect(await page.getByRole('heading', { name: title }).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Entry restored.').waitFor();
    await page.getByRole('heading', { name: title }).waitFor();

    // The timeline: this week's cells name the entry.
    await page.getByRole('link', { name: 'Readiness' }).click();
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    // This week is in progress (rule 8), and each cell lists the week's entry titles.
    const thisWeekName = `Week of ${shownDate(thisWeek)} (in progress)`;
    const cell = page.getByRole('gridcell', {
      name: `${thisWeekName}, Domain ownership: 1 entry. Entries: ${title}`,
      exact: true,
    });
    await cell.waitFor();
    expect(await cell.getAttribute('class')).toMatch(/lvl-1/);
    // The heatmap is one tab stop; arrow keys move between cells.
    await cell.focus();
    await page.keyboard.press('ArrowDown');
    // A cell names only its own behaviour's entries: none here.
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe(
      `${thisWeekName}, Broad review: 0 entries`,
    );
    expect(await page.locator('.heatmap [tabindex="0"]').count()).toBe(1);
    await page
      .getByRole('gridcell', {
        name: `${thisWeekName}, Broad review: 0 entries`,
        exact: true,
      })
      .waitFor();
    expect(await page.getByText('Building', { exact: true }).first().isVisible()).toBe(true);
    await page.context().close();
  });

  it('checks in a leave week and sees it hatched on the heatmap', async () => {
    const user = await registerUser('Lee Leave');
    const page = await signedInPage(browser, user);
    const thisWeek = weekStartOf(todayUtc());
    const lastWeek = addWeeks(thisWeek, -1);

    await page.getByRole('link', { name: 'Check-in' }).click();
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
    await page.getByLabel('Week').selectOption(lastWeek);
    await page.getByLabel('On leave').check();
    await page.getByLabel('Hands-on %').fill('0');
    await page.getByLabel('Deep-work blocks').fill('0');
    await page.getByLabel('Note').fill('Family holiday');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved').waitFor();

    // This week, a normal one.
    await page.getByLabel('Week').selectOption(thisWeek);
    expect(await page.getByLabel('On leave').isChecked()).toBe(false);
    await page.getByLabel('Hands-on %').fill('60');
    await page.getByLabel('Deep-work blocks').fill('3');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved').waitFor();

    // Going back to last week shows what was saved.
    await page.reload();
    await page.getByLabel('Week').selectOption(lastWeek);
    expect(await page.getByLabel('On leave').isChecked()).toBe(true);
    expect(await page.getByLabel('Note').inputValue()).toBe('Family holiday');

    await page.getByRole('link', { name: 'Readiness' }).click();
    const leave = page.getByRole('gridcell', {
      name: `Week of ${shownDate(lastWeek)}, Domain ownership: 0 entries, on leave`,
      exact: true,
    });
    await leave.waitFor();
    expect(await leave.getAttribute('class')).toMatch(/\bleave\b/);
    const streak = page.getByRole('gridcell', {
      name: new RegExp(`^Week of ${shownDate(lastWeek)}: on leave`),
    });
    expect(await streak.getAttribute('class')).toMatch(/\bleave\b/);
    // The hatching is drawn, not only named.
    const background = await leave.evaluate(
      (el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundImage ?? '',
    );
    expect(background).toContain('repeating-linear-gradient');
    const normal = page.getByRole('gridcell', {
      name: `Week of ${shownDate(thisWeek)} (in progress), Domain ownership: 0 entries`,
      exact: true,
    });
    expect(await normal.getAttribute('class')).not.toMatch(/\bleave\b/);
    await page.context().close();
  });

  it('sees descriptions rendered as markdown, with any HTML in them left inert', async () => {
    const { page, description: entry } = await describedEntryPage(browser, 'Mark Down', {
      title: 'Explained the retry budget to product',
      description:
        'Covered **the cost** and *the risk*.\n\n- option A\n- option B\n\n<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
    });
    expect(await entry.locator('strong').textContent()).toBe('the cost');
    expect(await entry.locator('em').textContent()).toBe('the risk');
    expect(await entry.locator('li').count()).toBe(2);
    expect(await entry.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
