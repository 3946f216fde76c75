/**
 * The bench judges its own run against issue 27's targets (scripts/bench/targets.ts): a figure
 * over its target is "not met", a size the run left out is not judged, and only the import's own
 * refusal of a file (its message, naming the limit) counts as one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import i18n, { i18nReady } from '../../src/i18n';
import { judgeTargets, refusedNamingLimit, type SizeFigures, targetsTable } from '../../scripts/bench/targets';

/** The 1M figures of the run of 2026-12-07 17:32 UTC (bench/results.json). */
const oneMillion: SizeFigures = {
  rows: 1_000_000,
  importMs: 33_661,
  importVsBare: 10.89,
  importPeakTabVsBare: 1.95,
  firstChangeAfterImportMs: 303.5,
  scopeChange: { p50: 114.1, p95: 217.1 },
  reload: { ms: 1886, firstChangeMs: 292.8, fromCounts: true },
};
const threeMillion: SizeFigures = { rows: 3_000_000, importMs: 109_903, reload: { ms: 2731, fromCounts: true } };

let refusal = '';
beforeAll(async () => {
  await i18nReady;
  // As the import view words it (src/views/import/ImportView.tsx).
  refusal = i18n.t('import.tooLarge_text', { name: '两委成员花名册.csv', size: '680.6 MB', limit: '425.0 MB' });
});

describe('issue 27 targets judged on a run', () => {
  it('says which targets the figures meet', () => {
    const rows = judgeTargets([{ rows: 100_000, importVsBare: 2 }, oneMillion, threeMillion, { rows: 5_000_000, error: refusal }]);
    expect(rows.map((r) => [r.now, r.met])).toEqual([
      ['10.9×', false],
      ['1.95×', true],
      ['3M imported in 109,903 ms, reloaded in 2,731 ms; 5M refused, naming the limit', true],
      ['1,886 ms', true],
      ['217 / 114 ms', false],
      ['304 / 293 ms', false],
    ]);
  });

  it('meets a target only within it, on both of a pair', () => {
    const fast = { ...oneMillion, importVsBare: 3, scopeChange: { p50: 70, p95: 151 }, firstChangeAfterImportMs: 200 };
    const [ratio, , , , scope, first] = judgeTargets([{ ...fast, reload: { ...fast.reload, firstChangeMs: 199 } }]);
    expect(ratio!.met).toBe(true);
    expect(scope!.met).toBe(false);
    expect(first!.met).toBe(true);
  });

  it('leaves a size the run did not measure unjudged, and a failed one not met', () => {
    const [ratio, , big] = judgeTargets([{ rows: 100_000, importVsBare: 9.2 }]);
    expect(ratio).toMatchObject({ now: 'not run (no 1M size)', met: null });
    expect(big).toMatchObject({ met: null });
    const failed = judgeTargets([
      { rows: 1_000_000, error: 'Out of Memory Error' },
      { ...threeMillion, reload: { error: 'timed out' } },
    ]);
    expect(failed[0]).toMatchObject({ now: 'Out of Memory Error', met: false });
    expect(failed[2]).toMatchObject({ now: '3M imported in 109,903 ms, reload failed: timed out; 5M not run', met: false });
  });

  it('counts a refusal only when it is the import’s own, naming the limit', () => {
    expect(refusedNamingLimit({ rows: 5_000_000, error: refusal })).toBe(true);
    const rows = i18n.t('import.tooManyRows', { name: 'a.csv', rows: '3,157,714', limit: '3,100,000' });
    expect(refusedNamingLimit({ rows: 3_100_000, error: rows })).toBe(true);
    expect(refusedNamingLimit({ rows: 5_000_000, error: refusal, crashed: true })).toBe(false);
    expect(refusedNamingLimit({ rows: 5_000_000, error: '导入失败，没有导入任何行，之前的数据没有受到影响' })).toBe(false);
    expect(refusedNamingLimit({ rows: 5_000_000 })).toBe(false);
    const [, , big] = judgeTargets([{ rows: 5_000_000, error: 'renderer crashed', crashed: true }]);
    expect(big).toMatchObject({ now: '5M failed: renderer crashed; 3M not run', met: false });
    // One size of the two, and it went well: not judged.
    expect(judgeTargets([threeMillion])[2]).toMatchObject({
      now: '3M imported in 109,903 ms, reloaded in 2,731 ms; 5M not run',
      met: null,
    });
  });

  it('prints one Markdown row per target', () => {
    const table = targetsTable(judgeTargets([oneMillion])).split('\n');
    expect(table).toHaveLength(2 + 6);
    expect(table[2]).toBe('| 1M rows: file chosen → import done, ÷ bare read_csv | 12.2× | ≤ 3× | 10.9× | not met |');
    expect(table[4]).toBe(
      '| 3M rows import and reload; 5M, or a refusal naming the limit | yes (3M) | yes | not run (no 3M or 5M size) | — |',
    );
  });
});
