/**
 * Offline after the first visit: the service worker precaches the app (shell, chunks, sample CSVs,
 * DuckDB's eh bundle), so a reload with the network off starts the app, shows the sample and
 * imports a file. Also: the app is installable (manifest with icons) and ships its CSP.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch } from './setup/browser';
import { watch } from './setup/watch';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Paths (decoded) of every response held by the page's Cache Storage. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) paths.push(decodeURIComponent(new URL(req.url).pathname));
    }
    return paths;
  });

const villages = (page: Page) => page.locator('[data-view="overview"] [data-metric="villages"][data-body="all"]');

interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  display: string;
  start_url: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** The linked manifest, parsed, and each icon decoded to its real size. */
async function manifestAndIcons(page: Page) {
  const href = await page.locator('head link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  return page.evaluate(async (h) => {
    const url = new URL(h, document.baseURI);
    const manifest = (await (await fetch(url)).json()) as Manifest;
    const icons: string[] = [];
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, url));
      const bitmap = await createImageBitmap(await res.blob());
      icons.push(`${icon.purpose ?? 'any'} ${res.headers.get('content-type')} ${bitmap.width}x${bitmap.height} (${icon.sizes})`);
    }
    return { manifest, icons };
  }, href!);
}

describe('offline', () => {
  it('starts, shows the sample and imports with the network off after one visit', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const w = await watch(context, page);

    // First visit, online. The CSP comes as a header (with frame-ancestors) and as a <meta>.
    const res = await page.goto(`${baseUrl()}/`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(meta).toContain("connect-src 'self'");
    await expect.poll(() => villages(page).innerText(), { timeout: 60_000 }).toBe('140');

    // The service worker is installed, controls the page and holds what a start needs.
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 60_000 })
      .toBe('activated');
    await expect
      .poll(() => cachedPaths(page), { timeout: 60_000 })
      .toEqual(
        expect.arrayContaining([
          '/index.html',
          expect.stringMatching(/^\/assets\/duckdb-eh-[\w-]+\.wasm$/),
          expect.stringMatching(/^\/assets\/duckdb-browser-eh\.worker-[\w-]+\.js$/),
          // The sample, imported at build time: its manifest and one Arrow file per import.
          '/sample/manifest.json',
          '/sample/dashboard.json',
          expect.stringMatching(/^\/sample\/i\d+-g\d+-members\.arrow$/),
          expect.stringMatching(/^\/sample\/i\d+-g\d+-results\.arrow$/),
          expect.stringMatching(/^\/assets\/OverviewView-[\w-]+\.js$/),
          '/manifest.webmanifest',
        ]),
      );
    // The 39 MB mvp wasm is for old browsers only: not precached.
    expect((await cachedPaths(page)).some((p) => p.includes('duckdb-mvp'))).toBe(false);
    await page.waitForSelector('[data-sw="offline-ready"]');

    // Network off: every request that still reaches the network is recorded and fails.
    const attempted: string[] = [];
    await context.route('**/*', (route) => {
      attempted.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    await page.reload();
    // The engine itself, not only the sample's snapshot of the first dashboard, starts offline.
    await page.waitForSelector('.app[data-engine="ready"]', { timeout: 60_000 });
    // No check of navigator.onLine: whether the emulation sets it depends on the Chromium build
    // (Debian's 150 does not). Offline here is the route above: every request fails.
    await expect.poll(() => villages(page).innerText(), { timeout: 60_000 }).toBe('140');

    // Installable: manifest linked and parsed, icons served (from the cache) at their sizes.
    const { manifest, icons } = await manifestAndIcons(page);
    expect(manifest).toMatchObject({
      short_name: '村选看板',
      lang: 'zh-CN',
      display: 'standalone',
      start_url: '/',
      theme_color: '#b91c1c',
    });
    expect(manifest.name).toContain('Village Election Dashboard');
    expect(icons).toEqual(['any image/png 192x192 (192x192)', 'any image/png 512x512 (512x512)', 'maskable image/png 512x512 (512x512)']);

    // Clear the sample and import a GB18030 file offline, then see it on the dashboard.
    await page.locator('.sample-banner [data-action="clear-sample"]').click();
    await page.waitForURL(/view=import/);
    expect(await page.locator('[data-sample]').count()).toBe(0);
    await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(fixture('results-gb18030.csv'));
    await expect.poll(() => page.locator('[data-count="imported"]').innerText()).toBe('6');
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
    await page.locator('[data-nav="overview"]').click();
    await expect.poll(() => villages(page).innerText(), { timeout: 30_000 }).toBe('6');

    // Nothing needed the network; the browser's own update check of /sw.js may try and fail.
    expect(attempted.filter((u) => !/\/(favicon\.svg|sw\.js)$/.test(new URL(u).pathname))).toEqual([]);
    expect(w.violations).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    await context.close();
  });
});
