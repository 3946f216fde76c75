/**
 * Exports in the built app, under its CSP, with every other origin blocked: a chart as PNG (2×,
 * 3×: pixel size checked), SVG (the Chinese title as text) and on the clipboard; the ranking as
 * CSV (BOM, the hostile `=HYPERLINK(...)` village neutralised) and XLSX (numbers as numbers);
 * the report as .docx (unzipped: the paragraphs as edited, a Word table, the chart pictures; a
 * township of 60 villages as its lowest and highest with every village in an attachment) and in
 * print (A4 PDF); and links that reopen the same view in a new tab.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from '@e965/xlsx';
import { baseUrl, launch } from './setup/browser';
import { blockOtherOrigins, watch, type Watch } from './setup/watch';

const fixture = (n: string) => path.resolve(import.meta.dirname, '../fixtures', n);
const LINK = '=HYPERLINK("http://x","点我")';
const HOSTILE = `?view=overview&county=${encodeURIComponent("' OR 1=1 --")}&township=${encodeURIComponent('<script>alert(1)</script>')}&cycle=2021`;
const HEDONG = `county=${encodeURIComponent('青山县')}&township=${encodeURIComponent('河东镇')}&cycle=2021`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let w: Watch;
let foreign: string[] = [];

async function download(p: Page, selector: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([p.waitForEvent('download'), p.locator(selector).click()]);
  return { file, bytes: readFileSync((await file.path())!) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function goto(p: Page, query: string, ready: string) {
  await p.goto(`${baseUrl()}/${query}`);
  await p.waitForSelector(ready, { timeout: 60_000 });
}

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({
    locale: 'zh-CN',
    acceptDownloads: true,
    serviceWorkers: 'block',
    viewport: { width: 1360, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl()).origin });
  foreign = await blockOtherOrigins(context, new URL(baseUrl()).origin);
  page = await context.newPage();
  w = await watch(context, page);
  await page.goto(`${baseUrl()}/?view=import`);
  await page
    .locator('input[type=file][data-action="choose-files"]')
    .setInputFiles(
      ['results-utf8.csv', 'acceptance-township.csv', 'members-gb18030.csv', 'hostile-results.csv', 'hostile-members.csv'].map(fixture),
    );
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

describe('chart export', () => {
  const box = '[data-chart-box="turnout-by-village"]';

  it('downloads a PNG at 2× and 3× the chart size, with room for the footer', async () => {
    await goto(page, `?view=overview&${HEDONG}`, '[data-chart="turnout-by-village"][data-state="ready"]');
    const shown = await page
      .locator('[data-chart="turnout-by-village"]')
      .evaluate((e) => ({ width: e.clientWidth, height: e.clientHeight }));
    expect(shown.height).toBe(440);
    const two = await download(page, `${box} [data-export="png2"]`);
    expect(two.file.suggestedFilename()).toBe('参选率-青山县-河东镇-2021年-村（居）委会@2x.png');
    // 6 villages fit on screen: the picture is the chart's size plus the 24 px source line.
    expect(pngSize(two.bytes)).toEqual({ width: 2 * Math.max(480, shown.width), height: 2 * (440 + 24) });
    const three = await download(page, `${box} [data-export="png3"]`);
    expect(pngSize(three.bytes)).toEqual({ width: 3 * Math.max(480, shown.width), height: 3 * (440 + 24) });
    expect(three.bytes.length).toBeGreaterThan(two.bytes.length);
  });

  it('downloads a self-contained SVG with the Chinese title, subtitle, denominator, source and date as text', async () => {
    const { bytes } = await download(page, `${box} [data-export="svg"]`);
    const svg = bytes.toString('utf8');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('参选率');
    expect(texts).toContain('青山县 · 河东镇 · 2021年 · 村（居）委会');
    expect(texts).toContain('分母：登记选民数（党组织：应到会党员数）');
    expect(
      texts.some((t) =>
        /^数据来源：results-utf8\.csv、acceptance-township\.csv、members-gb18030\.csv 等 5 个文件　导出日期：\d{4}-\d{2}-\d{2}$/.test(
          t ?? '',
        ),
      ),
    ).toBe(true);
    expect(texts).toContain('李家村');
    // Fonts named for Chinese; nothing to fetch from anywhere.
    expect(svg).toContain('Noto Sans CJK SC');
    expect(svg).not.toMatch(/<script|<image|href="http|@import|url\(http/);
    // Well-formed XML, as an SVG file opened on its own must be.
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        texts: doc.querySelectorAll('text').length,
      };
    }, svg);
    expect(parsed).toMatchObject({ error: null, root: 'svg' });
    expect(parsed.texts).toBeGreaterThan(10);
  });

  it('copies the PNG to the clipboard', async () => {
    await page.locator(`${box} [data-export="copy"]`).click();
    await page.waitForSelector(`${box} [data-export-status="ok"]`);
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      const head = new Uint8Array(await blob.slice(0, 24).arrayBuffer());
      return { types: item!.types, width: new DataView(head.buffer).getUint32(16) };
    });
    expect(copied.types).toContain('image/png');
    expect(copied.width).toBeGreaterThanOrEqual(960);
  });
});

describe('table export', () => {
  it('downloads the village ranking as CSV with a BOM and the =HYPERLINK village neutralised', async () => {
    await goto(page, HOSTILE, '[data-table="ranking"] tbody tr');
    await expect.poll(() => page.locator('[data-table="ranking"]').innerText()).toContain(LINK);
    const { file, bytes } = await download(page, '[data-action="download-ranking"]');
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = bytes.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csv).toContain(`"'@cmd"`);
    expect(csv).toContain(`"'-1+1"`);
    // Numbers stay numbers: rank, turnout, voted and registered of every row are bare.
    const rows = csv.slice(1).trim().split('\r\n');
    expect(rows[0]).toBe('"#","村","乡镇","参选率（%）","分子","分母"');
    expect(rows.slice(1).every((r) => /^\d+,".*",".*",(\d+(\.\d)?)?,\d*,\d*$/.test(r))).toBe(true);
    expect(
      csv
        .split(/\r\n/)
        .flatMap((l) => l.split('","'))
        .some((c) => /^"?[=+\-@]/.test(c)),
    ).toBe(false);
  });

  it('downloads it as XLSX with numbers as numeric cells and names as text', async () => {
    const { bytes } = await download(page, '[data-action="download-ranking-xlsx"]');
    const wb = XLSX.read(bytes, { type: 'buffer' });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    const row = grid.find((r) => r[1] === LINK)!;
    expect(row).toBeDefined();
    expect(typeof row[0]).toBe('number');
    expect(typeof row[3]).toBe('number');
    const cell = Object.entries(ws).find(([k, c]) => !k.startsWith('!') && (c as XLSX.CellObject).v === LINK)![1] as XLSX.CellObject;
    expect(cell.t).toBe('s');
    expect(cell.f).toBeUndefined();
  });
});

describe('the report', () => {
  let paragraphs: string[];

  it('writes the statistics paragraphs and exports them, as edited, in a .docx with charts and tables', async () => {
    await goto(page, `?view=report&${HEDONG}`, '[data-report-text="turnout"]');
    await expect.poll(() => page.locator('[data-report-figure] .echart[data-state="ready"]').count()).toBe(4);
    const turnout = page.locator('[data-report-text="turnout"]');
    expect(await turnout.inputValue()).toContain('登记选民10,160人，参加投票8,982人，参选率88.4%');
    await turnout.fill(`${await turnout.inputValue()}\n以上数据经乡镇核实。`);
    await page.waitForSelector('[data-report-edited]');
    paragraphs = (await page.locator('[data-report-text]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)))
      .flatMap((v) => v.split('\n'))
      .map((s) => s.trim())
      .filter(Boolean);
    expect(paragraphs.length).toBeGreaterThanOrEqual(8);

    const { file, bytes } = await download(page, '[data-action="export-docx"]');
    expect(file.suggestedFilename()).toBe('青山县河东镇2021年村“两委”换届选举统计情况.docx');
    const files = unzipSync(new Uint8Array(bytes));
    const xml = strFromU8(files['word/document.xml']!);
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const p of paragraphs) expect(plain).toContain(p);
    expect(plain).toContain('以上数据经乡镇核实。');
    expect(plain).toContain('一、基本情况');
    expect(plain).toContain('表1　主要指标');
    expect(xml.match(/<w:tbl>/g)?.length).toBe(2);
    const media = Object.keys(files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(4);
    // Drawn 3× at the 156 mm (589 px) text width they are placed at.
    for (const m of media) expect(pngSize(Buffer.from(files[m]!)).width).toBe(3 * 589);
    // Six villages fit one chart: no appendix.
    expect(plain).not.toContain('附件');
  });

  it('prints on A4 without the app around it', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator('[data-report-text="turnout"]').isVisible()).toBe(false);
      expect(await page.locator('.report-controls').isVisible()).toBe(false);
      const printed = await page.locator('[data-report-section="turnout"] .print-only').innerText();
      expect(printed).toContain('以上数据经乡镇核实。');
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('reopens the same report, charts and edited text from its link in a new tab', async () => {
    await page.locator('[data-report-chart="trend"]').uncheck();
    await page.locator('[data-report-chart="heatmap"]').check();
    await expect.poll(() => page.url()).toContain('chart=heatmap');
    const url = page.url();
    expect(url).not.toContain('chart=trend');
    const tab = await context.newPage();
    await goto(tab, url.slice(baseUrl().length + 1), '[data-report-text="turnout"]');
    await expect
      .poll(() => tab.locator('[data-report-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-report-figure'))))
      .toEqual(['turnout-by-village', 'heatmap', 'age-bands', 'education']);
    expect(await tab.locator('[data-report-text="turnout"]').inputValue()).toContain('以上数据经乡镇核实。');
    expect(await tab.locator('[data-scope="township"]').inputValue()).toBe('河东镇');
    await tab.close();
  });

  it('keeps the overview chart choices in the link', async () => {
    await goto(page, `?view=overview&${HEDONG}`, '[data-chart="trend"][data-state="ready"]');
    await page.locator('[data-select="trend-metric"]').selectOption('women_share');
    await page.locator('[data-select="ranking-metric"]').selectOption('avg_age');
    await expect.poll(() => page.url()).toContain('trend=women_share');
    expect(page.url()).toContain('rank=avg_age');
    const tab = await context.newPage();
    await goto(tab, page.url().slice(baseUrl().length + 1), '[data-chart="trend"][data-state="ready"]');
    expect(await tab.locator('[data-chart="trend"]').getAttribute('aria-label')).toBe('妇女占比');
    expect(await tab.locator('[data-select="ranking-metric"]').inputValue()).toBe('avg_age');
    await tab.close();
  });

  it('prints a township of 60 villages as its lowest and highest turnouts, with every village in an attachment', async () => {
    // More villages than the 52 a chart on the 156 mm text carries.
    const head = '县(市、区),乡镇(街道),村(社区),区划代码,换届年份,届次,组织,登记选民数,参加投票人数,发出选票,收回选票,有效票,无效票';
    const rows = Array.from({ length: 60 }, (_, i) => {
      const voted = 400 + i * 9;
      return `白水县,大河镇,大河${i + 1}村,1399021${String(i + 1).padStart(5, '0')},2021,第十二届,村委会,1000,${voted},${voted},${voted},${voted - 5},5`;
    });
    await page.goto(`${baseUrl()}/?view=import`);
    await page
      .locator('input[type=file][data-action="choose-files"]')
      .setInputFiles({ name: 'big-township.csv', mimeType: 'text/csv', buffer: Buffer.from([head, ...rows].join('\n')) });
    await page.locator('[data-action="confirm-import"]').click();
    await page.waitForSelector('.summary[data-state="done"]', { timeout: 60_000 });
    await goto(
      page,
      `?view=report&county=${encodeURIComponent('白水县')}&township=${encodeURIComponent('大河镇')}&cycle=2021`,
      '[data-report-figure="turnout-by-village"] .echart[data-state="ready"]',
    );
    await expect.poll(() => page.locator('[data-docx-ends="turnout-by-village"]').count()).toBe(1);

    const { bytes } = await download(page, '[data-action="export-docx"]');
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('图1　参选率最低的20个村和最高的10个村（全部60个村见附件）');
    expect(plain).toContain('附件：各村参选率排名');
    const appendix = xml.split('<w:tbl>').at(-1)!;
    // The header and the 60 villages, highest first: 大河60村 voted 931 of 1,000.
    expect(appendix.match(/<w:tr>/g)).toHaveLength(61);
    expect(appendix.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')).toContain('|1|大河60村|大河镇|93.1%|931|1,000|');
  });

  it('never tripped the CSP, failed or fetched another origin', () => {
    expect(w.violations).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
