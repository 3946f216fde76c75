/**
 * Submission packages in the browser: two townships export packages from their own data (one with
 * rosters, one counts only), a county with a third township of its own merges them and gets the
 * figures counted by hand from the fixtures; a damaged package is refused naming its part; a
 * package already merged asks, and each answer does what it says; a package is deleted and undone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openApp } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);
const dir = mkdtempSync(path.join(tmpdir(), 'cunxuan-packages-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function importFiles(page: Page, files: string[]) {
  await page.goto(`${baseUrl()}/?view=import`);
  await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(files.map(fixture));
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
}

/** A township office: imports its files, then exports its package from the data manager. */
async function townshipPackage(files: string[], township: string, rosters: boolean): Promise<string> {
  const { page, context, errors } = await openApp(browser, '?view=import');
  await importFiles(page, files);
  await page.goto(`${baseUrl()}/?view=data`);
  const card = page.locator('[data-section="packages"]');
  await card.locator('[data-field="office"]').fill(`${township}人民政府`);
  await card.locator('[data-field="exported-by"]').fill('王干事');
  await card.locator('[data-field="package-township"]').selectOption({ label: `青山县 ${township}` });
  if (!rosters) await card.locator('[data-field="include-rosters"]').uncheck();
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('[data-action="export-package"]').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^报送包_${township}人民政府_${township}_各届_\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const file = path.join(dir, `${township}.zip`);
  await download.saveAs(file);
  await card.locator('[data-state="package-ok"]').waitFor();
  expect(errors).toEqual([]);
  await context.close();
  return file;
}

/** The indicator table for 2021, all of the county: a metric's shown value, numerator and denominator. */
async function cells(page: Page, metric: string, body: string): Promise<string[]> {
  if (!page.url().includes('view=table')) await page.goto(`${baseUrl()}/?view=table&cycle=2021`);
  const row = page.locator(`tr:has(td[data-metric="${metric}"][data-body="${body}"])`);
  await row.first().waitFor({ timeout: 60_000 });
  // Without the coverage column ("15/15") that shows while some figure covers part of the villages.
  return (await row.first().locator('td.num').allInnerTexts()).filter((c) => !/^\d+\/\d+$/.test(c)).slice(0, 3);
}

async function dropPackages(page: Page, files: string[]) {
  await page.goto(`${baseUrl()}/?view=import`);
  await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(files);
}

describe('submission packages', () => {
  let hedong: string;
  let taoyuan: string;

  it('two township packages merge into a county with a third township of its own', { timeout: 400_000 }, async () => {
    hedong = await townshipPackage(['results-utf8.csv', 'members-gb18030.csv'], '河东镇', true);
    taoyuan = await townshipPackage(['results-taoyuan.csv', 'members-taoyuan.csv'], '桃源镇', false);

    const { page, context, errors } = await openApp(browser, '?view=import');
    page.on('dialog', (d) => void d.accept());
    await importFiles(page, ['acceptance-township.csv']);
    await dropPackages(page, [hedong, taoyuan]);
    await expect.poll(() => page.locator('[data-package-file]').count()).toBe(2);
    await expect.poll(() => page.locator('[data-package-file="桃源镇.zip"]').innerText()).toContain('桃源镇人民政府');
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('[data-package-file="河东镇.zip"][data-state="done"]', { timeout: 60_000 });
    await page.waitForSelector('[data-package-file="桃源镇.zip"][data-state="done"]', { timeout: 60_000 });

    // Counted by hand from tests/fixtures (README): 石桥镇 5 + 河东镇 6 + 桃源镇 4 villages;
    // committee voters 3,583 + 8,982 + 4,842 of 5,181 + 10,160 + 5,385 registered; persons on
    // either body 0 + 10 + 27 (a cross-holder once), 0 + 3 + 10 of them women.
    expect((await cells(page, 'villages', 'all'))[0]).toBe('15');
    expect(await cells(page, 'turnout', 'village_committee')).toEqual(['84.0%', '17,407', '20,726']);
    expect((await cells(page, 'members', 'all'))[0]).toBe('37');
    expect(await cells(page, 'women_share', 'all')).toEqual(['35.1%', '13', '37']);

    // The data manager says where each import came from.
    await page.goto(`${baseUrl()}/?view=data`);
    const offices = page.locator('[data-table="imports"] [data-cell="package-office"]');
    await expect
      .poll(async () => (await offices.allInnerTexts()).filter(Boolean).sort(), { timeout: 60_000 })
      .toEqual(['桃源镇人民政府', '河东镇人民政府', '河东镇人民政府']);
    expect(errors).toEqual([]);

    // A damaged package: one byte of its roster part changed. Refused, naming the part and the file.
    const entries = unzipSync(new Uint8Array(readFileSync(hedong)));
    const part = Object.keys(entries).find((n) => n.endsWith('-members.arrow'))!;
    const bytes = entries[part]!.slice();
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    const damaged = path.join(dir, '河东镇-损坏.zip');
    writeFileSync(damaged, zipSync({ ...entries, [part]: bytes }));
    await dropPackages(page, [damaged]);
    const alert = page.locator('.import-view [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`报送包“河东镇-损坏.zip”已损坏，未导入：其中的“${part}”`);
    expect(await page.locator('[data-package-file]').count()).toBe(0);

    // The same package again covers villages already here: it asks, and each answer does what it says.
    const answerWith = async (action: string) => {
      await dropPackages(page, [hedong]);
      await page.locator('[data-action="confirm-import"]').click();
      const dialog = page.locator('[data-dialog="conflict"]');
      await dialog.waitFor({ timeout: 60_000 });
      // 河东镇: 6 villages' committee results, 2 villages' rosters of each body.
      expect(await dialog.innerText()).toContain('河东镇.zip');
      await dialog.locator(`[data-action="${action}"]`).click();
      await page.waitForSelector(`[data-package-file="河东镇.zip"][data-state="${action === 'conflict-cancel' ? 'skipped' : 'done'}"]`, {
        timeout: 60_000,
      });
      await page.goto(`${baseUrl()}/?view=table&cycle=2021`);
      return cells(page, 'turnout', 'village_committee');
    };
    expect(await answerWith('conflict-cancel')).toEqual(['84.0%', '17,407', '20,726']);
    expect(await answerWith('conflict-replace')).toEqual(['84.0%', '17,407', '20,726']);
    // Kept both: 河东镇's six villages count twice.
    expect(await answerWith('conflict-keep')).toEqual(['85.4%', '26,389', '30,886']);

    // Deleting that package takes exactly its rows; undo brings them back.
    await page.goto(`${baseUrl()}/?view=data`);
    const rows = page.locator('[data-table="imports"] tr[data-package]');
    await expect.poll(() => rows.count()).toBe(7);
    await rows.last().locator('[data-action="delete-import"]').click();
    await page.locator('[data-state="delete-ok"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => rows.count()).toBe(5);
    await page.goto(`${baseUrl()}/?view=table&cycle=2021`);
    expect(await cells(page, 'turnout', 'village_committee')).toEqual(['84.0%', '17,407', '20,726']);
    await page.goto(`${baseUrl()}/?view=data`);
    await page.locator('[data-action="undo-delete"]').click();
    await page.locator('[data-state="storage-ok"]').waitFor({ timeout: 60_000 });
    await page.goto(`${baseUrl()}/?view=table&cycle=2021`);
    expect(await cells(page, 'turnout', 'village_committee')).toEqual(['85.4%', '26,389', '30,886']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
