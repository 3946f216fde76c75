/**
 * Saved data in the real browser: reloads, a browser restart, a second tab, delete and undo,
 * the archive round-trip, a full storage quota, a crashed worker and a cancelled import.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatBytes, LIMITS, MAX_ROWS } from '../../src/import/limits';
import { baseUrl, launch, openApp, type AppPage } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);
const sample = (n: string) => path.resolve(import.meta.dirname, '../../data/sample', n);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every KPI of the overview for all data, as displayed: "the figures". */
async function figures(page: Page): Promise<string[]> {
  // In-app navigation, not a page load: figures of data not yet saved must stay on the page.
  if (!page.url().includes('view=overview')) {
    const nav = page.locator('[data-nav="overview"]');
    if (await nav.count()) await nav.click();
    else await page.goto(`${baseUrl()}/?view=overview`);
  }
  const kpis = page.locator('[data-view="overview"] .kpi-value');
  await expect.poll(() => kpis.count(), { timeout: 60_000 }).toBeGreaterThan(10);
  await expect.poll(async () => (await kpis.allInnerTexts()).some((x) => x === '…'), { timeout: 30_000 }).toBe(false);
  return kpis.allInnerTexts();
}

async function importFiles(page: Page, files: string[]) {
  await page.goto(`${baseUrl()}/?view=import`);
  await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(files.map(fixture));
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
}

