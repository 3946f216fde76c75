/**
 * The answers of the metric statements (src/metrics/query.ts), kept per engine while the count
 * tables and the village lineage they read stay as they are — the memo of a statement's text that
 * Mosaic's coordinator keeps. Different questions ask the same statement: the KPI figures of the
 * party branch and of the villagers' committee read stat_results alike, a county's figures and its
 * townships' trend the same villages (`askTogether` shares statements only among asks made at
 * once). A scope change then asks the engine only what it has not answered since the data last
 * changed: at a million roster rows the move back to a county's whole ran seven statements, three
 * of them answered minutes before.
 */
import { lineageEpoch } from './lineage';
import { countsEpoch, nullableOf } from './nullMemo';
import { underlying } from './deferredDb';
import type { Db, Row } from './types';

/**
 * Answers kept per engine, the most recent last: a scope's figures are a few dozen statements, and
 * most of them a few hundred rows; a county's villages by cycle are thousands, so rows are bounded
 * too (the page holds each answer once more as its queries' rows).
 */
const KEEP = 96;
export const KEEP_ROWS = 100_000;

interface Kept {
  state: string;
  answers: Map<string, Promise<Row[]>>;
  /** Rows of the answers in, per statement. */
  rows: Map<string, number>;
}

const kept = new WeakMap<Db, Kept>();

/** Which state of the count tables and the lineage an answer is of. */
const stateOf = (db: Db) => `${countsEpoch(db)}.${lineageEpoch(db)}`;

/**
 * `sql`'s answer: the one kept if the statement was asked since the count tables and the lineage
 * last changed (or is being answered now), else asked of the engine. Nothing is kept while the
 * count tables are rebuilt (no nullable columns known then), nor an answer that failed.
 */
export function countsAnswer(db: Db, sql: string, opts?: { priority?: number }): Promise<Row[]> {
  if (!nullableOf(db)) return db.query(sql, [], opts);
  const state = stateOf(db);
  const key = underlying(db);
  let k = kept.get(key);
  if (!k || k.state !== state) {
    k = { state, answers: new Map(), rows: new Map() };
    kept.set(key, k);
  }
  const { answers, rows } = k;
  const hit = answers.get(sql);
  if (hit) {
    // Most recently asked last: the first is the one to drop.
    answers.delete(sql);
    answers.set(sql, hit);
    return hit;
  }
  const answer = db.query(sql, [], opts);
  answers.set(sql, answer);
  const drop = (s: string) => {
    answers.delete(s);
    rows.delete(s);
  };
  answer.then(
    (r) => {
      if (answers.get(sql) !== answer) return;
      rows.set(sql, r.length);
      let total = 0;
      for (const n of rows.values()) total += n;
      // The oldest first; one answer over the bound alone is not kept either.
      for (const s of answers.keys()) {
        if (total <= KEEP_ROWS) break;
        total -= rows.get(s) ?? 0;
        drop(s);
      }
    },
    () => {
      if (answers.get(sql) === answer) drop(sql);
    },
  );
  if (answers.size > KEEP) drop(answers.keys().next().value as string);
  return answer;
}

/** Drops the answers kept for `db`: what a test asks next goes to the engine. */
export function forgetAnswers(db: Db): void {
  kept.delete(underlying(db));
}
