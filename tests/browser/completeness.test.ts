/**
 * The completeness view in the built app: 青山县's 2021 register (东岭镇 7 villages, 西河乡 5) and the
 * results and rosters that came in, every number counted by hand (tests/fixtures/README.md,
 * "register-qingshan-2021.csv, …"); a 难点村 ticked survives a reload; the CSV export for the
 * follow-up calls.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, type AppPage } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

let browser: Browser;
let app: AppPage;
let page: Page;

const row = (township: string) => page.locator(`[data-table="completeness-townships"] tr[data-township="${township}"]`);
const village = (township: string, name: string) =>
  page.locator(`[data-table="completeness-villages"] tr[data-township="${township}"][data-village-name="${name}"]`);

async function openCompleteness() {
  await page.goto(page.url().replace(/\?.*/, '?view=completeness&cycle=2021'));
  await page.waitForSelector('[data-view="completeness"] [data-source]', { timeout: 60_000 });
}

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=import');
  page = app.page;
  page.on('dialog', (d) => void d.accept());
  await page
    .locator('input[type=file][data-action="choose-files"]')
    .setInputFiles(['results-dongling-dates.csv', 'results-xihe-dates.xlsx', 'members-completeness.csv'].map(fixture));
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

describe('completeness of a cycle', () => {
  it('without a register, says the expectation is only the villages that reported', async () => {
    await openCompleteness();
    expect(await page.locator('[data-source]').getAttribute('data-source')).toBe('this_cycle');
    expect(await page.locator('[data-nav="completeness"]').getAttribute('aria-current')).toBe('page');
  });

  it('imports the register and counts per township by hand', async () => {
    await page.locator('input[type=file][data-action="import-register"]').setInputFiles(fixture('register-qingshan-2021.csv'));
    await expect.poll(() => page.locator('[data-state="register-ok"]').innerText(), { timeout: 60_000 }).toContain('12 个村');
    await expect.poll(() => page.locator('[data-source]').getAttribute('data-source')).toBe('register');

    expect(await row('东岭镇').getAttribute('data-expected')).toBe('7');
    expect(await row('东岭镇').getAttribute('data-reported')).toBe('5');
    expect(await row('西河乡').getAttribute('data-expected')).toBe('5');
    expect(await row('西河乡').getAttribute('data-reported')).toBe('3');
    const total = page.locator('[data-table="completeness-townships"] tr[data-total]');
    expect([await total.getAttribute('data-reported'), await total.getAttribute('data-expected')]).toEqual(['8', '12']);
    // Each body's results and rosters.
    const count = (t: string, c: string) => row(t).locator(`[data-count="${c}"]`).innerText();
    expect(await count('东岭镇', 'pb_results')).toBe('3 / 7');
    expect(await count('东岭镇', 'vc_roster')).toBe('1 / 7');
    expect(await count('西河乡', 'pb_roster')).toBe('1 / 5');
    expect(await count('东岭镇', 'key')).toBe('1 / 1');
    expect(await count('西河乡', 'difficult')).toBe('0 / 1');

    // The missing villages by name, behind their count.
    const missing = (t: string) => row(t).locator('[data-missing] summary');
    expect(await missing('东岭镇').innerText()).toBe('2 个未报');
    await missing('东岭镇').click();
    expect(await row('东岭镇').locator('[data-missing-list] li').allInnerTexts()).toEqual(['枫树村', '王庄村']);
    await missing('西河乡').click();
    expect(await row('西河乡').locator('[data-missing-list] li').allInnerTexts()).toEqual(['新塘村', '河口村']);
    expect(await row('西河乡').locator('[data-unlisted]').innerText()).toBe('红星村');

    // The overview's sentence, as a work report puts it.
    expect(await page.locator('.completion-sentence').innerText()).toBe(
      '截至12月10日，完成换届 8 个村，占应报 12 个村的 66.7%；其中重点村完成 1 个，占 100.0%，难点村完成 0 个，占 0.0%。',
    );
  });

  it('a 难点村 ticked is saved: still ticked after a reload, and counted', async () => {
    const box = village('东岭镇', '枫树村').locator('input[data-mark="difficult"]');
    expect(await box.isChecked()).toBe(false);
    // The box follows the saved marks: it turns once the mark is saved and read back.
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    await expect.poll(() => row('东岭镇').locator('[data-count="difficult"]').innerText()).toBe('0 / 2');
    await expect.poll(() => box.isDisabled()).toBe(false);

    await page.reload();
    await page.waitForSelector('[data-view="completeness"] [data-source="register"]', { timeout: 60_000 });
    await expect.poll(() => village('东岭镇', '枫树村').locator('input[data-mark="difficult"]').isChecked()).toBe(true);
    expect(await row('东岭镇').locator('[data-count="difficult"]').innerText()).toBe('0 / 2');
    // The register survived the reload too, and the election dates (a DATE column) with the results.
    expect(await row('东岭镇').getAttribute('data-expected')).toBe('7');
    expect(await page.locator('.completion-sentence').innerText()).toMatch(/^截至12月10日，完成换届 8 个村/);
  });

  it('exports the township table as CSV for the follow-up calls', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-completeness"]').click()]);
    expect(file.suggestedFilename()).toBe('上报进度_2021年.csv');
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // No cell holds a comma, quote or line break: a field is its text, unquoted.
    const lines = text
      .slice(1)
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(',').map((f) => f.replace(/^"(.*)"$/, '$1')));
    expect(lines[0]).toEqual([
      '县',
      '乡镇',
      '应报村数',
      '村委会选举结果',
      '党组织选举结果',
      '村委会成员名单',
      '党组织成员名单',
      '重点村已完成',
      '难点村已完成',
      '未报村（村委会结果）',
      '名册外已报',
    ]);
    expect(lines.slice(1).map((l) => l.join(','))).toEqual([
      '青山县,东岭镇,7,5,3,1,0,1/1,0/2,枫树村、王庄村,',
      '青山县,西河乡,5,3,1,0,1,0/0,0/1,新塘村、河口村,红星村',
      '合计,,12,8,4,1,1,1/1,0/3,枫树村、王庄村、新塘村、河口村,红星村',
    ]);
    expect(app.errors).toEqual([]);
  });
});
