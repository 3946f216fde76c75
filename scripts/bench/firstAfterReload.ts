/**
 * The first scope change after a reload, compared between builds: for each round and each build
 * (a folder with its own dist/, e.g. a worktree of another commit), a new Chromium imports the
 * bench's roster and results files, reloads once and times the first change of county, as the bench
 * does. Builds alternate within a round, so a slower spell of the host falls on both. One line per
 * round and build: the change, its statements (longest first) and its chart draws, in ms.
 *
 *   npx tsx scripts/bench/firstAfterReload.ts [rows=100000] [rounds=4] <build folder>...
 */
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { NAME_HELPER, settle, TRACE_SCRIPT, timeChange, traceChanges } from './dashboard';
import { benchFiles } from './generate';
import { importAndSave } from './importFiles';

const [rows = 100_000, rounds = 4] = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
const roots = process.argv.slice(2).filter((a) => a.startsWith('/'));
const servers = await Promise.all(roots.map((root) => preview({ root, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' })));
const urls = servers.map((s) => s.resolvedUrls!.local[0]!.replace(/\/$/, ''));
const files = benchFiles(rows);
for (let r = 0; r < rounds; r++) {
  for (const [k, url] of urls.entries()) {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await context.addInitScript(`${NAME_HELPER} ${TRACE_SCRIPT}`);
    const page = await context.newPage();
    await page.goto(`${url}/?view=import`);
    await importAndSave(page, url, files);
    await page.reload();
    await page.waitForSelector('.app[data-rows="loaded"]', { timeout: 600_000 });
    await settle(page, 600_000);
    const change = await timeChange(page, 'county', 'next');
    if (!change) throw new Error('no county to change to');
    const [t] = await traceChanges(page, [{ change: change.label, ms: change.ms, at: change.at }]);
    console.log(
      JSON.stringify({
        build: roots[k],
        round: r,
        ms: Math.round(change.ms),
        st: t?.top.map((s) => Math.round(s.ms)),
        chartMs: t?.chartMs,
      }),
    );
    await browser.close();
  }
}
for (const s of servers) await new Promise((r) => s.httpServer.close(r));
