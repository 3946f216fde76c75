/**
 * Peak memory of the tab while the benchmark runs: the renderer process's resident memory (the
 * tab: page, workers, DuckDB's wasm memory) read from /proc, and the JS heaps of the page and its
 * workers read over the DevTools protocol, sampled every 100 ms.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** One sample: when (ms since the epoch, the page's `timeOrigin + performance.now()`), the tab's and the JS heaps' bytes. */
export type MemorySample = { at: number; tabBytes: number; jsHeapBytes: number };

export class MemorySampler {
  private tab = 0;
  private heap = 0;
  /** Every sample, to say in which step of an import the tab peaked. */
  private readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: unknown) => void>();
  private readonly workers = new Set<string>();

  private constructor(
    private readonly browserCdp: CDPSession,
    private readonly pageCdp: CDPSession,
  ) {}

  static async start(browser: Browser, page: Page): Promise<MemorySampler> {
    const s = new MemorySampler(await browser.newBrowserCDPSession(), await page.context().newCDPSession(page));
    // Dedicated workers are children of the page's target: attach to them (not flattened, so
    // as not to disturb Playwright's own sessions) and ask each for its heap.
    s.pageCdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
      if (e.targetInfo.type === 'worker') s.workers.add(e.sessionId);
    });
    s.pageCdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => s.workers.delete(e.sessionId));
    s.pageCdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (m.id !== undefined) s.waiting.get(m.id)?.(m.result);
      if (m.id !== undefined) s.waiting.delete(m.id);
    });
    await s.pageCdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    s.timer = setInterval(() => void s.sample(), 100);
    return s;
  }

  private async workerHeap(sessionId: string): Promise<number> {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve) => {
      this.waiting.set(id, resolve);
      setTimeout(() => resolve(null), 1000);
    });
    await this.pageCdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
      .catch(() => undefined);
    const r = (await result) as { usedSize?: number } | null;
    return r?.usedSize ?? 0;
  }

  private async sample() {
    try {
      const { processInfo } = (await this.browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
      let tab = 0;
      for (const p of processInfo) if (p.type === 'renderer') tab = Math.max(tab, rssBytes(p.id));
      this.tab = Math.max(this.tab, tab);
      const at = Date.now();
      const page = (await this.pageCdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      let heap = page.usedSize;
      for (const w of this.workers) heap += await this.workerHeap(w);
      this.heap = Math.max(this.heap, heap);
      this.samples.push({ at, tabBytes: tab, jsHeapBytes: heap });
    } catch {
      // The page is navigating or closing: the next sample counts.
    }
  }

  peak(): { tabBytes: number; jsHeapBytes: number } {
    return { tabBytes: this.tab, jsHeapBytes: this.heap };
  }

  /** The highest tab and JS heaps sampled between two instants (ms since the epoch), or null if none was. */
  peakBetween(from: number, to: number): { tabBytes: number; jsHeapBytes: number } | null {
    const within = this.samples.filter((s) => s.at >= from && s.at <= to);
    if (within.length === 0) return null;
    return { tabBytes: Math.max(...within.map((s) => s.tabBytes)), jsHeapBytes: Math.max(...within.map((s) => s.jsHeapBytes)) };
  }

  /** Starts the peaks afresh, to measure a later step on its own. */
  reset(): void {
    this.tab = 0;
    this.heap = 0;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    void this.browserCdp.detach().catch(() => undefined);
    void this.pageCdp.detach().catch(() => undefined);
  }
}
