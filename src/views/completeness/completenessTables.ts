/** The completeness view's tables as export models (src/export/table.ts): what the follow-up calls work from. */
import type { TFunction } from 'i18next';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import type { CompletenessTownship, CompletenessVillage } from '../../queries/completeness';

/** The columns of a township row that count villages, in the order shown. */
export const COUNT_COLUMNS = ['expected', 'vc_results', 'pb_results', 'vc_roster', 'pb_roster'] as const;
export const COUNT_LABELS: Record<(typeof COUNT_COLUMNS)[number], string> = {
  expected: 'completeness.expected',
  vc_results: 'completeness.vcResults',
  pb_results: 'completeness.pbResults',
  vc_roster: 'completeness.vcRoster',
  pb_roster: 'completeness.pbRoster',
};

/** Sums of the township rows (the totals row); lists are joined. */
export function totalsOf(rows: readonly CompletenessTownship[]): CompletenessTownship {
  const sum = (k: keyof CompletenessTownship) => rows.reduce((a, r) => a + (r[k] as number), 0);
  return {
    county: null,
    township: null,
    expected: sum('expected'),
    vc_results: sum('vc_results'),
    pb_results: sum('pb_results'),
    vc_roster: sum('vc_roster'),
    pb_roster: sum('pb_roster'),
    key_expected: sum('key_expected'),
    key_done: sum('key_done'),
    difficult_expected: sum('difficult_expected'),
    difficult_done: sum('difficult_done'),
    missing: rows.flatMap((r) => r.missing),
    unlisted: rows.flatMap((r) => r.unlisted),
  };
}

export function townshipHeaders(t: TFunction): string[] {
  return [
    t('completeness.county'),
    t('completeness.township'),
    ...COUNT_COLUMNS.map((c) => t(COUNT_LABELS[c])),
    t('completeness.keyVillages'),
    t('completeness.difficultVillages'),
    t('completeness.missing'),
    t('completeness.unlisted'),
  ];
}

/** Per township, with the missing villages by name (、-separated) and a totals row. */
export function townshipTable(t: TFunction, rows: readonly CompletenessTownship[], cycle: number): ExportTable {
  const total = totalsOf(rows);
  const line = (r: CompletenessTownship, county: string, township: string) => [
    county,
    township,
    ...COUNT_COLUMNS.map((c) => r[c]),
    `${r.key_done}/${r.key_expected}`,
    `${r.difficult_done}/${r.difficult_expected}`,
    r.missing.join('、'),
    r.unlisted.join('、'),
  ];
  const headers = townshipHeaders(t);
  return {
    name: t('completeness.fileName', { cycle }),
    columns: headers.map((h, i) => (i >= 2 && i < 2 + COUNT_COLUMNS.length ? numberColumn(h, 0) : textColumn(h))),
    rows: [...rows.map((r) => line(r, r.county ?? '', r.township ?? '')), line(total, t('completeness.total'), '')],
  };
}

export function villageHeaders(t: TFunction): string[] {
  return [
    t('completeness.county'),
    t('completeness.township'),
    t('completeness.village'),
    t('completeness.code'),
    ...COUNT_COLUMNS.slice(1).map((c) => t(COUNT_LABELS[c])),
    t('completeness.date'),
    t('completeness.markKey'),
    t('completeness.markDifficult'),
  ];
}

/** Per expected village: what it has reported, its date and its marks. */
export function villageTable(t: TFunction, rows: readonly CompletenessVillage[], cycle: number): ExportTable {
  const yes = (b: boolean) => (b ? t('completeness.reported') : t('completeness.notReported'));
  const mark = (b: boolean) => (b ? t('completeness.yes') : '');
  return {
    name: t('completeness.villagesFileName', { cycle }),
    columns: villageHeaders(t).map(textColumn),
    rows: rows.map((v) => [
      v.county ?? '',
      v.township ?? '',
      v.village,
      v.village_code ?? '',
      yes(v.vc_results),
      yes(v.pb_results),
      yes(v.vc_roster),
      yes(v.pb_roster),
      v.election_date ?? '',
      mark(v.is_key),
      mark(v.is_difficult),
    ]),
  };
}
