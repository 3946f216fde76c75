/**
 * A reload draws the dashboard from the count tables saved with the data, before the imported
 * rows are back (they load in the background, src/app/DbProvider.tsx); the figures are the ones
 * shown before. While the rows load, nothing that changes the data can start: the import screen
 * and the data manager say so, and once the rows are in an import works and is kept.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openApp } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Installed before the page's scripts: a log of what the page showed, at each change of the DOM —
 * whether the rows were loading, whether KPI values were shown, the "still loading" notice, the
 * import screen's file input.
 */
const RECORD = `
  window.__shown = [];
  new MutationObserver(() => {
    const app = document.querySelector('.app');
    if (!app) return;
    const values = [...document.querySelectorAll('[data-view="overview"] .kpi-value')].map((k) => k.textContent);
    window.__shown.push({
      rows: app.getAttribute('data-rows'),
      kpis: values.length > 10 && values.every((v) => v !== '…') ? values.join('|') : null,
      notice: document.querySelector('main [data-state="rows-loading"]') !== null,
      input: document.querySelector('input[type=file][data-action="choose-files"]') !== null,
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

interface Shown {
  rows: string | null;
  kpis: string | null;
  notice: boolean;
  input: boolean;
}
const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);

async function kpis(page: Page): Promise<string> {
  const values = page.locator('[data-view="overview"] .kpi-value');
  await expect.poll(() => values.count(), { timeout: 60_000 }).toBeGreaterThan(10);
  await expect.poll(async () => (await values.allInnerTexts()).some((x) => x === '…'), { timeout: 60_000 }).toBe(false);
  return (await values.allTextContents()).join('|');
}

async function importFiles(page: Page, files: string[]) {
  await page.goto(`${baseUrl()}/?view=import`);
  await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(files.map(fixture));
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
  // The count tables are saved after the import is done.
  await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });
}

describe('a reload draws from the saved count tables first', () => {
  it('shows the same figures before the imported rows are back, then the rows follow', { timeout: 180_000 }, async () => {
    const { page, context, errors } = await openApp(browser, '?view=import');
    await context.addInitScript(RECORD);
    await importFiles(page, ['results-utf8.csv', 'members-gb18030.csv']);
    await page.goto(`${baseUrl()}/?view=overview`);
    const before = await kpis(page);
    await page.reload();
    expect(await kpis(page)).toBe(before);
    await page.waitForSelector('.app[data-rows="loaded"]', { timeout: 60_000 });
    const log = await shown(page);
    // The figures were first shown while the rows were still loading, and were the same.
    const first = log.find((s) => s.kpis !== null);
    expect(first).toMatchObject({ rows: 'loading', kpis: before });
    // Rule checks need the rows: they answer once they are in.
    await page.goto(`${baseUrl()}/?view=rules`);
    await page.waitForSelector('.app[data-rows="loaded"]', { timeout: 60_000 });
    await page.waitForSelector('[data-view="rules"] table, [data-view="rules"] .muted:not([aria-busy])', { timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses an import while the rows load, saying so; once they are in, an import works and is kept', { timeout: 180_000 }, async () => {
    const { page, context, errors } = await openApp(browser, '?view=import');
    await context.addInitScript(RECORD);
    await importFiles(page, ['members-gb18030.csv']);
    await page.reload();
    await page.waitForSelector('.app[data-rows="loaded"]', { timeout: 60_000 });
    const log = await shown(page);
    const loading = log.filter((s) => s.rows === 'loading');
    // The import screen said the rows were loading, and offered no file input until they were in.
    expect(loading.some((s) => s.notice)).toBe(true);
    expect(loading.some((s) => s.input)).toBe(false);
    await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(fixture('results-utf8.csv'));
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
    await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });
    await page.goto(`${baseUrl()}/?view=overview`);
    const withResults = await kpis(page);
    await page.reload();
    expect(await kpis(page)).toBe(withResults);
    await page.goto(`${baseUrl()}/?view=data`);
    const names = page.locator('[data-table="imports"] tbody tr');
    await expect
      .poll(() => names.allInnerTexts(), { timeout: 60_000 })
      .toEqual([expect.stringContaining('members-gb18030.csv'), expect.stringContaining('results-utf8.csv')]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
