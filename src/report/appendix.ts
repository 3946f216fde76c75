/**
 * The report's appendix tables (附件): every place of a chart that printed only its two ends, ranked,
 * with the numbers as the dashboard shows them (the rows' shown values, formatted as everywhere).
 */
import { placeWord } from '../charts/extremes';
import { sortRanked } from '../charts/turnoutBars';
import type { Category, RankedValue } from '../charts/types';
import { textColumn, type ExportTable } from '../export/table';
import type { Lang } from '../util/lang';
import { figureValueText } from '../metrics/coverage';
import { formatValue, type Unit } from '../metrics/format';

/** 各村参选率排名: rank, village, township, turnout, voted, registered; villages without a figure last. */
export function turnoutRankingTable(rows: readonly RankedValue[], lang: Lang): ExportTable {
  const zh = lang === 'zh';
  return {
    name: zh ? '各村参选率排名' : 'Turnout by village, ranked',
    columns: [
      textColumn(zh ? '序号' : 'No.'),
      textColumn(zh ? '村' : 'Village'),
      textColumn(zh ? '乡镇' : 'Township'),
      textColumn(zh ? '参选率' : 'Turnout'),
      textColumn(zh ? '参加投票（人）' : 'Voted'),
      textColumn(zh ? '登记选民（人）' : 'Registered'),
    ],
    rows: sortRanked(rows).map((r, i) => [
      String(i + 1),
      r.label,
      r.detail ?? '',
      figureValueText(r.shown ?? null, 'percent', r.coverage, lang),
      formatValue(r.numerator, 'count', lang),
      formatValue(r.denominator, 'count', lang),
    ]),
  };
}

/** Places × cycles of one indicator (the heat map's or the grouped bars' figures). */
export interface PlaceMatrix {
  title: string;
  unit: Unit;
  places: readonly Category[];
  cycles: readonly number[];
  /** values[place][cycle], shown values. */
  values: readonly (readonly (number | null)[])[];
}

/** The places ranked by one cycle's shown value, highest first, places without it last (then by name). */
export function rankPlaces(m: PlaceMatrix, cycle: number): number[] {
  const c = m.cycles.indexOf(cycle);
  const at = (i: number) => m.values[i]?.[c] ?? null;
  return m.places
    .map((_, i) => i)
    .sort((a, b) => {
      const x = at(a);
      const y = at(b);
      if (x === null || y === null) return x === null ? (y === null ? m.places[a]!.label.localeCompare(m.places[b]!.label, 'zh') : 1) : -1;
      return y - x || m.places[a]!.label.localeCompare(m.places[b]!.label, 'zh');
    });
}

/** 各村妇女占比: rank (by `cycle`), place, its township where the places are villages, then each cycle. */
export function placeCyclesTable(m: PlaceMatrix, cycle: number, lang: Lang): ExportTable {
  const zh = lang === 'zh';
  const level = m.places[0]?.level ?? 'village';
  const withParent = m.places.some((p) => p.detail);
  const parent = level === 'village' ? (zh ? '乡镇' : 'Township') : zh ? '县' : 'County';
  const placeHeader = zh ? placeWord(level, lang) : { village: 'Village', township: 'Township', county: 'County' }[level];
  return {
    name: zh ? `各${placeWord(level, lang)}${m.title}` : `${m.title} by ${placeHeader.toLowerCase()}`,
    columns: [
      textColumn(zh ? '序号' : 'No.'),
      textColumn(placeHeader),
      ...(withParent ? [textColumn(parent)] : []),
      ...m.cycles.map((y) => textColumn(zh ? `${y}年` : String(y))),
    ],
    rows: rankPlaces(m, cycle).map((i, rank) => [
      String(rank + 1),
      m.places[i]!.label,
      ...(withParent ? [m.places[i]!.detail ?? ''] : []),
      ...m.cycles.map((_, c) => formatValue(m.values[i]?.[c] ?? null, m.unit, lang)),
    ]),
  };
}
