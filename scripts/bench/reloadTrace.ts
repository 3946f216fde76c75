/**
 * The first scope change after a reload, as a returning user gets it: Chromium with a profile of
 * its own on disk (the bench's contexts keep nothing between starts, so Chrome's cache of compiled
 * code never serves them), the benchmark's files imported once, then reloaded `reloads` times. For
 * each reload: when the engine was up, the first change's time, statements and chart draws (as the
 * bench's --trace), and what Chrome's own trace says the renderer's other threads did meanwhile —
 * compiling DuckDB's wasm to optimised code (`wasm.TopTierCompilation`) and optimising the page's
 * JavaScript (`V8.Maglev*`), on a machine of two cores.
 *
 *   npx tsx scripts/bench/reloadTrace.ts [rows=100000] [reloads=4]   # after npm run build; files ≤ 50 MB
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { NAME_HELPER, settle, TRACE_SCRIPT, timeChange, traceChanges } from './dashboard';
import { benchFiles } from './generate';
import { importAndSave } from './importFiles';

const ROOT = path.resolve(import.meta.dirname, '../..');
const [rows = 100_000, reloads = 4] = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
const PORT = 9339;
/** Chrome's trace events of the renderer's threads, summed by name, for these categories. */
const CATEGORIES = ['v8', 'v8.wasm', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.gc', 'toplevel'];

interface TraceEvent {
  ph?: string;
  name?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  args?: { name?: string };
}

/** Milliseconds per event name on the background threads (ThreadPool*), largest first. */
function backgroundWork(file: string): Record<string, number> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !e.name || !threads.get(`${e.pid}:${e.tid}`)?.startsWith('ThreadPool')) continue;
    if (!/wasm\.TopTierCompilation|wasm\.CompileLazy|V8\.Maglev(Task|Background)$|V8\.Turbofan|GC/.test(e.name)) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  }
  return Object.fromEntries(
    [...sums]
      .filter(([, v]) => v >= 1)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round(v)]),
  );
}

const profile = mkdtempSync(path.join(tmpdir(), 'cunxuan-reload-'));
const server = await preview({ root: ROOT, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
let proc: ChildProcess | null = null;
try {
  if (!url) throw new Error('preview server has no URL');
  // Launched by hand: Playwright's persistent contexts give no Browser, and tracing needs one.
  proc = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      '--headless=new',
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${PORT}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--window-size=1920,1080',
      '--lang=zh-CN',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  let browser = null;
  for (let i = 0; i < 50 && !browser; i++) {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${PORT}`).catch(() => null);
    if (!browser) await new Promise((r) => setTimeout(r, 200));
  }
  if (!browser) throw new Error('Chromium did not start');
  const context = browser.contexts()[0]!;
  await context.addInitScript(`${NAME_HELPER} ${TRACE_SCRIPT}`);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${url}/?view=import`);
  const files = benchFiles(rows);
  // Playwright hands a browser it connected to over CDP no file above 50 MB (about 370,000 roster rows).
  const big = [files.roster, ...files.results].find((f) => statSync(f).size > 50 * 1024 * 1024);
  if (big)
    throw new Error(`${path.basename(big)} is over 50 MB: run at fewer rows (the first change after a reload costs the same at 100,000)`);
  await importAndSave(page, url, files);
  console.log(`${rows} roster rows imported; ${reloads} reloads`);
  for (let i = 1; i <= reloads; i++) {
    await page.reload();
    await page.waitForSelector('.app[data-rows="loaded"]', { timeout: 600_000 });
    await settle(page, 600_000);
    const engine = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name === 'engine instantiate')
        .map((m) => Math.round(m.duration)),
    );
    const file = path.join(profile, `trace-${i}.json`);
    await browser.startTracing(page, { path: file, categories: CATEGORIES });
    const change = await timeChange(page, 'county', 'next');
    await browser.stopTracing();
    if (!change) throw new Error('no county to change to');
    const [t] = await traceChanges(page, [{ change: change.label, ms: change.ms, at: change.at }]);
    console.log(
      JSON.stringify({
        reload: i,
        engineInstantiateMs: engine[0],
        firstChangeMs: Math.round(change.ms),
        statementsMs: t?.top.map((s) => Math.round(s.ms)),
        chartMs: t?.chartMs,
        longTasks: t?.longTasks.map((l) => Math.round(l.ms)),
        backgroundMs: backgroundWork(file),
      }),
    );
  }
  await browser.close();
} finally {
  // The profile is removed once Chromium has let go of it.
  const exited = proc && proc.exitCode === null ? new Promise((r) => proc?.once('exit', r)) : null;
  proc?.kill();
  await exited;
  await server.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
}
