/**
 * A reload of the user's own data draws the first dashboard from the snapshot saved with it
 * (src/store/savedSnapshot.ts) before DuckDB is up, as the sample's first visit does; the figures
 * are those the engine gave before the reload, and the engine's own once it is up.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch } from './setup/browser';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);
const WASM = /duckdb-(eh|mvp)-[\w-]+\.wasm$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every KPI card's text once the overview is settled: nothing fetching, every chart drawn. */
async function dashboard(page: Page): Promise<string[]> {
  await page.waitForFunction(
    () => {
      const charts = document.querySelectorAll('.echart');
      const kpis = [...document.querySelectorAll('[data-view="overview"] .kpi-value')];
      return (
        document.querySelector('.app')?.getAttribute('data-fetching') === '0' &&
        charts.length > 0 &&
        document.querySelectorAll('.echart[data-state="ready"]').length === charts.length &&
        kpis.length > 10 &&
        kpis.every((k) => k.textContent !== '…')
      );
    },
    null,
    { timeout: 60_000, polling: 200 },
  );
  return page.locator('[data-view="overview"] .kpi').allInnerTexts();
}

/**
 * A fresh context (no service worker: the wasm held below must not come from its cache instead)
 * with the results and the roster imported, and the page's errors.
 */
async function imported() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl()}/?view=import`);
  await page.waitForSelector('.app[data-engine="ready"]', { timeout: 60_000 });
  await page
    .locator('input[type=file][data-action="choose-files"]')
    .setInputFiles(['results-utf8.csv', 'members-gb18030.csv'].map(fixture));
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
  return { context, page, errors };
}

describe('a reload of the user’s data', () => {
  it('draws the first dashboard before the engine is up, with the figures the engine gives', { timeout: 240_000 }, async () => {
    const { context, page, errors } = await imported();
    // The counts, and the snapshot with them, are saved once the engine is quiet.
    await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });
    await page.goto(`${baseUrl()}/`);
    const before = await dashboard(page);
    expect(before.join('\n')).not.toContain('示例');

    // Held: the engine's wasm never arrives, so whatever the page shows came without DuckDB.
    await context.route(WASM, () => new Promise(() => undefined));
    await page.reload();
    expect(await dashboard(page)).toEqual(before);
    expect(await page.locator('.app').getAttribute('data-engine')).toBe('starting');
    expect(await page.locator('.app').getAttribute('data-rows')).toBe('loading');
    expect(await page.locator('.engine-status').innerText()).toContain('正在启动本地数据库');
    // Queries the snapshot does not hold wait for the engine instead of failing.
    await page.locator('[data-scope="county"]').selectOption({ index: 1 });
    await page.waitForTimeout(500);
    expect(await page.locator('.app').getAttribute('data-fetching')).not.toBe('0');

    // Let through: the engine comes up under the same figures, and answers what the snapshot does not hold.
    await context.unroute(WASM);
    await page.goto(`${baseUrl()}/`);
    expect(await dashboard(page)).toEqual(before);
    await page.waitForSelector('.app[data-engine="ready"][data-rows="loaded"]', { timeout: 60_000 });
    expect(await dashboard(page)).toEqual(before);
    await page.locator('[data-scope="county"]').selectOption({ index: 1 });
    await page.waitForSelector('[data-view="overview"]', { timeout: 60_000 });
    await dashboard(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks the engine what the snapshot answered, once it is up: the figures shown are its own', { timeout: 240_000 }, async () => {
    const { context, page, errors } = await imported();
    await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });
    await page.goto(`${baseUrl()}/`);
    const before = await dashboard(page);
    // Every figure the saved snapshot holds made another: the KPI cards' and the rows they are made of.
    await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('cunxuan-data');
      const text = async (name: string) => (await (await dir.getFileHandle(name)).getFile()).text();
      const file = (JSON.parse(await text('manifest.json')) as { snapshot: { file: string } }).snapshot.file;
      const snapshot = JSON.parse(await text(file)) as { state: unknown };
      const alter = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(alter);
        else if (x && typeof x === 'object') {
          const row = x as Record<string, unknown>;
          if ('metric' in row && typeof row.shown === 'number') row.shown = 12345;
          Object.values(row).forEach(alter);
        }
      };
      alter(snapshot.state);
      const w = await (await dir.getFileHandle(file)).createWritable();
      await w.write(JSON.stringify(snapshot));
      await w.close();
    });

    // Without the engine the altered snapshot is what shows: the alteration took.
    await context.route(WASM, () => new Promise(() => undefined));
    await page.reload();
    const altered = await dashboard(page);
    expect(altered).not.toEqual(before);
    expect(altered.join('\n')).toMatch(/12,?345/);

    // With it, the same snapshot is drawn first, and the engine's answers replace it.
    await context.unroute(WASM);
    await page.goto(`${baseUrl()}/`);
    await page.waitForSelector('.app[data-engine="ready"][data-rows="loaded"]', { timeout: 60_000 });
    expect(await dashboard(page)).toEqual(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the scope the user last moved to, saved again once the engine is quiet', { timeout: 240_000 }, async () => {
    const { context, page, errors } = await imported();
    await page.goto(`${baseUrl()}/`);
    await dashboard(page);
    await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });
    // After the save: a county, then a township — the reload opens where the user left off.
    await page.locator('[data-scope="county"]').selectOption({ index: 1 });
    await dashboard(page);
    await page.locator('[data-scope="township"]').selectOption({ index: 1 });
    const before = await dashboard(page);
    const here = new URL(page.url()).search;
    expect(here).toContain('county=');
    await page.waitForSelector('.app[data-saving="1"]', { timeout: 10_000 });
    await page.waitForSelector('.app[data-saving="0"]', { timeout: 60_000 });

    await context.route(WASM, () => new Promise(() => undefined));
    await page.reload();
    expect(new URL(page.url()).search).toBe(here);
    expect(await dashboard(page)).toEqual(before);
    expect(await page.locator('.app').getAttribute('data-engine')).toBe('starting');
    expect(errors).toEqual([]);
    await context.close();
  });
});
