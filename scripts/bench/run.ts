/**
 * npm run bench: builds the app, generates rosters and results at each size (the sample
 * generator scaled), and drives the built app in Debian's headless Chromium through the real
 * file input, each size in a browser of its own with a new profile on disk, as a user's. Prints a
 * table and writes bench/results.json.
 *
 *   npm run bench                      # 100k, 1M, 3M and 5M roster rows
 *   npm run bench -- 100000 1000000    # chosen sizes
 *   npm run bench -- --no-build        # reuse dist/
 *   npm run bench -- --timeout-min=10  # give up on an import step after 10 minutes (default 20)
 *   npm run bench -- --packages[=100]  # only the merge of N county packages against their raw CSV (packages.ts)
 *   npm run bench -- --trace           # also say where each scope change's time went (statements, chart draws)
 *
 * Per size: file MB; file chosen → import done; first full dashboard; p50/p95 of scope changes
 * (county → township, cycle, body) until every visible chart is drawn; peak JS heap (page and
 * workers) and tab memory (the renderer process); and DuckDB-WASM's bare read_csv of the same
 * file in the same browser, its time and its tab's peak memory — the engine's floor. Then a
 * reload: the saved data restored, until the dashboard is settled again with the same figures.
 * Last, a small import into the large data: one township's roster of a new cycle.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium';
import { benchFiles, BENCH_TMP } from './generate';
import { MemorySampler } from './memory';
import { benchPackages } from './packages';
import {
  type Measure,
  measureScopeChanges,
  NAME_HELPER,
  settle,
  timeChange,
  traceChanges,
  TRACE_SCRIPT,
  traceLoad,
  traceWindow,
} from './dashboard';
import { importFiles } from './importFiles';
import { judgeTargets, targetsTable, type SizeFigures } from './targets';

const ROOT = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const SIZES = sizes.length ? sizes : [100_000, 1_000_000, 3_000_000, 5_000_000];
/** An import step (check, commit) that takes longer is recorded as an error for its size, and the run goes on. */
const STEP_TIMEOUT = Number(args.find((a) => a.startsWith('--timeout-min='))?.split('=')[1] ?? 20) * 60_000;
const MB = 1024 * 1024;
const packagesArg = args.find((a) => a === '--packages' || a.startsWith('--packages='));
const PACKAGE_COUNTIES = packagesArg?.includes('=') ? Number(packagesArg.split('=')[1]) : 100;
const RESULTS = path.join(ROOT, 'bench/results.json');

/** What results.json holds already: each kind of run replaces its own part only. */
function previousResults(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
const TRACE = args.includes('--trace');
const IMPORT = { timeout: STEP_TIMEOUT, trace: TRACE };

const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;
const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function serve(root: string, outDir?: string): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    root,
    ...(outDir ? { configFile: false, build: { outDir } } : {}),
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('preview server has no URL');
  return { server, url };
}

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The app's own JavaScript, gzipped: everything the browser may load but DuckDB's worker and wasm. */
function bundleSizes() {
  const dir = path.join(ROOT, 'dist/assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const size = (f: string) => gzipSync(readFileSync(path.join(dir, f))).length;
  const own = files.filter((f) => !f.startsWith('duckdb-'));
  const kb = (fs: string[]) => round(fs.reduce((n, f) => n + size(f), 0) / 1024, 1);
  return {
    appJsGzipKB: kb(own),
    chunks: Object.fromEntries(own.map((f) => [f, round(size(f) / 1024, 1)])),
    duckdbWorkerGzipKB: kb(files.filter((f) => f.startsWith('duckdb-browser-eh'))),
  };
}

const CONTEXT = { locale: 'zh-CN', viewport: { width: 1920, height: 1080 } };

async function withHelpers(context: BrowserContext) {
  await context.addInitScript(NAME_HELPER);
  if (TRACE) await context.addInitScript(TRACE_SCRIPT);
  return context;
}

async function newContext(browser: Browser) {
  return withHelpers(await browser.newContext(CONTEXT));
}

/**
 * A browser as a user has it, with a new profile on disk, for the size runs. Playwright's contexts
 * are Chromium's off-the-record ones: their storage lives in the browser's memory, with a quota a
 * fraction of the machine's memory (3M rows' saved data did not fit, 2026-12-07), and their OPFS
 * files are written several times slower than a profile's (a save's 13.8 MB part: 150–230 ms
 * against 52–58 ms, the same build, 2026-12-07).
 */
async function profileBrowser(): Promise<{ browser: Browser; context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...CONTEXT,
  });
  const browser = context.browser();
  if (!browser) throw new Error('the profile has no browser');
  return {
    browser,
    context: await withHelpers(context),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bare load's time, and its peak tab memory: what the engine alone holds for the file (its
 * wasm heap, the table, the page), the floor any import into it stands on. In a browser of its own
 * (its DuckDB's memory must not count as the app's), with a profile on disk as the app's has.
 */
