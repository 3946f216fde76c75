/**
 * Screenshots of the built app on the bundled sample, for the README and docs/user-guide.md: `npm run screenshots`
 * (after `npm run build`). Uses Debian's Chromium, like the browser tests.
 */
import path from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const out = (name: string) => path.join(root, 'public/screenshots', name);

const SHOTS: { name: string; query: string; ready: string; fullPage?: boolean }[] = [
  {
    name: 'overview.png',
    query: '?view=overview&county=青山县',
    ready: '[data-chart="rates-by-place"][data-state="ready"]',
    fullPage: true,
  },
  {
    name: 'compare.png',
    query:
      '?view=compare&item=t:青山县|城关街道&item=t:青山县|河东镇&item=t:河口县|白沙镇&metric=turnout&metric=women_share&metric=avg_age&metric=edu_college_share',
    ready: '[data-chart^="compare-"][data-state="ready"]',
  },
  { name: 'rules.png', query: '?view=rules&ruleCycles=all', ready: '[data-section="rule-summary"]' },
  { name: 'report.png', query: '?view=report&county=青山县&township=河东镇', ready: '[data-chart="report-education"][data-state="ready"]' },
];

const server = await preview({ root, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
  for (const shot of SHOTS) {
    await page.goto(`${base}/${shot.query}`);
    await page.waitForSelector(shot.ready, { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: out(shot.name), fullPage: shot.fullPage ?? false });
    console.log(`wrote ${out(shot.name)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
