import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, type AppPage } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

let browser: Browser;
let app: AppPage;
let page: Page;

const kpi = (metric: string, body: string) => page.locator(`[data-view="overview"] [data-metric="${metric}"][data-body="${body}"]`);
const scopeSelect = (name: string) => page.locator(`[data-scope="${name}"]`);

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=import');
  page = app.page;
  await page
    .locator('input[type=file]')
    .setInputFiles([fixture('results-utf8.csv'), fixture('acceptance-township.csv'), fixture('members-gb18030.csv')]);
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

describe('the dashboard on the acceptance township', () => {
  it('reads KPI values for a township chosen in the scope bar', async () => {
    await page.locator('[data-nav="overview"]').click();
    await scopeSelect('county').selectOption('青山县');
    await scopeSelect('township').selectOption('石桥镇');
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('69.2%');
    expect(await kpi('turnout', 'party_branch').innerText()).toBe('84.9%');
    expect(await kpi('villages', 'all').innerText()).toBe('5');
    expect(page.url()).toContain('township=');
    await page.waitForSelector('[data-chart="turnout-by-village"][data-state="ready"]');
  });

  it('draws the charts out of sight too, with the new scope, once the page is idle', async () => {
    const below = page.locator('[data-chart="rates-by-place"]');
    expect(await below.evaluate((el) => el.getBoundingClientRect().top > innerHeight)).toBe(true);
    await expect.poll(() => page.locator('.echart[data-state="ready"]').count(), { timeout: 10_000 }).toBe(7);
    expect(await below.locator('svg').textContent()).toContain('石桥镇');
    // In sight again it is drawn at once, and a scope change passes through "busy" to the new rows.
    await scopeSelect('township').selectOption('河东镇');
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('88.4%');
    await expect.poll(() => page.locator('.echart[data-state="ready"]').count(), { timeout: 10_000 }).toBe(7);
    expect(await below.locator('svg').textContent()).toContain('河东镇');
    expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    await scopeSelect('township').selectOption('石桥镇');
  });

  it('changes scope, drills down from the ranking table, and moves back and forward', async () => {
    await scopeSelect('township').selectOption('河东镇');
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('88.4%');
    expect(await kpi('members', 'all').innerText()).toBe('10');
    await scopeSelect('body').selectOption('village_committee');
    await expect.poll(() => kpi('members', 'village_committee').innerText()).toBe('6');
    await scopeSelect('body').selectOption('all');
    await expect.poll(() => kpi('cross_holding_rate', 'all').innerText()).toBe('20.0%');
    expect(await kpi('one_shoulder_rate', 'all').innerText()).toBe('50.0%');

    await page.locator('[data-table="ranking"] button', { hasText: '李家村' }).click();
    await expect.poll(() => page.locator('[data-breadcrumb]').innerText()).toContain('李家村');
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('91.3%');
    expect(await kpi('members', 'all').innerText()).toBe('5');
    // A village is compared with its township.
    const card = page.locator('[data-view="overview"] .kpi', {
      has: page.locator('[data-metric="turnout"][data-body="village_committee"]'),
    });
    expect(await card.innerText()).toContain('88.4%');

    await page.goBack();
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('88.4%');
    expect(await page.locator('[data-breadcrumb]').innerText()).not.toContain('李家村');
    await page.goForward();
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('91.3%');
  });

  it('shows every indicator in the table view, for heads only too', async () => {
    await page.locator('[data-nav="table"]').click();
    const cell = (m: string, b: string) => page.locator(`[data-view="table"] [data-metric="${m}"][data-body="${b}"]`);
    await expect.poll(() => cell('turnout', 'village_committee').innerText()).toBe('91.3%');
    expect(await page.locator('[data-view="table"] [data-metric]').count()).toBeGreaterThanOrEqual(27);
    await scopeSelect('village').selectOption('');
    await scopeSelect('role').selectOption('head');
    await expect.poll(() => cell('members', 'all').innerText()).toBe('3');
    expect(await cell('avg_age', 'all').innerText()).toBe('48.0');
    await scopeSelect('role').selectOption('all');
  });

  it('compares two villages side by side', async () => {
    await page.locator('[data-nav="compare"]').click();
    const pick = page.locator('[data-compare="pick"]');
    for (const name of ['石桥村（石桥镇）', '南岗村（石桥镇）']) {
      await pick.selectOption({ label: name });
      await page.locator('[data-action="compare-add"]').click();
    }
    await expect.poll(() => page.locator('[data-compare-item]').count()).toBe(2);
    const table = page.locator('[data-table="compare"]');
    await expect.poll(() => table.locator('[data-compare-row="turnout"]').innerText()).toContain('71.1%');
    const row = await table.locator('[data-compare-row="turnout"]').innerText();
    expect(row).toContain('66.4%');
    expect(row).toContain('69.2%'); // the township beside each village
    await page.waitForSelector('[data-chart="compare-turnout"][data-state="ready"]');
    expect(page.url()).toContain('item=');
  });

  it('switches to English and remembers it', async () => {
    await page.locator('[data-action="language"]').selectOption('en');
    await page.locator('[data-nav="overview"]').click();
    await expect.poll(() => page.locator('[data-view="overview"] .kpi h4').first().innerText()).toBe('Villages');
    expect(await page.evaluate(() => localStorage.getItem('cunxuan.lang'))).toBe('en');
    await page.locator('[data-action="language"]').selectOption('zh');
    expect(app.errors).toEqual([]);
  });
});
