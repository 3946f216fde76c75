import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, type AppPage } from './setup/browser';

let browser: Browser;
let app: AppPage;
let page: Page;

const box = () => page.locator('[data-scope="search"]');
const heading = () => page.locator('[data-view="overview"] h2').innerText();

/** The listed candidates as the page shows them. */
const candidates = () =>
  page.locator('[data-search-option]').evaluateAll((els) =>
    els.map((el) => ({
      text: el.textContent ?? '',
      kind: el.getAttribute('data-kind'),
      township: el.getAttribute('data-township'),
      villageKey: el.getAttribute('data-village-key'),
      id: el.id,
      selected: el.getAttribute('aria-selected'),
    })),
  );

beforeAll(async () => {
  browser = await launch();
  app = await openApp(browser);
  page = app.page;
});
afterAll(async () => {
  await browser?.close();
});

describe('finding a village in the scope bar (the bundled sample)', () => {
  it('lists the two 李家村 apart, each with its township', async () => {
    await box().fill('李家');
    await expect.poll(async () => (await candidates()).filter((c) => c.text.startsWith('李家村')).length).toBe(2);
    const twins = (await candidates()).filter((c) => c.text.startsWith('李家村'));
    expect(twins.map((c) => c.township).sort()).toEqual(['柳林乡', '河东镇'].sort());
    expect(new Set(twins.map((c) => c.villageKey)).size).toBe(2);
    for (const c of twins) expect(c.text).toContain(c.township!);
    // The sample has two counties: a candidate names its county too.
    expect(twins.every((c) => c.text.includes('青山县'))).toBe(true);
    expect((await candidates()).map((c) => c.text.slice(0, 4))).toEqual(expect.arrayContaining(['李家寨村', '李家庄村']));
    // The combobox pattern: expanded, pointing at its listbox.
    expect(await box().getAttribute('role')).toBe('combobox');
    expect(await box().getAttribute('aria-expanded')).toBe('true');
    const list = page.locator(`[id="${await box().getAttribute('aria-controls')}"]`);
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await list.locator('[role="option"][data-search-option]').count()).toBe((await candidates()).length);
  });

  it('finds them by pinyin initials and sets the scope with the keyboard only', async () => {
    await box().fill('');
    await page.keyboard.type('lj');
    // pinyin-pro loads on first use: until then only Chinese matches.
    await expect.poll(async () => (await candidates()).filter((c) => c.text.startsWith('李家村')).length).toBe(2);
    expect(await box().getAttribute('aria-activedescendant')).toBeNull();

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const list = await candidates();
    const first = list[0]!;
    expect(first.selected).toBe('true');
    expect(list.filter((c) => c.selected === 'true')).toHaveLength(1);
    expect(await box().getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first.kind).toBe('village');
    expect(first.text).toContain('李家村');

    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('village')).toBe(first.villageKey);
    await expect.poll(heading).toContain('李家村');
    expect(await heading()).toContain(first.township!);
    expect(await page.locator('[data-breadcrumb]').innerText()).toContain('李家村');
    expect(await box().inputValue()).toBe('');
    expect(await box().getAttribute('aria-expanded')).toBe('false');
  });

  it('finds a township and sets township scope', async () => {
    await box().focus();
    await page.keyboard.type('llx');
    await expect.poll(async () => (await candidates())[0]?.kind).toBe('township');
    expect((await candidates())[0]!.township).toBe('柳林乡');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('township')).toBe('柳林乡');
    expect(new URL(page.url()).searchParams.get('village')).toBeNull();
    await expect.poll(heading).toContain('柳林乡');
  });

  it('shows a page of candidates with the number left, and Escape closes then clears', async () => {
    await box().focus();
    await page.keyboard.type('村');
    await expect.poll(async () => (await candidates()).length).toBe(20);
    expect(await page.locator('.place-search-note').innerText()).toMatch(/^还有 \d+ 个/);
    await page.keyboard.press('Escape');
    expect(await box().getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.place-search-popup').isVisible()).toBe(false);
    expect(await box().inputValue()).toBe('村');
    await page.keyboard.press('Escape');
    expect(await box().inputValue()).toBe('');
    await page.keyboard.type('xyzq');
    await expect.poll(() => page.locator('.place-search-note').innerText()).toBe('没有找到');
    expect(app.errors).toEqual([]);
  });
});