/** The sample roster repeated to 200,000 rows (about 28 MB): long enough to cancel half-way. */
function bigRoster(): string {
  const [header, ...rows] = readFileSync(sample('两委成员花名册.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const out = [header];
  for (let k = 0; out.length <= 200_000; k++)
    for (const r of rows) if (out.length <= 200_000) out.push(r.replace(/^([^,]*),([^,]*),/, `$1,$2${k},`));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cunxuan-roster-')), '全县成员花名册.csv');
  writeFileSync(file, `\uFEFF${out.join('\r\n')}\r\n`);
  return file;
}

async function fresh(): Promise<AppPage> {
  const app = await openApp(browser, '?view=import');
  app.page.on('dialog', (d) => void d.accept());
  return app;
}

describe('persistence', () => {
  // Each reload starts DuckDB and restores the data: 8–14 s on a loaded 2-core machine, so ten of them need more than the default.
  it('keeps imported data through ten reloads, in OPFS, with identical figures', { timeout: 300_000 }, async () => {
    const { page, context, errors } = await fresh();
    await importFiles(page, ['results-utf8.csv', 'members-gb18030.csv']);
    const before = await figures(page);
    expect(before).toContain('6'); // six villages of results-utf8.csv
    for (let i = 0; i < 10; i++) {
      await page.reload();
      expect(await figures(page)).toEqual(before);
    }
    await page.goto(`${baseUrl()}/?view=data`);
    await expect.poll(() => page.locator('[data-section="storage"]').getAttribute('data-store-kind')).toBe('opfs');
    expect(await page.locator('[data-sample]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  // Saved in chunks of 100,000 rows, each handed to the engine on its own when restored.
  it('a roster saved in several chunks comes back whole after a reload', { timeout: 180_000 }, async () => {
    const { page, context } = await fresh();
    // The saved copy is written by workers of their own, each closed once its writes are done (src/store/writer).
    let writers = 0;
    let writersOpen = 0;
    page.on('worker', (w) => {
      if (!/opfsWriter/.test(w.url())) return;
      writers++;
      writersOpen++;
      w.on('close', () => writersOpen--);
    });
    await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(bigRoster());
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 120_000 });
    await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });
    expect(writers).toBeGreaterThan(0);
    await expect.poll(() => writersOpen, { timeout: 10_000 }).toBe(0);
    const before = await figures(page);
    await page.reload();
    await page.waitForSelector('[data-view="overview"] .kpi-value, [data-state="restore-failed"]', { timeout: 90_000 });
    expect(await page.locator('[data-state="restore-failed"]').count(), 'restore failed').toBe(0);
    expect(await figures(page)).toEqual(before);
    // Rows imported clean and with warnings: all 200,000 are there.
    await page.goto(`${baseUrl()}/?view=data`);
    const cells = page.locator('[data-table="imports"] tbody tr', { hasText: '全县成员花名册' }).locator('td.num');
    await expect
      .poll(async () => (await cells.allInnerTexts()).slice(0, 2).reduce((a, b) => a + Number(b), 0), { timeout: 30_000 })
      .toBe(200_000);
    await context.close();
  });

  it('survives a browser restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cunxuan-profile-'));
    const open = () =>
      chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      });
    try {
      let ctx = await open();
      let page = ctx.pages()[0] ?? (await ctx.newPage());
      await importFiles(page, ['acceptance-township.csv']);
      const before = await figures(page);
      await ctx.close();
      ctx = await open();
      page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${baseUrl()}/?view=overview`);
      expect(await figures(page)).toEqual(before);
      await ctx.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes a second tab read-only instead of letting it write', async () => {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv']);
    const before = await figures(page);
    const second = await context.newPage();
    await second.goto(`${baseUrl()}/?view=overview`);
    await second.waitForSelector('[data-store-banner="read-only"]', { timeout: 60_000 });
    expect(await figures(second)).toEqual(before);
    await second.goto(`${baseUrl()}/?view=import`);
    await second.waitForSelector('[data-state="read-only"]');
    await second.close();
    await context.close();
  });

  it('deletes an import, undoes it, and the undo survives a reload', async () => {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv', 'acceptance-township.csv']);
    const both = await figures(page);
    await page.goto(`${baseUrl()}/?view=data`);
    const row = page.locator('[data-table="imports"] tr', { hasText: 'acceptance-township.csv' });
    await row.locator('[data-action="delete-import"]').click();
    await page.waitForSelector('[data-state="delete-ok"]');
    expect(await page.locator('[data-table="imports"]').innerText()).not.toContain('acceptance-township.csv');
    const one = await figures(page);
    expect(one).not.toEqual(both);
    await page.reload();
    expect(await figures(page)).toEqual(one);
    await page.goto(`${baseUrl()}/?view=data`);
    await page.locator('[data-action="undo-delete"]').click();
    await page.waitForSelector('[data-state="storage-ok"]');
    expect(await figures(page)).toEqual(both);
    await page.reload();
    expect(await figures(page)).toEqual(both);
    await context.close();
  });

  it('says there is nothing to back up when only the sample is there, and downloads nothing', async () => {
    const { page, context } = await openApp(browser);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.goto(`${baseUrl()}/?view=data`);
    await page.locator('[data-action="export-archive"]').click();
    await expect.poll(() => page.locator('[data-state="storage-ok"]').innerText(), { timeout: 30_000 }).toContain('无需备份');
    expect(downloads).toBe(0);
    await context.close();
  });

  it('exports an archive and imports it back into an empty browser with the same figures', async () => {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv', 'members-gb18030.csv', 'acceptance-township.csv']);
    const before = await figures(page);
    await page.goto(`${baseUrl()}/?view=data`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-archive"]').click()]);
    const zip = path.join(mkdtempSync(path.join(tmpdir(), 'cunxuan-zip-')), download.suggestedFilename());
    await download.saveAs(zip);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await context.close();

    const other = await fresh();
    await other.page.goto(`${baseUrl()}/?view=data`);
    await other.page.locator('[data-action="import-archive"]').setInputFiles(zip);
    await other.page.waitForSelector('[data-state="storage-ok"]', { timeout: 60_000 });
    expect(await figures(other.page)).toEqual(before);
    await other.page.reload();
    expect(await figures(other.page)).toEqual(before);
    await other.context.close();
  });
});

describe('faults leave the saved data intact', () => {
  it('a full storage quota: a clear message, the saved data intact, and "retry save" once there is room', async () => {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv']);
    const saved = await figures(page);
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseUrl()).origin;
    const fill = async () => {
      const { usage } = await page.evaluate(() => navigator.storage.estimate());
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 1024 });
    };
    const full = async () => {
      await importFiles(page, ['acceptance-township.csv']);
      await expect.poll(() => page.locator('[role="alert"]').allInnerTexts()).toEqual([expect.stringContaining('存储空间已满')]);
      await page.waitForSelector('[data-store-banner="unsaved"]');
      const inPage = await figures(page);
      expect(inPage).not.toEqual(saved);
      return inPage;
    };

    // Full: the new import is shown but not saved; a reload brings back what was saved before.
    await fill();
    await full();
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload();
    expect(await figures(page)).toEqual(saved);

    // Full again; room is made; "retry save" saves it, and a reload shows it.
    await fill();
    const both = await full();
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.locator('[data-nav="data"]').click();
    await page.locator('[data-action="retry-save"]').click();
    await page.waitForSelector('[data-state="storage-ok"]');
    expect(await page.locator('[data-store-banner="unsaved"]').count()).toBe(0);
    await page.reload();
    expect(await figures(page)).toEqual(both);
    await context.close();
  });

  /**
   * Chooses a file made by `make` over saved data: the alert that names it is returned, once it
   * says `expected`, and nothing is listed to import and every figure stays as it was.
   */
  async function refused(name: string, make: (file: string) => void, expected: string): Promise<string> {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv']);
    const saved = await figures(page);
    const dir = mkdtempSync(path.join(tmpdir(), 'cunxuan-refused-'));
    const file = path.join(dir, name);
    make(file);
    try {
      await page.goto(`${baseUrl()}/?view=import`);
      await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(file);
      const alert = page.locator('[role="alert"]', { hasText: name });
      await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toContain(expected);
      const text = await alert.innerText();
      expect(await page.locator('[data-file]').count()).toBe(0);
      expect(await figures(page)).toEqual(saved);
      return text;
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await context.close();
    }
  }

  it('a file too large for the browser: refused before reading, naming the limit; nothing changes', async () => {
    // A sparse 1 GB file: no disk used, and the browser is handed the path, not the bytes.
    const sparse = (file: string) => {
      const fd = openSync(file, 'w');
      ftruncateSync(fd, 1024 ** 3);
      closeSync(fd);
    };
    const text = await refused('全省成员花名册.csv', sparse, '1.0 GB');
    expect(text).toContain(formatBytes(LIMITS.text));
    expect(text).toContain('Parquet');
  });

  it('a file with more rows than the browser holds: refused after its head, naming the limit', async () => {
    // Short rows: far under the size limit (about 40 MB), over the row limit by 200,000 rows.
    const rows = (file: string) => writeFileSync(file, `村名,姓名,性别\n${'甲,乙,男\n'.repeat(MAX_ROWS + 200_000)}`);
    const text = await refused('全省成员名单.csv', rows, MAX_ROWS.toLocaleString('zh-CN'));
    expect(text).toContain('拆分');
  });

  it('a crashed database worker: says so, and a reload brings the saved data back', async () => {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv']);
    const saved = await figures(page);
    const worker = page.workers().find((w) => /duckdb/.test(w.url()));
    expect(
      worker,
      page
        .workers()
        .map((w) => w.url())
        .join(','),
    ).toBeTruthy();
    await worker!.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    await page.waitForSelector('[data-state="crashed"]', { timeout: 30_000 });
    expect(await page.locator('[data-state="crashed"]').innerText()).toContain('不受影响');
    await page.reload();
    expect(await figures(page)).toEqual(saved);
    await context.close();
  });

  it('an import cancelled half-way writes nothing', async () => {
    const { page, context } = await fresh();
    await importFiles(page, ['results-utf8.csv']);
    const saved = await figures(page);
    await page.goto(`${baseUrl()}/?view=import`);
    // The second file repeats villages already there: the batch stops at the question, after staging.
    await page
      .locator('input[type=file][data-action="choose-files"]')
      .setInputFiles([fixture('members-gb18030.csv'), fixture('results-utf8-bom.csv')]);
    await page.locator('[data-action="confirm-import"]').click();
    await page.locator('[data-dialog="conflict"] [data-action="cancel-import"]').click();
    await page.waitForSelector('[data-state="import-cancelled"]');
    expect(await figures(page)).toEqual(saved);

    // Cancelled from the progress bar half-way through reading a 200,000-row roster.
    await page.goto(`${baseUrl()}/?view=import`);
    await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(bigRoster());
    const bar = page.locator('.import-progress[data-import-phase="staging"]');
    await expect
      .poll(async () => Number((await bar.locator('progress').getAttribute('data-progress-bytes')) ?? 0), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await bar.locator('[data-action="cancel-import"]').click();
    await page.waitForSelector('[data-state="import-cancelled"]');
    await page.waitForSelector('[data-check="cancelled"]');
    expect(await page.locator('[data-action="confirm-import"]').isDisabled()).toBe(true);
    expect(await figures(page)).toEqual(saved);
    await page.reload();
    expect(await figures(page)).toEqual(saved);
    await page.goto(`${baseUrl()}/?view=data`);
    await expect.poll(() => page.locator('[data-table="imports"] tbody tr').count(), { timeout: 30_000 }).toBe(1);
    await context.close();
  });
});
