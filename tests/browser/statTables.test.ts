/**
 * The official statistical table in the built app: a GB18030 CSV with a title row, a two-row
 * header (女性 … over 人数 / 占比, 其中 over the age bands) and a 合计 row is recognised, imported
 * and read on the dashboard — the figures it supports as from a roster, the others "not
 * available" — and a roster of the same villages asks which one counts, a choice that survives a
 * reload (tests/fixtures/README.md, 桃源镇).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, type AppPage } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

let browser: Browser;
let app: AppPage;
let page: Page;

const kpi = (metric: string, body: string) => page.locator(`[data-view="overview"] [data-metric="${metric}"][data-body="${body}"]`);
const cell = (metric: string, body: string) => page.locator(`[data-view="table"] [data-metric="${metric}"][data-body="${body}"]`);
const scopeSelect = (name: string) => page.locator(`[data-scope="${name}"]`);

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=import');
  page = app.page;
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await browser?.close();
});

describe('a statistical table', () => {
  it('is recognised under its two-row header, with its 合计 row checked', async () => {
    await page.locator('input[type=file]').setInputFiles([fixture('stats-taoyuan-gb18030.csv')]);
    const card = page.locator('[data-file="stats-taoyuan-gb18030.csv"]');
    await expect.poll(() => card.locator('[data-setting="kind"]').inputValue()).toBe('stats');
    // Opened and checked (every row read and staged) with the detected plan: the counts are final.
    await page.waitForSelector('.summary[data-state="pending"]', { timeout: 60_000 });
    expect(await card.locator('[data-setting="encoding"]').inputValue()).toBe('gb18030');
    expect(await card.innerText()).toContain('两行表头');
    expect(await card.locator('[data-column="女性/人数"] select').inputValue()).toBe('n_women');
    expect(await card.locator('[data-column="女性/占比"] select').inputValue()).toBe('n_women_pct');
    expect(await card.locator('[data-column="党员/人数"] select').inputValue()).toBe('n_party');
    expect(await card.locator('[data-column="其中/35岁及以下"] select').inputValue()).toBe('n_age_le35');
    expect(await card.locator('[data-totals="ok"]').count()).toBe(1);
    expect(await card.locator('[data-file-count="data"]').innerText()).toBe('8');
    expect(await card.locator('[data-file-count="imported"]').innerText()).toBe('8');
    // 2021 comes from the title: confirmed before import.
    expect(await card.locator('[data-context="cycle_year"]').inputValue()).toBe('2021');
    await card.locator('[data-action="confirm-context"]').check();
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
    expect(await card.getAttribute('data-status')).toBe('done');
  });

  it('shows the figures it supports, and "not available" for those it cannot', async () => {
    await page.locator('[data-nav="overview"]').click();
    await scopeSelect('county').selectOption('青山县');
    await scopeSelect('township').selectOption('桃源镇');
    // Both bodies: 33 seats, 27 persons, 6 of them on both.
    await expect.poll(() => kpi('members', 'all').innerText()).toBe('27');
    expect(await kpi('cross_holding_rate', 'all').innerText()).toBe('22.2%');
    expect(await kpi('turnout', 'village_committee').innerText()).toBe('89.9%');
    // The table has no 一次选举成功 column.
    expect(await kpi('first_round_success_rate', 'village_committee').innerText()).toBe('数据不支持');
    expect(await kpi('first_round_success_rate', 'village_committee').getAttribute('data-support')).toBe('none');
    // With both bodies, average age is exact only where no one sits on both (1 of 4 villages): labelled.
    expect(await page.locator('[data-coverage="avg_age"]').innerText()).toBe('覆盖 1/4 个村');

    await scopeSelect('body').selectOption('village_committee');
    await expect.poll(() => kpi('members', 'village_committee').innerText()).toBe('19');
    expect(await kpi('women_share', 'village_committee').innerText()).toBe('47.4%'); // 9 of 19
    expect(await kpi('avg_age', 'village_committee').innerText()).toBe('43.3'); // (213 + 174 + 201 + 235) ÷ 19
    // The table gives 35岁及以下 but no other band: a band is a part of its banding, so not available (docs/domain.md).
    expect(await kpi('age_le35_share', 'village_committee').innerText()).toBe('数据不支持');
    expect(await page.locator('[data-view="overview"] [data-coverage]').count()).toBe(0);
    // The age pyramid needs persons' ages: the chart says so instead of drawing nothing as "no data".
    await expect.poll(() => page.locator('[data-chart="age-pyramid"]').innerText()).toContain('所选数据不支持该指标');

    await page.locator('[data-nav="table"]').click();
    await expect.poll(() => cell('edu_college_share', 'village_committee').innerText()).toBe('42.1%'); // 8 of 19
    expect(await cell('age_36_45_share', 'village_committee').innerText()).toBe('数据不支持');
    expect(await cell('winner_vote_share', 'village_committee').innerText()).toBe('数据不支持');
    await scopeSelect('role').selectOption('head');
    await expect.poll(() => cell('members', 'village_committee').innerText()).toBe('数据不支持');
    await scopeSelect('role').selectOption('all');
  });

  it('asks whether the roster or the table counts when a roster of the same villages comes, and keeps the answer', async () => {
    await page.locator('[data-nav="import"]').click();
    await page.locator('input[type=file]').setInputFiles([fixture('members-taoyuan.csv')]);
    await expect.poll(() => page.locator('[data-file="members-taoyuan.csv"][data-status="pending"]').count(), { timeout: 60_000 }).toBe(1);
    await page.waitForSelector('.summary[data-state="pending"]', { timeout: 60_000 });
    await page.locator('[data-action="confirm-import"]').click();
    const dialog = page.locator('[data-dialog="source"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('梨园村');
    await dialog.locator('[data-action="source-table"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('[data-file="members-taoyuan.csv"] [data-source="table"]').count()).toBe(1);

    await page.locator('[data-nav="data"]').click();
    const overlaps = page.locator('[data-table="overlaps"] tbody tr');
    await expect.poll(() => overlaps.count()).toBe(8);
    expect(await page.locator('[data-table="overlaps"] [data-counted="table"]').count()).toBe(8);

    // The table counts: the 36–45 band is still not available; from the roster it is.
    await page.goto(page.url().replace(/\?.*/, '?view=table&county=青山县&township=桃源镇&body=village_committee'));
    await expect.poll(() => cell('age_36_45_share', 'village_committee').innerText(), { timeout: 60_000 }).toBe('数据不支持');
    await page.locator('[data-nav="data"]').click();
    await page.locator('[data-action="overlaps-roster"]').click();
    await expect.poll(() => page.locator('[data-table="overlaps"] [data-counted="roster"]').count()).toBe(8);

    // After a reload the choice is still there (saved with the table's rows).
    await page.reload();
    await expect.poll(() => page.locator('[data-table="overlaps"] [data-counted="roster"]').count(), { timeout: 60_000 }).toBe(8);
    await page.locator('[data-nav="table"]').click();
    await expect.poll(() => cell('age_36_45_share', 'village_committee').innerText()).not.toBe('数据不支持');
    expect(await cell('avg_age', 'village_committee').innerText()).toBe('43.3');
    expect(app.errors).toEqual([]);
  });
});
