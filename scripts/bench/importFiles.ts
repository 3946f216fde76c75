/**
 * An import as a user makes it: files chosen in the import screen, the check awaited, the import
 * confirmed (rows already there replaced when the app asks), timed on the page's clock.
 */
import type { Page } from 'playwright-core';
import { settle, traceWindow } from './dashboard';
import type { BenchFiles } from './generate';

/** Chooses files in the import screen, waits for the check, confirms; times each step from `t0`, on the page's clock. */
export async function importFiles(page: Page, files: string[], opts: { timeout: number; trace: boolean }) {
  const { timeout } = opts;
  await page.goto(`${page.url().split('?')[0]}?view=import`);
  const input = page.locator('input[type=file][data-action="choose-files"]');
  await input.waitFor({ state: 'attached', timeout: 120_000 });
  const t0 = await page.evaluate(() => performance.now());
  await input.setInputFiles(files);
  const confirm = page.locator('[data-action="confirm-import"]');
  await page.waitForFunction(
    () => {
      const b = document.querySelector<HTMLButtonElement>('[data-action="confirm-import"]');
      const failed = document.querySelector('[data-check="failed"], [role="alert"]');
      if (failed) throw new Error(failed.textContent ?? 'check failed');
      return b && !b.disabled;
    },
    null,
    { timeout, polling: 50 },
  );
  const checked = await page.evaluate(() => performance.now());
  await confirm.click();
  // A failed import says so (role=alert) and never reaches done: not a wait of the whole timeout.
  // Rows already there are replaced when the import asks.
  const replace = page.locator('[data-action="conflict-replace"]');
  for (;;) {
    await page.waitForSelector('.summary[data-state="done"], [role="alert"], [data-action="conflict-replace"]', { timeout });
    if ((await replace.count()) === 0) break;
    await replace.click();
  }
  const done = await page.evaluate(() => performance.now());
  const alert = await page.locator('[role="alert"]').allInnerTexts();
  if (alert.length) throw new Error(`import: ${alert.join(' | ')}`);
  const trace = opts.trace ? await traceWindow(page, t0, done) : undefined;
  return { t0, checkMs: checked - t0, importMs: done - t0, ...(trace ? { trace } : {}) };
}

/** The bench's roster, then its results files, imported; the overview drawn and everything saved: what a reload starts from. */
export async function importAndSave(page: Page, url: string, files: BenchFiles): Promise<void> {
  const opts = { timeout: 1_800_000, trace: false };
  await importFiles(page, [files.roster], opts);
  await importFiles(page, files.results, opts);
  await page.goto(`${url}/?view=overview`);
  await settle(page, 600_000);
  await page.waitForSelector('.app[data-saving="0"]', { timeout: 600_000 });
}
