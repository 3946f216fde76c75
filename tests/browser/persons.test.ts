/**
 * Persons across cycles in the browser: 石桥镇's three rosters (tests/fixtures/persons-*, figures
 * counted by hand in tests/integration/persons.test.ts) imported through the import screen — ID
 * numbers hashed under the office's key in the worker — then the new indicators on the dashboard,
 * the disagreeing 是否连任 and the ambiguous 张伟 in the rule checks, and a person's history.
 */
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
  await page
    .locator('input[type=file]')
    .setInputFiles([fixture('persons-2015-gb18030.csv'), fixture('persons-2018-gb18030.csv'), fixture('persons-2021.xlsx')]);
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 90_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('persons across cycles (石桥镇, 2015–2021)', () => {
  it('shows 新进率, 离任率 and 平均任职年限 on the dashboard', async () => {
    await page.locator('[data-nav="overview"]').click();
    await scopeSelect('county').selectOption('清河县');
    await scopeSelect('township').selectOption('石桥镇');
    await scopeSelect('cycle').selectOption('2021');
    await scopeSelect('body').selectOption('village_committee');
    // 新进 2 of 6 linked, 离任 2 of 6, years 21 ÷ 6.
    await expect.poll(() => kpi('newly_elected_rate', 'village_committee').innerText(), { timeout: 30_000 }).toBe('33.3%');
    expect(await kpi('left_rate', 'village_committee').innerText()).toBe('33.3%');
    expect(await kpi('avg_years_in_office', 'village_committee').innerText()).toBe('3.5');
    // The indicator table lists the computed re-election rate beside the column's.
    await page.locator('[data-nav="table"]').click();
    const table = page.locator('[data-view="table"]');
    await expect.poll(() => table.innerText()).toContain('连任率（名单比对）');
    expect(await table.innerText()).toContain('66.7%');
  });

  it('lists the disagreeing 是否连任 and the two 张伟, and opens a history from there', async () => {
    await page.locator('[data-nav="rules"]').click();
    await scopeSelect('cycle').selectOption('2021');
    await scopeSelect('body').selectOption('all');
    const mismatch = page.locator('tr[data-rule="reelection_mismatch"]');
    await expect.poll(() => mismatch.count(), { timeout: 30_000 }).toBe(1);
    expect(await mismatch.innerText()).toContain('陈刚');
    const ambiguous = page.locator('[data-section="person-links"] tr[data-ambiguous]');
    await expect.poll(() => ambiguous.count()).toBe(2);
    expect(await ambiguous.first().innerText()).toContain('张伟');
    expect(await ambiguous.first().innerText()).toMatch(/130206\*{8}\d{4}/);
    expect(await page.locator('[data-foreign-ids]').count()).toBe(0);

    // The second 陈刚 is another man: his history is 2021 alone.
    await mismatch.locator('[data-action="person-history"]').click();
    const rows = page.locator('[data-section="person-history"] tr[data-cycle]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('view=person');
  });

  it("shows a village's roster and a person's history through a misspelt name, numbers masked", async () => {
    await page.locator('[data-action="person-back"]').click();
    const roster = page.locator('[data-section="person-roster"] tr[data-person]');
    await expect.poll(() => roster.count()).toBe(7);
    expect(await page.locator('[data-section="person-roster"] h2').innerText()).toContain('东坡村');
    await roster.filter({ hasText: '李洪梅' }).first().locator('[data-action="person-history"]').click();
    const rows = page.locator('[data-section="person-history"] tr[data-cycle]');
    await expect.poll(() => rows.count()).toBe(5);
    const text = await page.locator('[data-section="person-history"]').innerText();
    expect(text).toContain('李红梅');
    expect(text).toContain('2015');
    expect(text).toMatch(/130202\*{8}\d{4}/);
    // Never a full number anywhere on the page.
    expect(await page.locator('body').innerText()).not.toMatch(/\d{17}[\dX]/);
    expect(app.errors).toEqual([]);
  });
});
