/**
 * Village changes the data suggests: within a township, villages with data in one of its cycles
 * and not in its next (gone) and villages new in the next (appeared), paired by the characters
 * their names share (李王村 ← 李家村 + 王家村). Offered for one-click acceptance into
 * village_changes; a dismissed candidate stays dismissed (its id in app_settings).
 */
import { getSetting, setSetting } from './savedTables';
import type { ChangeKind, NewChange } from './lineage';
import type { Db } from './types';
import { groupBy } from '../util/group';

export interface CandidateVillage {
  key: string;
  name: string;
}

export interface ChangeCandidate {
  /** Stable across reloads: what a dismissal records. */
  id: string;
  kind: ChangeKind;
  county: string | null;
  township: string | null;
  /** The cycle the old villages were last seen in, and the first the new ones are. */
  fromCycle: number;
  effectiveCycle: number;
  olds: CandidateVillage[];
  news: CandidateVillage[];
  /** The characters the names share, the hint shown beside the candidate. */
  shared: string;
}

const DISMISSED = 'lineage.dismissed';

// Words every village name may carry: sharing them says nothing.
const SUFFIX = /(村民委员会|居民委员会|村委会|居委会|社区|村)$/;
const GENERIC = new Set(['家', '村', '社', '区', '新', '镇', '乡']);

function stemChars(name: string): Set<string> {
  return new Set([...name.replace(SUFFIX, '')].filter((c) => !GENERIC.has(c)));
}

function shared(a: string, b: string): string {
  const sb = stemChars(b);
  return [...stemChars(a)].filter((c) => sb.has(c)).join('');
}

interface VillageCycle {
  county: string | null;
  township: string | null;
  village_key: string;
  village: string | null;
  cycle_year: number;
}

/** The candidates for one township's villages by cycle (pure; exported for the tests). */
export function proposeChanges(rows: readonly VillageCycle[], explained: ReadonlySet<string>): ChangeCandidate[] {
  const out: ChangeCandidate[] = [];
  const byTownship = groupBy(rows, (r) => JSON.stringify([r.county, r.township]));
  for (const list of byTownship.values()) {
    const { county, township } = list[0]!;
    const cycles = [...new Set(list.map((r) => r.cycle_year))].sort((a, b) => a - b);
    for (let k = 1; k < cycles.length; k++) {
      const [from, to] = [cycles[k - 1]!, cycles[k]!];
      const at = (y: number) => new Map(list.filter((r) => r.cycle_year === y).map((r) => [r.village_key, r.village ?? r.village_key]));
      const before = at(from);
      const after = at(to);
      const gone = [...before].filter(([key]) => !after.has(key) && !explained.has(key)).map(([key, name]) => ({ key, name }));
      const appeared = [...after].filter(([key]) => !before.has(key) && !explained.has(key)).map(([key, name]) => ({ key, name }));
      const similar = (v: CandidateVillage, among: CandidateVillage[]) => among.filter((o) => shared(v.name, o.name) !== '');
      const used = new Set<string>();
      const push = (kind: ChangeKind, olds: CandidateVillage[], news: CandidateVillage[]) => {
        for (const v of [...olds, ...news]) used.add(v.key);
        const chars = new Set(olds.flatMap((o) => news.flatMap((n) => [...shared(o.name, n.name)])));
        out.push({
          id: JSON.stringify([kind, olds.map((o) => o.key), news.map((n) => n.key), to]),
          kind,
          county,
          township,
          fromCycle: from,
          effectiveCycle: to,
          olds,
          news,
          shared: [...chars].join(''),
        });
      };
      // A gone village like several new ones, each like it alone: a split.
      for (const g of gone) {
        const news = similar(g, appeared).filter((n) => similar(n, gone).length === 1);
        if (news.length >= 2) push('split', [g], news);
      }
      // A new village like several gone ones: a merge; like one: a rename.
      for (const n of appeared) {
        if (used.has(n.key)) continue;
        const olds = similar(n, gone).filter((g) => !used.has(g.key));
        if (olds.length >= 2) push('merge', olds, [n]);
        else if (olds.length === 1) push('rename', olds, [n]);
      }
    }
  }
  return out;
}

/** The candidates of the data not yet recorded nor dismissed. */
export async function changeCandidates(db: Db): Promise<ChangeCandidate[]> {
  const rows = await db.query<VillageCycle & Record<string, unknown>>(
    'SELECT county, township, village_key, village, cycle_year FROM stat_villages ORDER BY county, township, cycle_year, village',
  );
  const recorded = await db.query<{ old_key: string; new_key: string }>('SELECT old_key, new_key FROM village_changes');
  const explained = new Set(recorded.flatMap((r) => [r.old_key, r.new_key]));
  const dismissed = new Set(await dismissedCandidates(db));
  return proposeChanges(
    rows.map((r) => ({ ...r, cycle_year: Number(r.cycle_year) })),
    explained,
  ).filter((c) => !dismissed.has(c.id));
}

async function dismissedCandidates(db: Db): Promise<string[]> {
  try {
    const v = JSON.parse((await getSetting(db, DISMISSED)) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Records a dismissal in app_settings; the caller saves the table. */
export async function dismissCandidate(db: Db, id: string): Promise<void> {
  const list = await dismissedCandidates(db);
  if (!list.includes(id)) list.push(id);
  await setSetting(db, DISMISSED, JSON.stringify(list));
}

/** The rows a candidate becomes when accepted. */
export function candidateChanges(c: ChangeCandidate): NewChange[] {
  return c.olds.flatMap((o) =>
    c.news.map((n) => ({
      kind: c.kind,
      old_key: o.key,
      old_name: o.name,
      new_key: n.key,
      new_name: n.name,
      effective_cycle: c.effectiveCycle,
      note: null,
      source: 'proposed-accepted' as const,
    })),
  );
}
