/** The words of village lineage: a refused change's problem, and the marks beside figures (src/db/lineage.ts). */
import type { ChangeProblem, LineageMark, LineageMarks, SplitMark } from '../../queries/lineage';
import type { ChangeSheetProblem } from '../../import/villageChanges';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** "第 4 行：没有名为“赵家村”的村…": a problem of a set of changes, with its row when it has one. */
export function problemText(p: ChangeProblem | ChangeSheetProblem, t: T): string {
  const text = t(`lineage.problem.${p.code}`, {
    name: 'name' in p ? p.name : 'value' in p ? p.value : '',
    cycle: 'cycle' in p ? p.cycle : '',
  });
  return 'row' in p ? t('lineage.problem.row', { row: p.row, text }) : 'line' in p ? t('lineage.problem.row', { row: p.line, text }) : text;
}

const listSep = (t: T) => t('lineage.listSep');

export function markText(m: LineageMark, t: T): string {
  return t(m.kind === 'merge' ? 'lineage.markMerge' : 'lineage.markRename', { names: m.predecessors.join(listSep(t)) });
}

export function splitText(s: SplitMark, t: T): string {
  return t('lineage.markSplit', { name: s.old_name, cycle: s.effective_cycle });
}

/** The note of one village's figure of one cycle, if it includes other villages or follows a split. */
export function cycleMark(marks: LineageMarks | undefined, villageKey: string | null | undefined, cycle: number, t: T): string | null {
  if (!marks || !villageKey) return null;
  const m = marks.merged.find((x) => x.lineage_key === villageKey && x.cycle_year === cycle);
  if (m) return markText(m, t);
  const s = marks.splits.find((x) => x.new_key === villageKey && x.effective_cycle > cycle);
  return s ? splitText(s, t) : null;
}

/**
 * The notes of the villages a chart draws across cycles, one per village and kind:
 * "李王村 2015、2018：含合并前 李家村、王家村 数据".
 */
export function placeMarks(marks: LineageMarks | undefined, names: ReadonlyMap<string, string>, t: T): string[] {
  if (!marks) return [];
  const out = new Map<string, { name: string; cycles: number[]; text: string }>();
  for (const m of marks.merged) {
    const name = names.get(m.lineage_key);
    if (name === undefined) continue;
    const text = markText(m, t);
    const k = `${m.lineage_key}|${text}`;
    const e = out.get(k) ?? { name, cycles: [], text };
    e.cycles.push(m.cycle_year);
    out.set(k, e);
  }
  const sep = listSep(t);
  const notes = [...out.values()].map((e) => t('lineage.markAt', { place: e.name, cycles: e.cycles.join(sep), text: e.text }));
  for (const s of marks.splits) {
    const name = names.get(s.new_key);
    if (name !== undefined) notes.push(t('lineage.markAt', { place: name, cycles: '', text: splitText(s, t) }).replace(/ (?=[:：])/, ''));
  }
  return notes;
}