async function bareLoad(url: string, file: string) {
  const { browser, context, close } = await profileBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/index.html`);
    await page.waitForFunction(() => window.__ready === true, null, { timeout: 120_000 });
    const memory = await MemorySampler.start(browser, page);
    try {
      await page.locator('#file').setInputFiles(file);
      await page.waitForFunction(() => window.__bare !== undefined, null, { timeout: 600_000, polling: 100 });
      const r = await page.evaluate(() => window.__bare!);
      if ('error' in r) throw new Error(`bare read_csv: ${r.error}`);
      return { ...r, peakTabBytes: memory.peak().tabBytes };
    } finally {
      memory.stop();
    }
  } finally {
    await close();
  }
}

async function firstDashboard(page: Page) {
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('[data-nav="overview"]').click();
  await settle(page, 1_800_000);
  const t1 = await page.evaluate(() => performance.now());
  return { ms: t1 - t0, ...(TRACE ? { trace: await traceWindow(page, t0, t1) } : {}) };
}

/**
 * A reload after the scope changes: the saved count tables restored into a new engine and the
 * dashboard drawn from them, until it is settled again — its KPI figures must be the ones shown
 * before; then until the imported rows are in too (they load in the background), and the first
 * scope change after that. Its own peak memory, apart from the import's. The count tables are
 * saved after an import is done: the reload waits until nothing is being written.
 */
async function reloadDashboard(page: Page, memory: MemorySampler) {
  const kpis = () => page.locator('[data-view="overview"] .kpi-value').allTextContents();
  const before = await kpis();
  await page.waitForSelector('.app[data-saving="0"]', { timeout: STEP_TIMEOUT });
  memory.reset();
  const t0 = Date.now();
  await page.reload();
  await page.waitForSelector('[data-view="overview"] .kpi-value, [data-state="restore-failed"]', { timeout: STEP_TIMEOUT });
  const failed = page.locator('[data-state="restore-failed"]');
  if (await failed.count()) throw new Error(`restore failed: ${await failed.first().innerText()}`);
  await settle(page, STEP_TIMEOUT);
  const ms = Date.now() - t0;
  // Drawn from the saved count tables, the rows still loading (else a full restore and rebuild).
  const fromCounts = (await page.locator('.app[data-rows="loading"]').count()) > 0;
  const after = await kpis();
  if (after.join('|') !== before.join('|')) throw new Error(`other figures after the reload: ${before.join(' ')} → ${after.join(' ')}`);
  await page.waitForSelector('.app[data-rows="loaded"], [data-state="restore-failed"]', { timeout: STEP_TIMEOUT });
  if (await failed.count()) throw new Error(`restore failed: ${await failed.first().innerText()}`);
  const rowsMs = Date.now() - t0;
  const trace = TRACE ? await traceLoad(page) : undefined;
  const first = await timeChange(page, 'county', 'next');
  const firstTrace = TRACE && first ? (await traceChanges(page, [{ change: first.label, ms: first.ms, at: first.at }]))[0] : undefined;
  return {
    ms: round(ms),
    fromCounts,
    rowsLoadedMs: round(rowsMs),
    firstChangeMs: first ? round(first.ms, 1) : null,
    firstChangeDispatchMs: first ? round(first.dispatchMs, 1) : null,
    peakTabMB: round(memory.peak().tabBytes / MB),
    kpis: after.length,
    ...(trace ? { trace } : {}),
    ...(firstTrace ? { firstChangeTrace: firstTrace } : {}),
  };
}

/**
 * A first visit on the bundled sample, three times: from the start of navigation to the last
 * chart in sight drawn (from the build's snapshot of its figures, src/app/dashboardSnapshot.ts),
 * then to the engine up with the sample loaded and the dashboard settled on it; and the app
 * JavaScript it loaded.
 */
async function sampleDashboard(browser: Browser, url: string) {
  const times: number[] = [];
  const engine: number[] = [];
  // The scripts asked for until the first dashboard is drawn, and all of them by the time the engine is up.
  const scripts = new Set<string>();
  const byEngine = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const context = await newContext(browser);
    const page = await context.newPage();
    let drawn = false;
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (!p.endsWith('.js')) return;
      if (!drawn) scripts.add(p.split('/').pop()!);
      byEngine.add(p.split('/').pop()!);
    });
    await page.goto(`${url}/`);
    await settle(page, 120_000);
    drawn = true;
    times.push(await page.evaluate(() => performance.now()));
    await page.waitForSelector('.app[data-engine="ready"]', { timeout: 120_000 });
    await settle(page, 120_000);
    engine.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  const dir = path.join(ROOT, 'dist/assets');
  const gzipKB = (files: Set<string>) =>
    round(
      [...files].filter((f) => !f.startsWith('duckdb-')).reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f))).length, 0) / 1024,
      1,
    );
  const firstDashboardJsGzipKB = gzipKB(scripts);
  const engineReadyJsGzipKB = gzipKB(byEngine);
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[1]!);
  return {
    runsMs: times.map((t) => round(t)),
    medianMs: median(times),
    engineReadyRunsMs: engine.map((t) => round(t)),
    engineReadyMedianMs: median(engine),
    firstDashboardJsGzipKB,
    engineReadyJsGzipKB,
  };
}

/** What the page said, without Playwright's wrapping and stack: the table prints it. */
function failure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .replace(/^[\w.]+: Error: /, '')
    .split('\n    at ')[0]!
    .trim()
    .slice(0, 500);
}

/**
 * The tab's and the JS heaps' peak within each step of an import and each of its longest statements
 * (their starts are ms after `t0` on the page's clock): where the import's peak memory is.
 */
async function peaksOfSteps(page: Page, memory: MemorySampler, t0: number, trace: { steps: Measure[]; top: Measure[] }) {
  const origin = await page.evaluate(() => performance.timeOrigin);
  for (const m of [...trace.steps, ...trace.top] as (Measure & { peakTabMB?: number; peakJsHeapMB?: number })[]) {
    const from = origin + t0 + m.start;
    const peak = memory.peakBetween(from, from + m.ms);
    if (peak) Object.assign(m, { peakTabMB: round(peak.tabBytes / MB), peakJsHeapMB: round(peak.jsHeapBytes / MB) });
  }
}

async function benchSize(appUrl: string, bareUrl: string, rows: number) {
  log(`generating ${rows.toLocaleString()} roster rows`);
  const files = benchFiles(rows);
  const fileMB = statSync(files.roster).size / MB;
  log(`roster ${round(fileMB, 1)} MB; bare read_csv`);
  const bare = await bareLoad(bareUrl, files.roster);
  log(`bare ${round(bare.ms)} ms for ${bare.rows} rows, peak tab ${round(bare.peakTabBytes / MB)} MB; the app`);

  const { browser, context, close } = await profileBrowser();
  const page = context.pages()[0] ?? (await context.newPage());
  const crashed: string[] = [];
  page.on('crash', () => crashed.push('renderer crashed'));
  await page.goto(`${appUrl}/?view=import`);
  await page.locator('input[type=file][data-action="choose-files"]').waitFor({ state: 'attached', timeout: 120_000 });
  const memory = await MemorySampler.start(browser, page);
  let result: Record<string, unknown>;
  try {
    const roster = await importFiles(page, [files.roster], IMPORT);
    const rosterPeak = memory.peak();
    if (roster.trace) await peaksOfSteps(page, memory, roster.t0, roster.trace);
    log(`roster imported in ${round(roster.importMs)} ms (checked at ${round(roster.checkMs)} ms)`);
    if (roster.trace) log(`roster import trace: ${JSON.stringify(roster.trace, null, 1)}`);
    const results = await importFiles(page, files.results, IMPORT);
    log(`results imported in ${round(results.importMs)} ms`);
    const dashboard = await firstDashboard(page);
    const dashboardMs = dashboard.ms;
    log(`first dashboard ${round(dashboardMs)} ms; scope changes`);
    if (dashboard.trace) log(`first dashboard trace: ${JSON.stringify(dashboard.trace.top.slice(0, 8))}`);
    const scope = await measureScopeChanges(page);
    const trace = TRACE ? await traceChanges(page, scope.samples) : undefined;
    const peak = memory.peak();
    log('reload');
    const reload = await reloadDashboard(page, memory).catch((e: unknown) => ({ error: failure(e) }));
    log(`reload: ${JSON.stringify(reload)}`);
    // One township's new cycle into the province's data: its villages' counts are refreshed, not all.
    const township = await importFiles(page, [files.township], IMPORT).catch((e: unknown) => ({ error: failure(e) }));
    log(`a township's roster (${readFileSync(files.township, 'utf8').split('\n').length - 2} rows): ${JSON.stringify(township)}`);
    // The results files again, replacing the rows they gave: an office's corrected files.
    const again = await importFiles(page, files.results, IMPORT).catch((e: unknown) => ({ error: failure(e) }));
    log(`the results files again: ${JSON.stringify(again)}`);
    result = {
      rows,
      fileMB: round(fileMB, 1),
      bareReadCsvMs: round(bare.ms),
      barePeakTabMB: round(bare.peakTabBytes / MB),
      importMs: round(roster.importMs),
      checkMs: round(roster.checkMs),
      importVsBare: round(roster.importMs / bare.ms, 2),
      ...(roster.trace ? { importTrace: roster.trace } : {}),
      resultsImportMs: round(results.importMs),
      firstDashboardMs: round(dashboardMs),
      ...(dashboard.trace ? { firstDashboardTrace: dashboard.trace } : {}),
      scopeChange: trace ? { ...scope, trace } : scope,
      // The first change after the first dashboard of the import (the count tables are saved meanwhile).
      firstChangeAfterImportMs: scope.samples[0]?.ms ?? null,
      peakTabMB: round(peak.tabBytes / MB),
      peakTabPerFileSize: round(peak.tabBytes / MB / fileMB, 2),
      // The import's peak (roster) over the bare read's: the memory ratio.
      importPeakTabVsBare: round(rosterPeak.tabBytes / bare.peakTabBytes, 2),
      peakJsHeapMB: round(peak.jsHeapBytes / MB),
      peakDuringRosterImport: { tabMB: round(rosterPeak.tabBytes / MB), jsHeapMB: round(rosterPeak.jsHeapBytes / MB) },
      reload,
      townshipImportMs: 'importMs' in township ? round(township.importMs) : township.error,
      resultsAgainMs: 'importMs' in again ? round(again.importMs) : again.error,
      crashed: crashed.length > 0,
    };
  } catch (e) {
    result = {
      rows,
      fileMB: round(fileMB, 1),
      bareReadCsvMs: round(bare.ms),
      barePeakTabMB: round(bare.peakTabBytes / MB),
      error: failure(e),
      crashed: crashed.length > 0,
      peakTabMB: round(memory.peak().tabBytes / MB),
    };
  } finally {
    memory.stop();
    await close();
  }
  log(JSON.stringify(result));
  return result;
}

