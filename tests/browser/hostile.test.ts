/**
 * tests/fixtures/hostile-{results,members}.csv in the built app: village, township, county and
 * person names made of HTML, SQL, formulas, template braces and control characters are shown
 * literally (names of 5,000 characters are rejected with their rows) in the tables, the chart tooltips, the rule list and the data
 * manager; the rule CSV export neutralises the formulas; no dialog fires, no element is injected,
 * the CSP is never tripped and no other origin is contacted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch } from './setup/browser';
import { blockOtherOrigins, hoverCharts, injected, watch, type Watch } from './setup/watch';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

const COUNTY = "' OR 1=1 --";
const TOWN = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const DROP = '"; DROP TABLE results; --';
const LINK = '=HYPERLINK("http://x","点我")';
const LONG = `${'长'.repeat(4999)}村`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let w: Watch;
let foreign: string[] = [];

const scopeSelect = (name: string) => page.locator(`[data-scope="${name}"]`);

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true, serviceWorkers: 'block' });
  foreign = await blockOtherOrigins(context, new URL(baseUrl()).origin);
  page = await context.newPage();
  w = await watch(context, page);
  await page.goto(`${baseUrl()}/?view=import`);
  await page
    .locator('input[type=file][data-action="choose-files"]')
    .setInputFiles([fixture('hostile-results.csv'), fixture('hostile-members.csv')]);
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

describe('hostile names (tests/fixtures/hostile-*.csv)', () => {
  it('shows them literally in the import report and the chart tooltips', async () => {
    // The rows naming a village or a person by 5,000 characters are rejected: no name is that long.
    expect(await page.locator('[data-count="rejected"]').first().innerText()).toBe('5');
    await page.locator('[data-nav="overview"]').click();
    await scopeSelect('county').selectOption({ label: COUNTY });
    await scopeSelect('township').selectOption({ label: TOWN });
    await scopeSelect('cycle').selectOption('2021');
    await expect.poll(() => page.locator('[data-view="overview"] [data-metric="villages"][data-body="all"]').innerText()).toBe('8');
    await expect.poll(() => page.locator('.echart[data-state="ready"]').count()).toBeGreaterThan(2);
    const shown = (await hoverCharts(page)).join('\n');
    // Tooltips escape names once: shown as typed, never as markup and never double-escaped.
    expect(shown).toContain(IMG);
    expect(shown).not.toContain('&lt;');
  });

  it('shows them literally in the village ranking; the 5,000-character name is not there', async () => {
    const table = page.locator('[data-table="ranking"]');
    await expect.poll(() => table.innerText()).toContain(DROP);
    let text = await table.innerText();
    for (const name of [IMG, TOWN, LINK, '+SUM(1,1)', '@cmd', '-1+1', "' OR 1=1 --"]) expect(text).toContain(name);
    await scopeSelect('township').selectOption({ label: '{b}镇' });
    await expect.poll(() => table.innerText()).toContain('{a|b}村');
    text = await table.innerText();
    for (const name of ['[31m红字村', '响铃村', '村庄反转', '{b}']) expect(text).toContain(name);
    expect(text).not.toContain(LONG);
    expect(text).not.toContain('\u202e');
  });

  it('lists the five 2021 rule breaches by name and exports them as neutralised CSV', async () => {
    await page.locator('[data-nav="rules"]').click();
    await scopeSelect('township').selectOption('');
    await scopeSelect('cycle').selectOption('2021');
    const rows = page.locator('[data-view="rules"] tr[data-rule]');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await page.locator('tr[data-rule="turnout_not_over_half"]').innerText()).toContain(LINK);
    expect(await page.locator('tr[data-rule="winner_without_majority"]').innerText()).toContain('=1+1');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-rules"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csv).toContain(`"'@cmd"`);
    expect(csv).toContain(`"'-1+1"`);
    expect(csv).toContain(`"'=1+1（委员）"`);
    // No cell of the file starts a formula.
    expect(
      csv
        .split(/\r\n/)
        .flatMap((l) => l.split('","'))
        .some((c) => /^"?[=+\-@]/.test(c)),
    ).toBe(false);
  });

  it('shows person names literally in the data manager (45 of 49: the 5,000-character rows are rejected)', async () => {
    await page.locator('[data-nav="data"]').click();
    const members = page.locator('[data-table="members"]');
    await expect.poll(() => members.innerText()).toContain('45 行');
    const text = await members.innerText();
    for (const name of [
      '<img src=x onerror=alert(2)>',
      '<script>alert(2)</script>',
      "'; DROP TABLE members; --",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '{b}',
    ])
      expect(text).toContain(name);
  });

  it('never ran, injected or fetched anything', async () => {
    expect(await injected(page)).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.violations).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
