/**
 * The sample's first dashboard comes from the figures the build computed (src/app/dashboardSnapshot.ts),
 * drawn before DuckDB is up; they must be exactly the figures the engine gives once it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch } from './setup/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every KPI card's text, and every chart in the page drawn. */
async function dashboardText(page: Page): Promise<string[]> {
  await page.waitForFunction(
    () =>
      document.querySelector('.app')?.getAttribute('data-fetching') === '0' &&
      document.querySelectorAll('.echart[data-state="ready"]').length === 7 &&
      [...document.querySelectorAll('[data-view="overview"] .kpi-value')].every((k) => k.textContent !== '…'),
    null,
    { timeout: 60_000, polling: 200 },
  );
  return page.locator('[data-view="overview"] .kpi').allInnerTexts();
}

async function open(engine: 'held' | 'running') {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  // Held: the engine's wasm never arrives, so whatever the page shows came without DuckDB.
  if (engine === 'held') await context.route(/duckdb-(eh|mvp)-[\w-]+\.wasm$/, () => new Promise(() => undefined));
  // Chart draws leave user-timing measures (src/util/trace.ts).
  await context.addInitScript('window.__perfTrace = true');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl()}/`);
  return { context, page, errors };
}

describe('the sample on a first visit', () => {
  it('shows the whole first dashboard before the engine has loaded, then the same figures from the engine', async () => {
    const held = await open('held');
    const before = await dashboardText(held.page);
    expect(await held.page.locator('.app').getAttribute('data-engine')).toBe('starting');
    expect(await held.page.locator('.engine-status').innerText()).toContain('正在启动本地数据库');
    // Sample figures never pass for real ones, even before the engine is up.
    expect(await held.page.locator('.sample-banner').innerText()).toContain('示例');
    expect(await held.page.locator('[data-action="clear-sample"]').isDisabled()).toBe(true);
    expect(before.join('\n')).toContain('140');
    // A view that needs the saved state waits for the engine instead of failing.
    await held.page.locator('[data-nav="import"]').click();
    expect(await held.page.locator('main .loading').innerText()).toContain('正在启动本地数据库');
    expect(held.errors).toEqual([]);
    await held.context.close();

    const running = await open('running');
    await running.page.waitForSelector('.app[data-engine="ready"]', { timeout: 60_000 });
    expect(await dashboardText(running.page)).toEqual(before);
    // The engine starts (its 34 MB wasm fetched and compiled, traced as "engine instantiate") only
    // once the charts in sight are drawn: the compile would take the cores they are drawn with.
    const order = await running.page.evaluate(() => {
      const instantiate = performance.getEntriesByName('engine instantiate')[0];
      const inSight = [...document.querySelectorAll('.echart')]
        .filter((c) => c.getBoundingClientRect().top < innerHeight)
        .map((c) => c.getAttribute('data-chart'));
      const firstDraws = inSight.map((id) => performance.getEntriesByName(`chart ${id}`)[0]);
      return {
        engineAt: instantiate?.startTime ?? null,
        inSight: inSight.length,
        drawnAt: Math.max(...firstDraws.map((m) => (m ? m.startTime + m.duration : Infinity))),
      };
    });
    expect(order.inSight).toBeGreaterThan(0);
    expect(order.engineAt).not.toBeNull();
    expect(order.engineAt!).toBeGreaterThanOrEqual(order.drawnAt);
    // Beyond the snapshot, the engine answers: another scope, then back.
    await running.page.locator('[data-scope="county"]').selectOption({ index: 1 });
    await expect.poll(() => running.page.locator('[data-view="overview"] [data-metric="villages"]').first().innerText()).not.toBe('140');
    expect(await running.page.locator('[data-action="clear-sample"]').isDisabled()).toBe(false);
    expect(running.errors).toEqual([]);
    await running.context.close();
  });
});
