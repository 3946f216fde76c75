/**
 * What the tab holds while it imports the benchmark's roster: Chrome's own memory dumps of the
 * renderer (memory-infra), taken every `every` ms from the file chosen to the import done, each
 * with the renderer's resident memory and what Chrome attributes it to (V8's heaps, ArrayBuffers,
 * malloc, Blink). What none of them holds is mostly DuckDB's wasm memory. The bench (run.ts) gives
 * the peaks; this says of what they are made. Chrome takes a dump only when every process can
 * answer: while the page or the engine is busy some are skipped, and a row's time and resident
 * figure are those of the dump Chrome answered in the same order (checked against the import's
 * steps at 1M rows; rarely, a dump answered as failed still in the trace shifts them).
 *
 *   npx tsx scripts/bench/memoryDumps.ts [rows=1000000] [every=2000]   # after npm run build
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium';
import { BENCH_TMP, benchFiles } from './generate';
import { importFiles } from './importFiles';

const ROOT = path.resolve(import.meta.dirname, '../..');
const [rows = 1_000_000, every = 2000] = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
const MB = 1024 * 1024;

interface DumpEvent {
  ph?: string;
  name?: string;
  pid?: number;
  ts?: number;
  args?: {
    dumps?: { allocators?: Record<string, { attrs?: Record<string, { value?: string }> }>; process_totals?: Record<string, string> };
  };
}

/** Resident MB of each Chromium renderer process now, by pid (memory-infra's dumps here carry no process totals). */
function renderersResident(): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      if (m) out.set(Number(d), Math.round(Number(m[1]) / 1024));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** An allocator's size in MB (memory-infra gives hex strings of bytes). */
const size = (a: { attrs?: Record<string, { value?: string }> } | undefined) =>
  Math.round(Number.parseInt(a?.attrs?.size?.value ?? '0', 16) / MB);

const server = await preview({ root: ROOT, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
// A new profile on disk, as the bench's size runs have (run.ts profileBrowser).
const profile = mkdtempSync(path.join(os.tmpdir(), 'memory-dumps-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  locale: 'zh-CN',
  viewport: { width: 1920, height: 1080 },
});
const browser = context.browser();
const file = path.join(BENCH_TMP, 'memory-dumps.json');
try {
  if (!url) throw new Error('preview server has no URL');
  if (!browser) throw new Error('the profile has no browser');
  await context.addInitScript('window.__name = (f) => f; window.__perfTrace = true');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/?view=import`);
  await page.locator('input[type=file][data-action="choose-files"]').waitFor({ state: 'attached', timeout: 120_000 });
  const files = benchFiles(rows);
  const cdp = await browser.newBrowserCDPSession();
  await browser.startTracing(page, { path: file, categories: ['disabled-by-default-memory-infra'] });
  // The page's workers (DuckDB's, the import's), to collect their garbage on their own (GC_AT).
  const pageCdp = await context.newCDPSession(page);
  const workers = new Map<string, string>();
  pageCdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, path.basename(e.targetInfo.url).split('?')[0] ?? '');
  });
  pageCdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => workers.delete(e.sessionId));
  await pageCdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let dumping = true;
  const rssAtDump: { at: number; rss: Map<number, number>; label: string }[] = [];
  const dump = async (label = '') => {
    const ok = await cdp.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' }).then(
      (r) => (r as { success?: boolean }).success !== false,
      () => false,
    );
    if (ok) rssAtDump.push({ at: Date.now(), rss: renderersResident(), label });
  };
  // GC_AT=ms: that long after the dumps start, the page's garbage is collected, then each worker's, a dump after each:
  // which of them holds what the collector frees.
  const gcAt = Number(process.env.GC_AT ?? 0);
  const started = Date.now();
  let collected = gcAt === 0;
  const dumps = (async () => {
    while (dumping) {
      if (!collected && Date.now() - started >= gcAt) {
        collected = true;
        await pageCdp.send('HeapProfiler.collectGarbage');
        await dump("after the page's GC");
        for (const [sessionId, name] of workers) {
          const message = JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' });
          await pageCdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => undefined);
          await new Promise((r) => setTimeout(r, 500));
          await dump(`after ${name}'s GC`);
        }
        continue;
      }
      await dump();
      await new Promise((r) => setTimeout(r, every));
    }
  })();
  const roster = await importFiles(page, [files.roster], { timeout: 1_800_000, trace: true });
  dumping = false;
  await dumps;
  await browser.stopTracing();
  console.log(`${rows} roster rows imported in ${Math.round(roster.importMs)} ms; steps (s from the file chosen):`);
  for (const s of roster.trace?.steps ?? [])
    console.log(`  ${(s.start / 1000).toFixed(1)}–${((s.start + s.ms) / 1000).toFixed(1)}  ${s.name}`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as DumpEvent[] | { traceEvents: DumpEvent[] };
  const events = (Array.isArray(parsed) ? parsed : parsed.traceEvents).filter((e) => e.ph === 'v' && e.args?.dumps?.allocators);
  const renderers = new Map<number, number>();
  for (const e of events) renderers.set(e.pid!, (renderers.get(e.pid!) ?? 0) + size(e.args?.dumps?.allocators?.v8));
  // The app's renderer: the one whose V8 holds the most.
  const pid = [...renderers].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => e.pid === pid).sort((a, b) => a.ts! - b.ts!);
  // Seconds from the file chosen, on the page's clock (the dumps start as the import screen loads).
  const chosen = (await page.evaluate(() => performance.timeOrigin)) + roster.t0;
  console.log('\n  s   resident  v8(all)  v8 heaps  array_buffers  partition_alloc  malloc  blink_gc  unattributed');
  for (const [i, e] of mine.entries()) {
    const a = e.args!.dumps!.allocators!;
    // Read just after Chrome answered the dump: the same moment within a few ms.
    const resident = rssAtDump[i]?.rss.get(pid!) ?? 0;
    const v8 = size(a.v8);
    const heaps = Object.entries(a)
      .filter(([k]) => /^v8\/[^/]+\/heap$/.test(k))
      .reduce((s, [, v]) => s + size(v), 0);
    const ab = size(a['partition_alloc/partitions/array_buffer']);
    const pa = size(a.partition_alloc);
    const malloc = size(a.malloc);
    const blink = size(a.blink_gc);
    const other = resident - pa - malloc - blink - v8;
    console.log(
      `${(((rssAtDump[i]?.at ?? 0) - chosen) / 1000).toFixed(1).padStart(5)} ${String(resident).padStart(9)} ${String(v8).padStart(8)} ${String(heaps).padStart(9)} ${String(ab).padStart(14)} ${String(pa).padStart(16)} ${String(malloc).padStart(7)} ${String(blink).padStart(9)} ${String(other).padStart(13)}  ${rssAtDump[i]?.label ?? ''}`,
    );
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
  if (!process.env.KEEP_DUMPS) rmSync(file, { force: true });
}
