/**
 * Measuring the dashboard from inside the page: a scope change is made the way a user makes it
 * (a select's value and its change event) and timed with the page's clock until every query has
 * answered and every chart in sight has drawn its new option (the app draws the charts out of
 * sight when the page is idle, src/charts/EChart.tsx). The window is a 1920 × 1080 office screen.
 */
import type { Page } from 'playwright-core';

/** tsx compiles the functions handed to page.evaluate with esbuild's name helper: the page needs one. */
export const NAME_HELPER = 'window.__name = (f) => f;';

/**
 * What a traced run adds to every page (src/util/trace.ts): the statements' and chart draws' user
 * timings, and the page's long tasks (over 50 ms of its main thread), what a change waited on besides the engine.
 */
export const TRACE_SCRIPT = `window.__perfTrace = true; window.__longTasks = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); }).observe({ type: 'longtask' }); } catch {}`;

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
  samples: { change: string; ms: number; at: number; dispatchMs: number }[];
}

/** Sets a scope select and times the dashboard's answer, entirely in the page. */
export function timeChange(
  page: Page,
  scope: string,
  pick: 'index1' | 'first' | 'last' | 'next' | 'all',
): Promise<{ ms: number; label: string; at: number; dispatchMs: number } | null> {
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
      // The page's own work in the change event (React renders a select's change at once).
      const dispatchMs = performance.now() - t0;
      // React renders the new scope and starts its queries in the frames that follow.
      await frame();
      await frame();
      while (!settled()) await frame();
      return { ms: performance.now() - t0, label: `${scope}→${opts[target]!.text}`, at: t0, dispatchMs };
    },
    { scope, pick },
  );
}

/**
 * The changes a leader makes: a county, then one of its townships, then another cycle, then
 * each body, then back up — repeated over several counties.
 */
export async function measureScopeChanges(page: Page, rounds = 4): Promise<ScopeTiming> {
  const samples: ScopeTiming['samples'] = [];
  const add = (r: { ms: number; label: string; at: number; dispatchMs: number } | null) =>
    r && samples.push({ change: r.label, ms: round1(r.ms), at: Math.round(r.at), dispatchMs: round1(r.dispatchMs) });
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

export interface ChangeTrace {
  change: string;
  ms: number;
  /**
   * Statements the change ran; the time the engine's worker was busy with them (it runs one at a
   * time: each from when it was asked or the one before it answered, to its answer); the longest.
   */
  statements: number;
  engineMs: number;
  longestMs: number;
  /** Charts drawn (ECharts setOption and its layout) and their summed time on the page. */
  charts: number;
  chartMs: number;
  /** When the last chart draw that began within the change ended, in ms from the change. */
  chartsDoneAt: number;
  /** Statements asked before the change and still running when it began: what its first statement waited behind. */
  runningAtStart: { sql: string; doneAt: number }[];
  /** The page's long tasks within the change: when each began, in ms from the change, and how long it took. */
  longTasks: { at: number; ms: number }[];
  /**
   * The statements that took longest, with their own time (their first words) and when each
   * answered, in ms from the change: whether it held up the charts in sight or came after.
   */
  top: { sql: string; ms: number; doneAt: number }[];
}

/**
 * Where each change's time went, from the user-timing measures the app leaves with
 * `window.__perfTrace` (src/util/trace.ts): the statements and chart draws that started within it.
 * Statements run one at a time in the engine's worker, so their sum is time the change waited on
 * the engine; chart draws run on the page's thread.
 */
export async function traceChanges(page: Page, samples: readonly { change: string; ms: number; at: number }[]): Promise<ChangeTrace[]> {
  const measures = await measuresOf(page);
  const longTasks = await page.evaluate(() => (window as { __longTasks?: { start: number; ms: number }[] }).__longTasks ?? []);
  return samples.map((s) => {
    const within = measures.filter((m) => m.start >= s.at && m.start < s.at + s.ms);
    const charts = within.filter((m) => m.name.startsWith('chart '));
    const db = engineTimes(within);
    return {
      change: s.change,
      ms: s.ms,
      statements: db.length,
      engineMs: round1(db.reduce((a, m) => a + m.ms, 0)),
      longestMs: round1(Math.max(0, ...db.map((m) => m.ms))),
      charts: charts.length,
      chartMs: round1(charts.reduce((a, m) => a + m.ms, 0)),
      chartsDoneAt: round1(Math.max(0, ...charts.map((m) => m.start + m.ms - s.at))),
      runningAtStart: measures
        .filter((m) => m.name.startsWith('db ') && m.start < s.at && m.start + m.ms > s.at)
        .map((m) => ({ sql: m.name.slice(3, 110), doneAt: round1(m.start + m.ms - s.at) })),
      longTasks: longTasks
        .filter((t) => t.start >= s.at && t.start < s.at + s.ms)
        .map((t) => ({ at: round1(t.start - s.at), ms: round1(t.ms) })),
      top: [...db]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 6)
        .map((m) => ({ sql: m.name.slice(3, 110), ms: round1(m.ms), doneAt: round1(m.start + m.ms - s.at) })),
    };
  });
}

export interface Measure {
  name: string;
  start: number;
  ms: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function measuresOf(page: Page): Promise<Measure[]> {
  return page.evaluate(() => performance.getEntriesByType('measure').map((m) => ({ name: m.name, start: m.startTime, ms: m.duration })));
}

/** Each statement's own time in the engine: from its ask, or the previous answer if later, to its answer. */
export function engineTimes(measures: readonly Measure[]): Measure[] {
  const db = measures.filter((m) => m.name.startsWith('db ')).sort((a, b) => a.start + a.ms - (b.start + b.ms));
  let free = 0;
  return db.map((m) => {
    const end = m.start + m.ms;
    const own = { name: m.name, start: Math.max(m.start, free), ms: end - Math.max(m.start, free) };
    free = end;
    return own;
  });
}

/**
 * Where an import's time went, between two instants of the page's clock: the import's own steps
 * (`import …`, `counts refreshed …`) as they ended, and the statements that took longest.
 */
export async function traceWindow(
  page: Page,
  from: number,
  to: number,
): Promise<{ steps: Measure[]; statements: number; engineMs: number; top: Measure[] }> {
  const within = (await measuresOf(page)).filter((m) => m.start >= from && m.start < to);
  const db = engineTimes(within);
  const brief = (m: Measure) => ({ name: m.name.slice(0, 100), start: round1(m.start - from), ms: round1(m.ms) });
  return {
    steps: within.filter((m) => m.name.startsWith('import ') || m.name.startsWith('counts ')).map(brief),
    statements: db.length,
    engineMs: round1(db.reduce((a, m) => a + m.ms, 0)),
    top: [...db]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15)
      .map(brief),
  };
}

/** The page's measures since it loaded, summed by kind: where a reload's time went. */
export async function traceLoad(
  page: Page,
): Promise<{ engine: Record<string, number>; restore: string[]; statements: number; engineMs: number; top: Measure[] }> {
  const measures = await measuresOf(page);
  const db = engineTimes(measures);
  return {
    engine: Object.fromEntries(measures.filter((m) => m.name.startsWith('engine ')).map((m) => [m.name, round1(m.start + m.ms)])),
    // How the reload restored the count tables: at once, or counted again (and why).
    restore: measures.filter((m) => /^(restore counts|no saved counts|counts later)/.test(m.name)).map((m) => m.name),
    statements: db.length,
    engineMs: round1(db.reduce((a, m) => a + m.ms, 0)),
    top: [...db]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 12)
      .map((m) => ({ name: m.name.slice(0, 100), start: round1(m.start), ms: round1(m.ms) })),
  };
}
