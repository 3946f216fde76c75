/**
 * Issue 27's targets, judged on a run's figures (bench/results.json `sizes`): each figure as the
 * issue measured it on 2026-12-05 (before the engine path), its target, and this run's value. The
 * bench prints the table after its own and writes it beside the sizes (`targets`), so that a run
 * says itself which targets it meets. The judging is pure: scripts/bench/run.ts gives it the sizes
 * it measured; run on its own, the script prints the table for the sizes bench/results.json holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zh } from '../../src/i18n/zh';

/** What the bench records of one size (scripts/bench/run.ts benchSize), as far as the targets read it. */
export interface SizeFigures {
  rows: number;
  importMs?: number;
  importVsBare?: number;
  importPeakTabVsBare?: number;
  firstChangeAfterImportMs?: number;
  scopeChange?: { p50: number; p95: number };
  reload?: { ms?: number; firstChangeMs?: number; fromCounts?: boolean; error?: string };
  error?: string;
  crashed?: boolean;
}

export interface TargetRow {
  figure: string;
  /** As issue 27 gives it, measured 2026-12-05. */
  before: string;
  target: string;
  /** This run's value, or why there is none (the size not run). */
  now: string;
  /** Null when the run has not the size the figure is of. */
  met: boolean | null;
}

/** The messages the import refuses a file with (src/i18n/zh.ts), as patterns: each {{…}} stands for anything. */
const REFUSALS: readonly RegExp[] = [zh.import.tooLarge_text, zh.import.tooLarge_parquet, zh.import.tooManyRows].map(
  (m) =>
    new RegExp(
      `^${m
        .split(/\{\{\w+\}\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+')}$`,
    ),
);

/** Whether the import refused the file with a message that names its limit (not a failure or a crash). */
export function refusedNamingLimit(s: SizeFigures): boolean {
  return s.importMs === undefined && !s.crashed && typeof s.error === 'string' && REFUSALS.some((r) => r.test(s.error!));
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const times = (x: number) => `${x.toFixed(1)}×`;

/** The first size of `rows` rows in the run (a run measures each size once). */
const size = (sizes: readonly SizeFigures[], rows: number) => sizes.find((s) => s.rows === rows);

/** The targets' table for a run's sizes: every target, judged where the run has its size. */
export function judgeTargets(sizes: readonly SizeFigures[]): TargetRow[] {
  const m1 = size(sizes, 1_000_000);
  const m3 = size(sizes, 3_000_000);
  const m5 = size(sizes, 5_000_000);
  const notRun = (rows: string): Pick<TargetRow, 'now' | 'met'> => ({ now: `not run (no ${rows} size)`, met: null });
  const of1M = <T>(f: (s: SizeFigures) => T | undefined, show: (v: T) => string, ok: (v: T) => boolean): Pick<TargetRow, 'now' | 'met'> => {
    if (!m1) return notRun('1M');
    const v = f(m1);
    return v === undefined ? { now: m1.error ?? m1.reload?.error ?? 'not measured', met: false } : { now: show(v), met: ok(v) };
  };
  const bigImport = (): Pick<TargetRow, 'now' | 'met'> => {
    if (!m3 && !m5) return notRun('3M or 5M');
    const parts: string[] = [];
    let met = true;
    if (m3) {
      const reloaded = m3.reload?.ms !== undefined;
      met &&= m3.importMs !== undefined && reloaded;
      parts.push(
        m3.importMs === undefined
          ? `3M failed: ${m3.error ?? 'no import time'}`
          : `3M imported in ${ms(m3.importMs)}, ${reloaded ? `reloaded in ${ms(m3.reload!.ms!)}` : `reload failed: ${m3.reload?.error ?? 'not measured'}`}`,
      );
    }
    if (m5) {
      const refused = refusedNamingLimit(m5);
      met &&= m5.importMs !== undefined || refused;
      parts.push(
        m5.importMs !== undefined
          ? `5M imported in ${ms(m5.importMs)}`
          : refused
            ? '5M refused, naming the limit'
            : `5M failed: ${m5.error ?? 'crashed'}`,
      );
    }
    // Met only on both sizes; with one of them not run, only a failure of the other decides.
    if (!m3 || !m5) parts.push(`${m3 ? '5M' : '3M'} not run`);
    return { now: parts.join('; '), met: m3 && m5 ? met : met ? null : false };
  };
  return [
    {
      figure: '1M rows: file chosen → import done, ÷ bare read_csv',
      before: '12.2×',
      target: '≤ 3×',
      ...of1M(
        (s) => s.importVsBare,
        times,
        (v) => v <= 3,
      ),
    },
    {
      figure: '1M rows: peak tab during the import ÷ the bare read’s',
      before: '2.6×',
      target: '≤ 2×',
      ...of1M(
        (s) => s.importPeakTabVsBare,
        (v) => `${v.toFixed(2)}×`,
        (v) => v <= 2,
      ),
    },
    { figure: '3M rows import and reload; 5M, or a refusal naming the limit', before: 'yes (3M)', target: 'yes', ...bigImport() },
    {
      figure: '1M rows: reload, page load → dashboard settled',
      before: '20,600 ms',
      target: '≤ 3,000 ms',
      ...of1M(
        (s) => s.reload?.ms,
        ms,
        (v) => v <= 3000,
      ),
    },
    {
      figure: '1M rows: scope change p95 / p50',
      before: '335 / 121 ms',
      target: '≤ 150 / ≤ 70 ms',
      ...of1M(
        (s) => s.scopeChange,
        (v) => `${Math.round(v.p95)} / ${Math.round(v.p50)} ms`,
        (v) => v.p95 <= 150 && v.p50 <= 70,
      ),
    },
    {
      figure: '1M rows: first scope change after the import / the reload',
      before: '≈ 500 ms',
      target: '≤ 200 ms',
      ...of1M(
        (s) =>
          s.firstChangeAfterImportMs !== undefined && s.reload?.firstChangeMs !== undefined
            ? ([s.firstChangeAfterImportMs, s.reload.firstChangeMs] as const)
            : undefined,
        ([a, b]) => `${Math.round(a)} / ${Math.round(b)} ms`,
        ([a, b]) => a <= 200 && b <= 200,
      ),
    },
  ];
}

/** The table as the bench prints it (Markdown, as docs/performance.md has it). */
export function targetsTable(rows: readonly TargetRow[]): string {
  const mark = (m: boolean | null) => (m === null ? '—' : m ? 'met' : 'not met');
  return [
    '| figure | 2026-12-05 | target | this run | |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.before} | ${r.target} | ${r.now} | ${mark(r.met)} |`),
  ].join('\n');
}

// `npx tsx scripts/bench/targets.ts`: the table for the figures bench/results.json holds now.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { sizes } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../bench/results.json'), 'utf8')) as {
    sizes: SizeFigures[];
  };
  console.log(targetsTable(judgeTargets(sizes)));
}
