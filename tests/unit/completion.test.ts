import { describe, expect, it } from 'vitest';
import { completionInput, completionOption, dayLabel } from '../../src/charts/completion';
import type { ChartText } from '../../src/charts/types';
import type { CompletionProgress } from '../../src/metrics/completeness';
import { villageShare } from '../../src/metrics/completeness';
import { completionSentence } from '../../src/report/completion';

const text: ChartText = { title: '换届完成进度', subtitle: '青山县', denominator: '分母：应报村数', lang: 'zh' };
// The 青山县 fixtures' cumulative completion (tests/fixtures/README.md): 12 expected, 1 key village, 2 difficult.
const days = [
  { date: '2021-11-28', all: 2, key: 0, difficult: 0 },
  { date: '2021-12-02', all: 3, key: 1, difficult: 0 },
  { date: '2021-12-05', all: 5, key: 1, difficult: 0 },
  { date: '2021-12-10', all: 7, key: 1, difficult: 0 },
];
const lists = [
  { key: 'all' as const, label: '全部村', expected: 12 },
  { key: 'key' as const, label: '重点村', expected: 1 },
  { key: 'difficult' as const, label: '难点村', expected: 0 },
];

describe('cumulative completion chart', () => {
  it('maps days to shares rounded once; a list with no villages is left out, not drawn as 0', () => {
    const input = completionInput(text, days, lists);
    expect(input.dates).toEqual(['2021-11-28', '2021-12-02', '2021-12-05', '2021-12-10']);
    expect(input.series.map((s) => s.key)).toEqual(['all', 'key']);
    // 2/12 = 16.666… → 16.7; 7/12 = 58.333… → 58.3 (half away from zero, src/metrics/round.ts).
    expect(input.series[0]).toEqual({ key: 'all', label: '全部村', expected: 12, done: [2, 3, 5, 7], shown: [16.7, 25, 41.7, 58.3] });
    expect(input.series[1]?.shown).toEqual([0, 100, 100, 100]);
  });

  it('draws one stepped line per list on a 0–100% axis, dates as 月日', () => {
    const o = completionOption(completionInput(text, days, lists));
    const series = o.series as { type: string; step: string; data: unknown[]; name: string }[];
    expect(series.map((s) => [s.type, s.step, s.name])).toEqual([
      ['line', 'end', '全部村'],
      ['line', 'end', '重点村'],
    ]);
    expect(series[0]?.data).toEqual([16.7, 25, 41.7, 58.3]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['11月28日', '12月2日', '12月5日', '12月10日']);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100 });
    expect((o.graphic as unknown[]).length).toBe(0);
    expect((o.title as { subtext: string }).subtext).toContain('分母：应报村数');
  });

  it('escapes names in the tooltip and states done / expected', () => {
    const hostile = completionInput(text, days, [{ key: 'all', label: '<img src=x onerror=alert(1)>', expected: 12 }]);
    const o = completionOption(hostile);
    const f = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = f([{ seriesIndex: 0, dataIndex: 3, marker: '' }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(html).toContain('7/12 个村 · 58.3%');
  });

  it('says "no data" without dates', () => {
    const o = completionOption(completionInput(text, [], lists));
    expect((o.graphic as { style: { text: string } }[])[0]?.style.text).toBe('暂无数据');
  });

  it('labels days in English too', () => {
    expect(dayLabel('2021-12-05', 'en')).toBe('5 Dec');
  });
});

describe('the work report sentence', () => {
  const progress: CompletionProgress = {
    source: 'register',
    asOf: '2021-12-10',
    all: villageShare(8, 12),
    key: villageShare(1, 1),
    difficult: villageShare(0, 2),
    undated: 1,
    days,
  };
  it('states completion as work reports do, with the shown (once-rounded) shares', () => {
    expect(completionSentence(progress, 'zh', '全县')).toBe(
      '截至12月10日，全县完成换届 8 个村，占应报 12 个村的 66.7%；其中重点村完成 1 个，占 100.0%，难点村完成 0 个，占 0.0%。',
    );
    expect(completionSentence(progress, 'en')).toBe(
      'As of 10 Dec, 8 of the 12 villages expected have completed their elections (66.7%); key villages 1 of 1, 100.0%, difficult villages 0 of 2, 0.0%.',
    );
  });
  it('leaves out what is not known: no date, no lists, nothing expected', () => {
    const plain = { ...progress, asOf: null, key: villageShare(0, 0), difficult: villageShare(0, 0) };
    expect(completionSentence(plain, 'zh')).toBe('完成换届 8 个村，占应报 12 个村的 66.7%。');
    expect(completionSentence({ ...plain, all: villageShare(0, 0) }, 'zh')).toBeNull();
  });
  it('rounds half away from zero, once', () => {
    // 1/80 = 1.25% → 1.3; 1/6 = 16.666… → 16.7, the unrounded value kept beside it.
    expect(villageShare(1, 80).shown).toBe(1.3);
    expect(villageShare(1, 6)).toEqual({ done: 1, expected: 6, value: (1 / 6) * 100, shown: 16.7 });
    expect(villageShare(0, 0).shown).toBeNull();
  });
});
