/**
 * The overview's charts at the size of a real county (300 villages in 15 townships, tests/browser/
 * setup/countyData.ts), at 1440 and 1920 pixels wide: no text of a chart's SVG covers another, and
 * none lies on the scroll slider. Also the 2017 cycle (villages under the legal line) and a
 * village's scope (a pyramid of a few persons). Screenshots go to /tmp for a look, not to the repo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ALERT, ZOOM_SLIDER } from '../../src/charts/base';
import { TURNOUT_WINDOW } from '../../src/charts/turnoutBars';
import { OVERVIEW_CHARTS } from '../../src/views/overview/useOverviewOptions';
import { baseUrl, launch } from './setup/browser';
import { COUNTY, countyFiles } from './setup/countyData';

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const WIDTHS = [1440, 1920] as const;
const county = countyFiles();

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: WIDTHS[0], height: 900 } });
  page = await context.newPage();
  await page.goto(`${baseUrl()}/?view=import`);
  await page.locator('input[type=file]').setInputFiles(county.files);
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 120_000 });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the overview on a scope at a width and waits for all its charts to be drawn. */
async function overview(width: number, query: Record<string, string>) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${baseUrl()}/?${new URLSearchParams({ view: 'overview', ...query })}`);
  await page.waitForSelector('.app[data-engine="ready"]', { timeout: 60_000 });
  await expect.poll(() => page.locator('.echart[data-state="ready"]').count(), { timeout: 60_000 }).toBe(OVERVIEW_CHARTS.length);
}

/** The boxes of a chart's visible texts, as the page lays them out. */
async function textBoxes(chart: string): Promise<Box[]> {
  return page.locator(`[data-chart="${chart}"] svg text`).evaluateAll((els) =>
    els.flatMap((el) => {
      const r = el.getBoundingClientRect();
      const text = el.textContent?.trim() ?? '';
      const hidden = getComputedStyle(el).visibility === 'hidden' || el.closest('[opacity="0"], [display="none"]') !== null;
      return text && !hidden && r.width > 0 && r.height > 0 ? [{ text, left: r.left, top: r.top, right: r.right, bottom: r.bottom }] : [];
    }),
  );
}

/** The scroll slider's track (found by the border colour base.ts gives it), if the chart has one. */
async function sliderBox(chart: string): Promise<Box | null> {
  const track = page.locator(`[data-chart="${chart}"] svg path[stroke="${ZOOM_SLIDER.border}"]`);
  if ((await track.count()) === 0) return null;
  const r = await track.first().evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  return { text: '(slider)', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/** Two boxes overlap by more than a pixel each way (glyph boxes that merely touch are fine). */
function overlap(a: Box, b: Box): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
}

const show = (b: Box) => `"${b.text}" [${Math.round(b.left)},${Math.round(b.top)} – ${Math.round(b.right)},${Math.round(b.bottom)}]`;

/** Every pair of texts that overlap, and every text on the slider, as readable lines. */
async function collisions(chart: string): Promise<string[]> {
  const boxes = await textBoxes(chart);
  expect(boxes.length, `${chart} has texts`).toBeGreaterThan(0);
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlap(boxes[i]!, boxes[j]!)) out.push(`${chart}: ${show(boxes[i]!)} × ${show(boxes[j]!)}`);
  const slider = await sliderBox(chart);
  if (slider) for (const b of boxes) if (overlap(b, slider)) out.push(`${chart}: ${show(b)} on the slider ${show(slider)}`);
  return out;
}

async function allCollisions(charts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of charts) out.push(...(await collisions(c)));
  return out;
}

/** The page, and each chart on its own (large enough to judge by eye), to /tmp. */
async function screenshots(name: string) {
  await page.screenshot({ path: `/tmp/chartLayout-${name}.png`, fullPage: true });
  for (const c of OVERVIEW_CHARTS) await page.locator(`[data-chart="${c}"]`).screenshot({ path: `/tmp/chartLayout-${name}-${c}.png` });
}

/** The village names under the turnout bars (upright: rotated, unlike every other text there). */
const villageLabels = () => page.locator('[data-chart="turnout-by-village"] svg text[transform*="matrix"]');

const texts = async (chart: string) => (await textBoxes(chart)).map((b) => b.text);

describe.each(WIDTHS)('the overview of a county of 300 villages at %i px', (width) => {
  it('2021 (all turnouts 80–99%): an axis from 80% that says so, and no text on another', async () => {
    await overview(width, { county: COUNTY });
    expect(await page.locator('[data-view="overview"] [data-metric="villages"][data-body="all"]').innerText()).toBe('300');
    const turnout = await texts('turnout-by-village');
    expect(turnout).toContain('纵轴自80%起 · 各村均高于法定线50%');
    expect(turnout).toContain('80%');
    expect(turnout).not.toContain('0%');
    expect(turnout.some((t) => t.startsWith('法定线'))).toBe(false);
    expect(await sliderBox('turnout-by-village')).not.toBeNull();
    // The slider's first window: the lowest villages, every one named.
    expect(await villageLabels().count()).toBe(TURNOUT_WINDOW);
    await screenshots(String(width));
    expect(await allCollisions(OVERVIEW_CHARTS)).toEqual([]);
  });

  it('2017 (some villages under 50%): the legal line and its label, the lowest villages first', async () => {
    await overview(width, { county: COUNTY, cycle: '2017' });
    const turnout = await texts('turnout-by-village');
    expect(turnout).toContain('法定线 50%');
    // Villages from 38% up: the axis starts at 30%, under the line.
    expect(turnout).toContain('纵轴自30%起');
    await screenshots(`2017-${width}`);
    expect(await allCollisions(OVERVIEW_CHARTS)).toEqual([]);
    // The first villages on the axis are the ones under the line (every 37th village: 8 of them),
    // named in the alert colour, and only they.
    const fills = await villageLabels().evaluateAll((els) => els.map((el) => el.getAttribute('fill')));
    expect(fills.slice(0, 8)).toEqual(Array(8).fill(ALERT));
    expect(fills.filter((f) => f === ALERT)).toHaveLength(8);
  });

  it('a township: its 20 villages by name in the heatmap and the rates by place', async () => {
    const township = county.villages[0]!.township;
    await overview(width, { county: COUNTY, township });
    await screenshots(`township-${width}`);
    expect(await allCollisions(OVERVIEW_CHARTS)).toEqual([]);
    // Every village of the township is named on the turnout axis (no slider, none left out).
    expect(await sliderBox('turnout-by-village')).toBeNull();
    const names = await texts('turnout-by-village');
    for (const v of county.villages.filter((x) => x.township === township)) expect(names).toContain(v.name);
  });

  it('a village: the pyramid of its few members, and the trend, keep their labels apart', async () => {
    const v = county.villages[42]!;
    await overview(width, { county: COUNTY, township: v.township, village: `code:${v.code}` });
    expect(await page.locator('[data-breadcrumb]').innerText()).toContain(v.name);
    // One village's bar is compared with nothing: its axis starts at 0, without a note.
    const turnout = await texts('turnout-by-village');
    expect(turnout).toContain('0%');
    expect(turnout.some((t) => t.startsWith('纵轴'))).toBe(false);
    await screenshots(`village-${width}`);
    expect(await allCollisions(OVERVIEW_CHARTS)).toEqual([]);
  });
});

describe('the order of the turnout bars', () => {
  it('is chosen above the chart and kept in the URL', async () => {
    await overview(1440, { county: COUNTY });
    const order = page.locator('[data-select="turnout-order"]');
    expect(await order.inputValue()).toBe('asc');
    await order.selectOption('desc');
    await expect.poll(() => page.url()).toContain('turnoutOrder=desc');
    await page.waitForSelector('[data-chart="turnout-by-village"][data-state="ready"]');
    expect(await allCollisions(['turnout-by-village'])).toEqual([]);
    await order.selectOption('name');
    await expect.poll(() => page.url()).toContain('turnoutOrder=name');
    await page.reload();
    await page.waitForSelector('[data-chart="turnout-by-village"][data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('[data-select="turnout-order"]').inputValue()).toBe('name');
    expect(await allCollisions(['turnout-by-village'])).toEqual([]);
    await page.locator('[data-select="turnout-order"]').selectOption('asc');
    await expect.poll(() => page.url()).not.toContain('turnoutOrder');
  });
});

describe('in English', () => {
  it('keeps the longer axis note and legal line label clear too', async () => {
    await overview(1440, { county: COUNTY, cycle: '2017' });
    await page.locator('[data-action="language"]').selectOption('en');
    await expect.poll(() => texts('turnout-by-village')).toContain('Legal line 50%');
    await page.waitForSelector('[data-chart="turnout-by-village"][data-state="ready"]');
    expect(await texts('turnout-by-village')).toContain('Axis starts at 30%');
    await page.locator('[data-chart="turnout-by-village"]').screenshot({ path: '/tmp/chartLayout-en-1440-turnout-by-village.png' });
    expect(await allCollisions(['turnout-by-village'])).toEqual([]);
    await page.locator('[data-action="language"]').selectOption('zh');
  });
});
