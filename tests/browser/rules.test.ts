import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, type AppPage } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

let browser: Browser;
let app: AppPage;
let page: Page;

const scopeSelect = (name: string) => page.locator(`[data-scope="${name}"]`);
const kpi = (metric: string, body: string) => page.locator(`[data-view="overview"] [data-metric="${metric}"][data-body="${body}"]`);

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=import');
  page = app.page;
  await page.locator('input[type=file]').setInputFiles([fixture('rules-results.csv'), fixture('rules-members.csv')]);
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

describe('rule checks and chart drill-down (tests/fixtures/rules-*.csv, 柳河镇 2021)', () => {
  it('lists each breach of the township with its figures', async () => {
    await page.locator('[data-nav="rules"]').click();
    await scopeSelect('county').selectOption('青山县');
    await scopeSelect('township').selectOption('柳河镇');
    await scopeSelect('cycle').selectOption('2021');
    const rows = page.locator('[data-view="rules"] tr[data-rule]');
    await expect.poll(() => rows.count()).toBe(13);
    const turnout = page.locator('tr[data-rule="turnout_not_over_half"]');
    expect(await turnout.count()).toBe(2);
    expect(await turnout.first().innerText()).toMatch(/柳河村|杨庄村/);
    expect(await page.locator('[data-view="rules"]').innerText()).toContain('46.7%');
    expect(await page.locator('tr[data-rule="winner_without_majority"]').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('赵刚'), expect.stringContaining('马林')]),
    );
  });

  it('filters by rule through the URL and drills to a village', async () => {
    await page.locator('[data-select="rule"]').selectOption('committee_size');
    await expect.poll(() => page.locator('tr[data-rule]').count()).toBe(2);
    expect(page.url()).toContain('rule=committee_size');
    await page.locator('tr[data-rule="committee_size"]', { hasText: '五里铺村' }).locator('[data-action="drill-village"]').click();
    await page.waitForSelector('[data-view="overview"]');
    await expect.poll(() => page.locator('[data-breadcrumb]').innerText()).toContain('五里铺村');
    expect(page.url()).not.toContain('rule=');
    await scopeSelect('body').selectOption('village_committee');
    await expect.poll(() => kpi('members', 'village_committee').innerText()).toBe('2');
    await page.goBack();
    await page.goBack();
    await expect.poll(() => page.locator('tr[data-rule]').count()).toBe(2);
  });

  it('drills down from a bar of the turnout chart', async () => {
    await page.locator('[data-nav="overview"]').click();
    await scopeSelect('village').selectOption('');
    const chart = page.locator('[data-chart="turnout-by-village"][data-state="ready"]');
    await chart.waitFor();
    // Villages at or below the legal line are drawn red, lowest first: 柳河村 (46.7%), then 杨庄村 (50.0%).
    const red = chart.locator('path[fill="#c2403a"]');
    await expect.poll(() => red.count()).toBe(2);
    await red.first().click();
    await expect.poll(() => page.locator('[data-breadcrumb]').innerText()).toContain('柳河村');
    await expect.poll(() => kpi('turnout', 'village_committee').innerText()).toBe('46.7%');
    expect(app.errors).toEqual([]);
  });
});
