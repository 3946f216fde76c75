import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp } from './setup/browser';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const fixture = (n: string) => path.join(FIXTURES, n);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const count = async (page: Page, name: string) => Number(await page.locator(`[data-count="${name}"]`).innerText());

/** The `files` dropped are opened and checked with their current plans: the counts are final. */
async function settled(page: Page, files: number) {
  await expect.poll(() => page.locator('[data-file][data-status="pending"]').count(), { timeout: 60_000 }).toBe(files);
  await page.waitForSelector('.summary[data-state="pending"]', { timeout: 60_000 });
}

async function uploadAndConfirm(page: Page) {
  await page.locator('input[type=file]').setInputFiles([fixture('results-gb18030.csv'), fixture('workbook-two-sheets.xlsx')]);
  await expect.poll(() => page.locator('[data-table="mapping"]').count()).toBe(2);

  const csvCard = page.locator('[data-file="results-gb18030.csv"]');
  await expect.poll(() => csvCard.locator('[data-setting="encoding"]').inputValue()).toBe('gb18030');
  await settled(page, 2);
  expect(await csvCard.locator('[data-column="登记选民数"] select').inputValue()).toBe('registered_voters');
  expect(await csvCard.locator('[data-skipped="totals"]').count()).toBe(1);
  expect(await csvCard.locator('[data-totals="ok"]').count()).toBe(1);
  // The workbook's first sheet repeats the CSV's villages; import its roster sheet instead.
  const sheet = page.locator('[data-file="workbook-two-sheets.xlsx"] [data-setting="sheet"]');
  expect(await sheet.inputValue()).toBe('0');
  await sheet.selectOption('1');
  await expect.poll(() => page.locator('[data-file="workbook-two-sheets.xlsx"] [data-setting="kind"]').inputValue()).toBe('members');
  await settled(page, 2);

  expect(await count(page, 'data')).toBe(16);
  expect(await count(page, 'imported')).toBe(16);
  expect(await count(page, 'warnings')).toBe(0);
  expect(await count(page, 'rejected')).toBe(0);

  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
  expect(await count(page, 'imported')).toBe(16);
  expect(await page.locator('[data-file][data-status="done"]').count()).toBe(2);
}

async function expectImportedData(page: Page) {
  await page.locator('[data-action="show-data"]').click();
  await page.waitForSelector('[data-table="imports"]');
  const imports = await page.locator('[data-table="imports"]').innerText();
  expect(imports).toContain('results-gb18030.csv');
  expect(imports).toContain('workbook-two-sheets.xlsx');
  expect(imports).not.toContain('示例');
  await expect.poll(() => page.locator('[data-table="results"]').innerText()).toContain('6 行');
  expect(await page.locator('[data-table="results"]').innerText()).toContain('张家营村');
  await expect.poll(() => page.locator('[data-table="members"]').innerText()).toContain('10 行');
  expect(await page.locator('[data-table="members"]').innerText()).toContain('李建国');
  expect(await page.locator('[data-sample]').count()).toBe(0);
}

describe('import through the file input', () => {
  it('opens on the marked sample data on a first start', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.waitForSelector('[data-sample="true"]', { timeout: 60_000 });
    // The dashboard opens on the sample: 140 villages in 2 counties, 2021 the latest cycle.
    const villages = page.locator('[data-view="overview"] [data-metric="villages"][data-body="all"]');
    await expect.poll(() => villages.innerText(), { timeout: 30_000 }).toBe('140');
    await page.locator('[data-nav="data"]').click();
    await page.waitForSelector('[data-table="imports"]');
    expect(await page.locator('[data-table="imports"]').innerText()).toContain('示例');
    await page.locator('[data-action="clear-sample"]').click();
    await page.waitForURL(/view=import/);
    expect(await page.locator('[data-sample]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('uploads a GB18030 CSV and an XLSX, shows mapping and counts, imports, shows the data', async () => {
    const { page, context, errors } = await openApp(browser, '?view=import');
    await uploadAndConfirm(page);
    await expectImportedData(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does the same with the network cut once the app says it works offline', async () => {
    const { page, context, errors } = await openApp(browser, '?view=import');
    await page.waitForSelector('input[type=file]', { timeout: 60_000 });
    // Views load their code when first shown; until the service worker has cached it all, a view
    // not yet opened needs the network, and the app says nothing about working offline.
    await page.waitForSelector('[data-sw="offline-ready"]', { timeout: 60_000 });
    const attempted: string[] = [];
    await context.route('**/*', (route) => {
      attempted.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    await uploadAndConfirm(page);
    await expectImportedData(page);
    expect(errors).toEqual([]);
    // The browser itself may still ask for the tab icon and the manifest's icons; the app needed nothing.
    expect(attempted.filter((u) => !/\/(favicon\.svg|icons\/[^/]+\.png)$/.test(u))).toEqual([]);
    await context.close();
  });

  it('asks before importing a village a second time, and says why a file is refused', async () => {
    const { page, context } = await openApp(browser, '?view=import');
    const input = page.locator('input[type=file]');
    await input.setInputFiles([fixture('results-utf8.csv')]);
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]');

    await input.setInputFiles([fixture('results-semicolon.csv'), fixture('not-a-table.csv'), fixture('results-rule-breaches.csv')]);
    await settled(page, 3);
    expect(await page.locator('[data-read-error="not_a_table"]').innerText()).toContain('png');
    expect(await count(page, 'rejected')).toBe(2);
    expect(await count(page, 'warnings')).toBe(4);
    const download = page.waitForEvent('download');
    await page.locator('[data-file="results-rule-breaches.csv"] [data-action="download-rejected"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('results-rule-breaches-rejected.csv');

    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('[data-dialog="conflict"]');
    expect(await page.locator('[data-dialog="conflict"]').innerText()).toContain('李家村');
    await page.locator('[data-action="conflict-replace"]').click();
    await page.waitForSelector('.summary[data-state="done"]');
    expect(await page.locator('[data-file="results-semicolon.csv"]').getAttribute('data-status')).toBe('done');
    await context.close();
  });
});
