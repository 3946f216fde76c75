/**
 * Measuring the dashboard from inside the page: a scope change is made the way a user makes it
 * (a select's value and its change event) and timed with the page's clock until every query has
 * answered and every chart in sight has drawn its new option (the app draws the charts out of
 * sight when the page is idle, src/charts/EChart.tsx). The window is a 1920 × 1080 office screen.
 */
import type { Page } from 'playwright-core';

/** Waits until no query is in flight, no chart is drawing, and the KPI cards show values. */
export async function settle(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const app = document.querySelector('.app');
      if (app?.getAttribute('data-fetching') !== '0') return false;
      const inSight = (c: Element) => {
        const r = c.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      };
      const charts = [...document.querySelectorAll('.echart')].filter(inSight);
      const kpis = [...document.querySelectorAll('[data-view="overview"] .kpi-value')];
      return (
        charts.length > 0 &&
        charts.every((c) => c.getAttribute('data-state') === 'ready') &&
        kpis.length > 0 &&
        kpis.every((k) => k.textContent !== '…')
      );
    },
    null,
    { timeout, polling: 'raf' },
  );
}

export interface ScopeTiming {
  changes: number;
  p50: number;
  p95: number;
  max: number;
  /** Each change, and when it started on the page's clock (to line it up with a trace). */
  samples: { change: string; ms: number; at: number }[];
}

/** Sets a scope select and times the dashboard's answer, entirely in the page. */
function timeChange(
  page: Page,
  scope: string,
  pick: 'index1' | 'first' | 'last' | 'next' | 'all',
): Promise<{ ms: number; label: string; at: number } | null> {
  return page.evaluate(
    async ({ scope, pick }) => {
      const el = document.querySelector<HTMLSelectElement>(`[data-scope="${scope}"]`);
      if (!el || el.options.length < 2) return null;
      const opts = [...el.options];
      const current = el.selectedIndex;
      const target =
        pick === 'all'
          ? 0
          : pick === 'index1'
            ? 1
            : pick === 'first'
              ? current === 1
                ? 2
                : 1
              : pick === 'last'
                ? opts.length - 1
                : (current + 1) % opts.length;
      if (target === current || !opts[target]) return null;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const inSight = (c: Element) => {
        const r = c.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      };
      // What is in sight is this scope's: the charts drawn with its rows, the KPI cards with its
      // figures (both keep the last scope's, marked busy, while loading).
      const settled = () => {
        const charts = [...document.querySelectorAll('.echart')].filter(inSight);
        const kpis = document.querySelector('[data-view="overview"] .kpis');
        const values = [...document.querySelectorAll('[data-view="overview"] .kpi-value')];
        return (
          charts.length > 0 &&
          charts.every((c) => c.getAttribute('data-state') === 'ready') &&
          kpis?.getAttribute('aria-busy') === 'false' &&
          values.length > 0 &&
          values.every((k) => k.textContent !== '…')
        );
      };
      // Each change starts from a quiet page, as after a user's pause: no query running and every
      // chart drawn, those out of sight too (they are drawn when the page is idle; back to back,
      // that idle time would fall inside the next change). At most 5 s, then it goes ahead.
      const quiet = () =>
        document.querySelector('.app')?.getAttribute('data-fetching') === '0' &&
        [...document.querySelectorAll('.echart')].every((c) => c.getAttribute('data-state') === 'ready');
      const waitUntil = performance.now() + 5000;
      while (!quiet() && performance.now() < waitUntil) await frame();
      await new Promise<void>((r) => requestIdleCallback(() => r(), { timeout: 1000 }));
      const t0 = performance.now();
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      setter.call(el, opts[target]!.value);
      el.dispatchEvent(new Event('change', { bubbles: true }));
      // React renders the new scope and starts its queries in the frames that follow.
      await frame();
      await frame();
      while (!settled()) await frame();
      return { ms: performance.now() - t0, label: `${scope}→${opts[target]!.text}`, at: t0 };
    },
    { scope, pick },
  );
}

/**
 * The changes a leader makes: a county, then one of its townships, then another cycle, then
 * each body, then back up — repeated over several counties.
 */
export async function measureScopeChanges(page: Page, rounds = 4): Promise<ScopeTiming> {
  const samples: { change: string; ms: number; at: number }[] = [];
  const add = (r: { ms: number; label: string; at: number } | null) =>
    r && samples.push({ change: r.label, ms: Math.round(r.ms * 10) / 10, at: Math.round(r.at) });
  for (let i = 0; i < rounds; i++) {
    add(await timeChange(page, 'county', i === 0 ? 'index1' : 'next'));
    add(await timeChange(page, 'township', 'index1'));
    add(await timeChange(page, 'cycle', 'first'));
    add(await timeChange(page, 'body', 'next'));
    add(await timeChange(page, 'body', 'next'));
    add(await timeChange(page, 'township', 'last'));
    add(await timeChange(page, 'township', 'all'));
    add(await timeChange(page, 'cycle', 'last'));
    add(await timeChange(page, 'body', 'all'));
  }
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] ?? 0;
  return { changes: ms.length, p50: q(0.5), p95: q(0.95), max: ms[ms.length - 1] ?? 0, samples };
}
