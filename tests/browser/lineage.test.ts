/**
 * Village lineage in the built app: 柳溪镇's three cycles imported, a merge of 李家村 and 王家村
 * into 李王村 recorded in the data manager's editor, and 李王村's trend and change carrying the
 * earlier cycles summed, with the mark — still so after a reload (tests/fixtures/README.md,
 * "Village lineage").
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openApp, type AppPage } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);
const key = (v: string) => `name:青山县|柳溪镇|${v}`;
const LIWANG = `?view=overview&county=青山县&township=柳溪镇&village=${encodeURIComponent(key('李王村'))}&cycle=2021`;

let browser: Browser;
let app: AppPage;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=import');
  page = app.page;
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await browser?.close();
});

async function expectMergedTrend() {
  const trend = page.locator('[data-chart="trend"]');
  await page.waitForSelector('[data-chart="trend"][data-state="ready"]', { timeout: 60_000 });
  // 2015: 1,720 of 2,000; 2018: 1,790 of 2,070 (李家村 and 王家村 summed); 2021: 1,890 of 2,100.
  await expect.poll(() => trend.textContent(), { timeout: 30_000 }).toContain('含合并前 李家村、王家村 数据');
  const text = (await trend.textContent()) ?? '';
  for (const v of ['86.0', '86.5', '90.0']) expect(text).toContain(v);
  const change = page.locator('[data-view="overview"] [data-change="turnout"]');
  await expect.poll(() => change.innerText()).toContain('+3.5');
  // The marks come from the lineage's own query, which may answer after the figures.
  await expect.poll(() => page.locator('[data-lineage-mark="turnout"]').count()).toBe(1);
  expect(await page.locator('[data-lineage-note="kpi"]').innerText()).toContain('含合并前 李家村、王家村 数据');
}

describe('village lineage', () => {
  it('imports three cycles of one township', async () => {
    await page.locator('input[type=file]').setInputFiles([fixture('lineage-results-gb18030.csv'), fixture('lineage-members.csv')]);
    await expect.poll(() => page.locator('[data-file][data-status="pending"]').count(), { timeout: 60_000 }).toBe(2);
    await page.waitForSelector('.summary[data-state="pending"]', { timeout: 60_000 });
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
  });

  it('has no earlier cycle for the merged village before the merge is recorded', async () => {
    await page.goto(`${baseUrl()}/${LIWANG}`);
    await page.waitForSelector('[data-chart="trend"][data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('[data-view="overview"] [data-change="turnout"]').getAttribute('data-change-kind')).toBe('none');
    expect(await page.locator('[data-lineage-note]').count()).toBe(0);
  });

  it('records the merge in the editor, refusing a row with no village first', async () => {
    await page.goto(`${baseUrl()}/?view=data`);
    const card = page.locator('[data-section="village-changes"]');
    await card.waitFor({ timeout: 60_000 });
    // The data suggests it too.
    await expect.poll(() => card.locator('[data-candidate="merge"]').innerText()).toContain('李王村 ← 李家村、王家村');

    await card.locator('[data-action="add-change"]').click();
    const row1 = card.locator('[data-change-row="1"]');
    await row1.locator('[data-field="kind"]').selectOption('merge');
    await row1.locator('[data-field="old"]').selectOption(key('李家村'));
    await row1.locator('[data-field="cycle"]').fill('2021');
    await card.locator('[data-action="save-changes"]').click();
    await expect.poll(() => card.locator('[data-state="lineage-problems"]').innerText()).toContain('第 1 行');

    await row1.locator('[data-field="new"]').selectOption(key('李王村'));
    await card.locator('[data-action="add-change"]').click();
    const row2 = card.locator('[data-change-row="2"]');
    await row2.locator('[data-field="kind"]').selectOption('merge');
    await row2.locator('[data-field="old"]').selectOption(key('王家村'));
    await row2.locator('[data-field="new"]').selectOption(key('李王村'));
    await row2.locator('[data-field="cycle"]').fill('2021');
    await card.locator('[data-action="save-changes"]').click();
    await card.locator('[data-state="lineage-ok"]').waitFor({ timeout: 30_000 });
    expect(await card.locator('[data-state="lineage-problems"]').count()).toBe(0);
    // Recorded: no longer suggested.
    await expect.poll(() => card.locator('[data-candidate="merge"]').count()).toBe(0);
  });

  it("shows the merged village's trend with the earlier cycles summed, and the mark", async () => {
    await page.goto(`${baseUrl()}/${LIWANG}`);
    await expectMergedTrend();
    // The indicator table's change cells carry the same mark.
    await page.goto(`${baseUrl()}/${LIWANG.replace('view=overview', 'view=table')}`);
    await expect.poll(() => page.locator('[data-view="table"] [data-change="turnout"]').innerText(), { timeout: 30_000 }).toContain('+3.5');
    await expect.poll(() => page.locator('[data-view="table"] [data-lineage-mark="turnout"]').count()).toBe(1);
    expect(await page.locator('[data-lineage-note="table"]').innerText()).toBe('† 2018年：含合并前 李家村、王家村 数据');
  });

  it('keeps the merge after a reload', async () => {
    await page.goto(`${baseUrl()}/${LIWANG}`);
    await page.waitForSelector('[data-chart="trend"][data-state="ready"]', { timeout: 60_000 });
    await page.reload();
    await page.waitForSelector('.app[data-engine="ready"]', { timeout: 60_000 });
    await expectMergedTrend();
    await page.goto(`${baseUrl()}/?view=data`);
    await expect.poll(() => page.locator('[data-table="village-changes"] tbody tr').count(), { timeout: 30_000 }).toBe(2);
    expect(app.errors).toEqual([]);
  });
});
