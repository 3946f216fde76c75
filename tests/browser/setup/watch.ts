import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/** What a page did that a safe app never does: CSP violations, console errors, dialogs. */
export interface Watch {
  /** `securitypolicyviolation` events of every document, and CSP refusals logged by page or workers. */
  violations: string[];
  consoleErrors: string[];
  dialogs: string[];
  pageErrors: string[];
}

declare global {
  interface Window {
    __reportCsp?: (violation: string) => void;
  }
}

const isCsp = (text: string) => /Content Security Policy|Refused to (load|execute|connect|create|compile|apply|frame)/i.test(text);

/** Records, from before the first page script runs, across navigations. Call before the first goto. */
export async function watch(context: BrowserContext, page: Page): Promise<Watch> {
  const w: Watch = { violations: [], consoleErrors: [], dialogs: [], pageErrors: [] };
  await context.exposeBinding('__reportCsp', (_source, v: string) => void w.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCsp?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() !== 'error') return;
    (isCsp(m.text()) ? w.violations : w.consoleErrors).push(m.text());
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return w;
}

/**
 * Moves the mouse over every rendered chart so tooltips (which hold names) are drawn; returns the
 * text each chart showed meanwhile (its tooltip lives inside it), to check names came out literally.
 */
export async function hoverCharts(page: Page): Promise<string[]> {
  const seen = new Set<string>();
  for (const chart of await page.locator('.echart[data-empty="false"]').all()) {
    const box = await chart.boundingBox();
    if (!box) continue;
    for (const fx of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
      for (const fy of [0.3, 0.6]) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        seen.add(await chart.innerText());
      }
    }
  }
  return [...seen];
}

/** Elements that could reach out or run code if a name had been parsed as HTML. */
export const injected = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '[src*="evil"], [href*="evil"], img[src="x"], [onload], [onerror], iframe, object, embed, body script:not([src^="/assets/"])',
      ),
    ].map((e) => e.outerHTML),
  );

/** Aborts every request to another origin than the app's; returns the list of those refused. */
export async function blockOtherOrigins(context: BrowserContext, appOrigin: string): Promise<string[]> {
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === appOrigin) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  return foreign;
}
