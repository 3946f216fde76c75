/**
 * Careless and hostile files in the import screen: each meets a limit or a rule with a clear
 * message in the UI language, the tab stays responsive, and nothing that is not data is imported.
 */
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MAX_COLUMNS } from '../../src/import/limits';
import { launch, openApp, type AppPage } from './setup/browser';

let browser: Browser;
let app: AppPage;

const HEADER = '县(市、区),乡镇(街道),村(社区),换届年份,组织,登记选民数,参加投票人数';
const bom = (s: string) => Buffer.from(`\uFEFF${s}`, 'utf8');

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=import');
});
afterAll(async () => {
  await browser?.close();
});

async function choose(files: { name: string; buffer: Buffer }[]) {
  const { page } = app;
  await page.reload();
  await page.waitForSelector('.app[data-engine="ready"]');
  await page
    .locator('input[type=file][data-action="choose-files"]')
    .setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
}

describe('files that are not data', () => {
  it('a header-only file is "no data rows", not an import of nothing', async () => {
    await choose([{ name: '只有表头.csv', buffer: bom(`${HEADER}\n`) }]);
    const card = app.page.locator('[data-file="只有表头.csv"]');
    await expect.poll(() => card.locator('[data-state="no-data-rows"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await card.locator('[data-state="no-data-rows"]').innerText()).toContain('没有数据行');
    expect(await app.page.locator('[data-action="confirm-import"]').isDisabled()).toBe(true);
  });

  it('a file with only a totals row is "no data rows" too', async () => {
    await choose([{ name: '只有合计.csv', buffer: bom(`${HEADER}\n合计,,,,,900,800\n`) }]);
    await expect.poll(() => app.page.locator('[data-state="no-data-rows"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await app.page.locator('[data-action="confirm-import"]').isDisabled()).toBe(true);
  });

  it('refuses 100,000 columns at once, naming the width and the limit', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `列${i}`).join(',');
    const t0 = Date.now();
    await choose([{ name: '十万列.csv', buffer: bom(`${header}\n1,2,3\n`) }]);
    const error = app.page.locator('[data-read-error="too_many_columns"]');
    await error.waitFor({ timeout: 30_000 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(await error.innerText()).toContain(`100000 列，超过了上限 ${MAX_COLUMNS} 列`);
    expect(await app.page.locator('[data-table="mapping"]').count()).toBe(0);
  });

  it('refuses a zip bomb from its directory, and says a damaged workbook is damaged in Chinese, the reader’s words folded', async () => {
    const bomb = Buffer.from(
      zipSync(
        {
          '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
          'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 ** 2).fill(0x20),
        },
        { level: 9 },
      ),
    );
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['村名'], ['李家村']]), 'Sheet1');
    const good = Buffer.from(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    await choose([
      { name: 'bomb.xlsx', buffer: bomb },
      { name: 'damaged.xlsx', buffer: good.subarray(0, good.length - 40) },
    ]);
    const bombError = app.page.locator('[data-file="bomb.xlsx"] [data-read-error="workbook_too_large"]');
    await bombError.waitFor({ timeout: 30_000 });
    expect(await bombError.innerText()).toContain('200.0 MB');
    const damaged = app.page.locator('[data-file="damaged.xlsx"] [data-read-error="unreadable_workbook"]');
    await damaged.waitFor({ timeout: 30_000 });
    const text = await damaged.locator('p').innerText();
    expect(text).toContain('无法读取这个 Excel 文件');
    expect(text).not.toMatch(/damaged|directory|zip/);
    const details = damaged.locator('[data-library-details]');
    expect(await details.getAttribute('open')).toBeNull();
    expect(await details.locator('code').textContent()).toMatch(/[a-z]/);
  });

  it('says which of two columns named alike it uses, and lets the user choose the other', async () => {
    const csv = `${HEADER},村(社区)\n青山县,河东镇,李家村,2021,村委会,900,800,李家村委会\n`;
    await choose([{ name: '重复表头.csv', buffer: bom(csv) }]);
    const notice = app.page.locator('[data-duplicate-header="village"]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('第 3 列「村(社区)」、第 8 列「村(社区)」');
    expect(await notice.innerText()).toContain('导入时使用第 3 列');
    await app.page.locator('[data-mapping="7"]').selectOption('village');
    await expect.poll(() => notice.innerText()).toContain('导入时使用第 8 列');
    expect(app.errors).toEqual([]);
  });
});

describe('an import cut off by closing the tab', () => {
  it('is named on the next start, with the earlier data said to be intact, until dismissed', async () => {
    const { page } = app;
    // What a closed tab leaves: the note an import writes when it starts and clears when it ends.
    await page.evaluate(() =>
      localStorage.setItem('cunxuan.importing', JSON.stringify({ files: ['花名册2021.xlsx'], startedAt: '2026-12-01T08:00:00Z' })),
    );
    await page.reload();
    const banner = page.locator('[data-store-banner="interrupted-import"]');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.innerText()).toContain('花名册2021.xlsx 没有导入，导入之前的数据完好无损');
    await page.locator('[data-action="dismiss-interrupted"]').click();
    await page.reload();
    await page.waitForSelector('.app[data-engine="ready"]');
    expect(await banner.count()).toBe(0);
  });

  it('leaves no note after an import that finished', async () => {
    const csv = `${HEADER}\n青山县,河东镇,李家村,2021,村委会,900,800\n`;
    await choose([{ name: '完整.csv', buffer: bom(csv) }]);
    await app.page.locator('[data-action="confirm-import"]').click();
    await app.page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
    expect(await app.page.evaluate(() => localStorage.getItem('cunxuan.importing'))).toBeNull();
  });
});