function machine() {
  const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  return {
    date: new Date().toISOString(),
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion,
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

function printTable(rows: Record<string, unknown>[]) {
  const cols: [string, (r: Record<string, unknown>) => unknown][] = [
    ['rows', (r) => (r.rows as number).toLocaleString()],
    ['file MB', (r) => r.fileMB],
    ['bare read_csv ms', (r) => r.bareReadCsvMs],
    ['import ms', (r) => r.importMs ?? r.error],
    ['× bare', (r) => r.importVsBare],
    ['1st dashboard ms', (r) => r.firstDashboardMs],
    [
      'scope p50/p95 ms',
      (r) => (r.scopeChange ? `${(r.scopeChange as { p50: number }).p50} / ${(r.scopeChange as { p95: number }).p95}` : ''),
    ],
    ['peak tab MB', (r) => r.peakTabMB],
    ['bare peak tab MB', (r) => r.barePeakTabMB],
    ['import tab ÷ bare tab', (r) => r.importPeakTabVsBare],
    ['tab ÷ file', (r) => r.peakTabPerFileSize],
    ['peak JS heap MB', (r) => r.peakJsHeapMB],
    [
      'reload ms (rows in)',
      (r) => {
        const x = r.reload as { ms?: number; rowsLoadedMs?: number; fromCounts?: boolean; error?: string } | undefined;
        return x?.ms !== undefined ? `${x.ms}${x.fromCounts ? '' : '*'} (${x.rowsLoadedMs})` : x?.error;
      },
    ],
    [
      '1st change after import / reload ms',
      (r) => `${r.firstChangeAfterImportMs ?? ''} / ${(r.reload as { firstChangeMs?: number } | undefined)?.firstChangeMs ?? ''}`,
    ],
    ['township import ms', (r) => r.townshipImportMs],
    ['results again ms', (r) => r.resultsAgainMs],
  ];
  const cells = rows.map((r) => cols.map(([, f]) => String(f(r) ?? '')));
  const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(cols.map(([h]) => h)));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

async function main() {
  const info = machine();
  if (!args.includes('--no-build')) {
    log('building the app');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  if (packagesArg) {
    const app = await serve(ROOT);
    const browser = await launch();
    try {
      const packages = await benchPackages(
        browser,
        app.url,
        PACKAGE_COUNTIES,
        async () => {
          const context = await newContext(browser);
          return { page: await context.newPage(), close: () => context.close() };
        },
        STEP_TIMEOUT,
      );
      mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
      writeFileSync(RESULTS, `${JSON.stringify({ ...previousResults(), packages: { machine: info, ...packages } }, null, 2)}\n`);
      console.log(`\n${info.date} · ${info.cpus} · ${info.memoryGB} GB · ${info.chromium}`);
      const p = packages as {
        counties: number;
        villages: number;
        cycles: number;
        packages: Record<string, number>;
        rawCsv: Record<string, number>;
      };
      console.log(`${p.counties} county packages, ${p.villages} villages × ${p.cycles} cycles`);
      console.log(`| way in | files MB | checked ms | in ms | dashboard drawn ms |`);
      console.log(`|---|---|---|---|---|`);
      console.log(
        `| packages (counts only) | ${packages.packagesMB} | ${p.packages.checkMs} | ${p.packages.mergeMs} | ${p.packages.dashboardMs} |`,
      );
      console.log(`| raw CSV | ${packages.rawCsvMB} | ${p.rawCsv.checkMs} | ${p.rawCsv.importMs} | ${p.rawCsv.dashboardMs} |`);
      console.log(`packages ÷ raw: ${packages.packagesVsRaw}; same KPI figures: ${packages.sameKpis}`);
      console.log('\nwritten: bench/results.json (packages)');
    } finally {
      await browser.close();
      await app.server.close();
    }
    return;
  }
  log('building the bare DuckDB page');
  const bareDist = path.join(BENCH_TMP, 'bare-dist');
  await build({
    configFile: false,
    root: path.join(ROOT, 'scripts/bench/bare'),
    base: './',
    logLevel: 'warn',
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    worker: { format: 'es' },
    build: { outDir: bareDist, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 100_000 },
  });
  const app = await serve(ROOT);
  const bare = await serve(path.join(ROOT, 'scripts/bench/bare'), bareDist);
  const browser = await launch();
  try {
    const bundle = bundleSizes();
    log(`app JS ${bundle.appJsGzipKB} KB gzipped in all`);
    const sample = await sampleDashboard(browser, app.url);
    log(
      `first dashboard on the sample: ${sample.medianMs} ms (median of 3; engine up and settled ${sample.engineReadyMedianMs} ms), ${sample.firstDashboardJsGzipKB} KB of app JS loaded (${sample.engineReadyJsGzipKB} KB by the engine up)`,
    );
    const results: Record<string, unknown>[] = [];
    mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
    // Written after every size: a size that fails or hangs never costs the figures of the others.
    const write = () =>
      writeFileSync(
        path.join(ROOT, 'bench/results.json'),
        `${JSON.stringify(
          {
            ...previousResults(),
            machine: info,
            bundle,
            sampleFirstDashboard: sample,
            sizes: results,
            targets: judgeTargets(results as unknown as SizeFigures[]),
          },
          null,
          2,
        )}\n`,
      );
    for (const rows of SIZES) {
      results.push(await benchSize(app.url, bare.url, rows));
      write();
    }
    console.log(`\n${info.date} · ${info.cpus} · ${info.memoryGB} GB · ${info.chromium}`);
    console.log(
      `app JS ${bundle.appJsGzipKB} KB gzipped in all, ${sample.firstDashboardJsGzipKB} KB loaded for the first dashboard · first dashboard on the sample ${sample.medianMs} ms (engine up ${sample.engineReadyMedianMs} ms)\n`,
    );
    printTable(results);
    console.log('\nreload: page load → dashboard settled (→ imported rows in); * = restored and recounted whole, no saved count tables');
    console.log(`\nissue 27's targets, on this run's sizes:\n${targetsTable(judgeTargets(results as unknown as SizeFigures[]))}`);
    console.log('written: bench/results.json');
  } finally {
    await browser.close();
    await app.server.close();
    await bare.server.close();
  }
}

await main();
