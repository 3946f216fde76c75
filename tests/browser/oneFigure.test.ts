/**
 * One figure, one number in the real app, on the bundled sample: the ranking lists only the rows
 * of the level shown after any sequence of scope changes (and back/forward), every figure the
 * report prints reads as in the indicator table, the table filters and sorts, and the language
 * travels in the address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openApp, type AppPage } from './setup/browser';

let browser: Browser;
let app: AppPage;
let page: Page;

const scopeSelect = (name: string) => page.locator(`[data-scope="${name}"]`);
const rankingRows = () => page.locator('[data-table="ranking"] tbody tr');

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser, '?view=overview');
  page = app.page;
});
afterAll(async () => {
  await browser?.close();
});

/** The ranking's rows once it has settled: their keys and names. */
async function ranking(): Promise<{ key: string; name: string }[]> {
  await page.waitForSelector('[data-table="ranking"]');
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
  return rankingRows().evaluateAll((trs) =>
    trs.map((tr) => ({ key: tr.getAttribute('data-rank-key') ?? '', name: tr.querySelectorAll('td')[1]?.textContent ?? '' })),
  );
}

/** Rows of the level a scope's ranking lists: townships (keys county\0township) or villages. */
async function expectLevel(level: 'township' | 'village', count?: number) {
  await expect
    .poll(
      async () => {
        const rows = await ranking();
        const keysOk = rows.every((r) => r.key !== '' && (level === 'township' ? r.key.includes('\u0000') : !r.key.includes('\u0000')));
        return (
          keysOk &&
          new Set(rows.map((r) => r.key)).size === rows.length &&
          rows.every((r) => r.name !== '—') &&
          (count === undefined || rows.length === count)
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

describe('the ranking after scope changes', () => {
  it('lists only the current level: all data → county → township → village, straight to a village, back and forward', async () => {
    await expectLevel('township');
    const townships = (await ranking()).length;
    await scopeSelect('county').selectOption('青山县');
    await expectLevel('township');
    await scopeSelect('township').selectOption('柳林乡');
    await expectLevel('village');
    const villages = await ranking();
    expect(villages.length).toBeGreaterThan(1);
    const lijia = await scopeSelect('village').locator('option', { hasText: '李家村' }).first().getAttribute('value');
    await scopeSelect('village').selectOption(lijia!);
    await expectLevel('village', 1);
    expect((await ranking())[0]!.name).toBe('李家村');

    // From all data straight to one village.
    await page.goto(`${baseUrl()}/?view=overview`);
    await page.waitForSelector('.app[data-engine="ready"]');
    await expectLevel('township', townships);
    await scopeSelect('village').selectOption(lijia!);
    await expectLevel('village', 1);

    // Back to all data, forward to the village.
    await page.goBack();
    await expectLevel('township', townships);
    await page.goForward();
    await expectLevel('village', 1);
    expect(app.errors).toEqual([]);
  });
});

describe('the report prints the indicator table’s figures', () => {
  it('marks each figure with its metric and unrounded value, and each reads as in the table and on the cards', async () => {
    await page.goto(`${baseUrl()}/?view=report&county=青山县`);
    await page.waitForSelector('[data-report-print] [data-metric]', { state: 'attached', timeout: 60_000 });
    const marks = await page.locator('[data-report-print] [data-metric][data-kind="value"][data-group="all"]').evaluateAll((els) =>
      els.map((e) => ({
        metric: e.getAttribute('data-metric')!,
        body: e.getAttribute('data-body')!,
        value: e.getAttribute('data-value')!,
        text: e.textContent!,
        cycle: e.getAttribute('data-cycle')!,
      })),
    );
    expect(marks.length).toBeGreaterThan(15);
    for (const m of marks) expect(Number.isFinite(Number(m.value)), m.metric).toBe(true);
    const cycle = marks[0]!.cycle;

    await page.goto(`${baseUrl()}/?view=table&county=青山县&cycle=${cycle}`);
    await page.waitForSelector('[data-view="table"] td[data-metric]');
    let checked = 0;
    for (const m of marks.filter((x) => x.cycle === cycle)) {
      const cell = page.locator(`[data-view="table"] td[data-metric="${m.metric}"][data-body="${m.body}"]`);
      if ((await cell.count()) === 0) continue;
      expect(await cell.innerText(), `${m.metric} ${m.body}`).toBe(m.text);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);

    // The age bands the report lists add up to 100.0% there and in the table.
    const bands = ['age_le35_share', 'age_36_45_share', 'age_46_55_share', 'age_ge56_share'];
    const shares = await Promise.all(
      bands.map((b) => page.locator(`[data-view="table"] td[data-metric="${b}"][data-body="all"]`).innerText()),
    );
    expect(Math.round(shares.reduce((a, s) => a + Number(s.replace('%', '')), 0) * 10)).toBe(1000);
  });
});

describe('the indicator table', () => {
  it('filters by name and sorts by any column; a change not comparable says why on hover', async () => {
    await page.goto(`${baseUrl()}/?view=table`);
    await page.waitForSelector('[data-view="table"] td[data-metric]');
    const all = await page.locator('[data-view="table"] tbody tr').count();
    await page.locator('[data-table-filter]').fill('岁');
    await expect.poll(() => page.locator('[data-view="table"] tbody tr').count()).toBeLessThan(all);
    const names = await page.locator('[data-view="table"] tbody th').allInnerTexts();
    expect(names.length).toBeGreaterThan(3);
    for (const n of names) expect(n).toContain('岁');
    await page.locator('[data-table-filter]').fill('');

    // The value column, ascending then descending (percentages and ages mixed, compared as numbers).
    await page.locator('[data-sort-column="1"]').click();
    const values = async () =>
      (await page.locator('[data-view="table"] td[data-metric]').allInnerTexts())
        .map((s) => Number(s.replace(/[,%]/g, '')))
        .filter(Number.isFinite);
    const desc = await values();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.locator('[data-sort-column="1"]').click();
    const asc = await values();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));

    const rule = await page.locator('[data-coverage-rule]').innerText();
    expect(rule).toContain('不可比');
    const notComparable = page.locator('[data-change-kind="not_comparable"]');
    expect(await notComparable.count()).toBeGreaterThan(0);
    expect(await notComparable.first().innerText()).toBe('不可比');
    expect(await notComparable.first().getAttribute('title')).toContain('两届数据覆盖的村不同');
  });
});

describe('the language in the address', () => {
  it('opens a lang=en link in English, and a change of language is written into the address', async () => {
    const other = await openApp(browser, '?view=table&lang=en');
    await other.page.waitForSelector('[data-view="table"] td[data-metric]');
    expect(await other.page.locator('[data-view="table"] h2').innerText()).toContain('Indicator table');
    await other.page.locator('[data-action="language"]').selectOption('zh');
    await expect.poll(() => other.page.url()).toContain('lang=zh');
    await expect.poll(() => other.page.locator('[data-view="table"] h2').innerText()).toContain('指标表');
    await other.page.goBack();
    await expect.poll(() => other.page.locator('[data-view="table"] h2').innerText()).toContain('Indicator table');
    await other.context.close();
  });
});
