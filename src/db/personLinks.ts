/**
 * Persons linked across cycles (docs/domain.md, "Persons and villages across cycles"): which
 * member of a cycle is the same person as a member of the village's previous cycle, and from that
 * who was re-elected (连任), newly elected (新进) or left (离任), and for how long each has held
 * office. Built with the count tables (src/db/stats.ts), which count these statuses per village.
 *
 * A *unit* is what is linked: for one body, a seat (one roster row); for both bodies together, a
 * person (a person_key: a name within a village and cycle, on either body or both). Two units of
 * one village's consecutive cycles are the same person when
 * - both carry an ID number hashed under the same key: the hashes are equal;
 * - otherwise (no ID on either side, or hashed under another office's key): the names are equal
 *   and the birth year and month do not disagree (either unknown matches).
 * A unit with more than one such partner, or whose partner has more than one, is *ambiguous*: it is
 * listed (findAmbiguousLinks), not guessed, and left out of every count's denominator.
 *
 * The table person_links keeps one row per unit with its status; it is rebuilt with the
 * count tables (and, for the villages an import touched, refreshed with them).
 */
import { successorsSql } from './lineage';
import type { Db, SqlParam } from './types';

/**
 * The one place where a village is matched across cycles: given a query of (village_key,
 * cycle_year), the key under which that village-cycle's persons are looked for in earlier cycles
 * and its left members counted — its latest successor's after a merge or a rename
 * (src/db/lineage.ts), else its own. So a merged village's predecessors are searched too, and a
 * partial refresh of the count tables takes in every village sharing a touched one's successor
 * (src/db/stats.ts).
 */
export const matchKeysSql = (villageCycles: string): string =>
  `SELECT DISTINCT v.village_key, v.cycle_year, coalesce(l.lineage_key, v.village_key) AS match_key
   FROM (${villageCycles}) v LEFT JOIN (${successorsSql(villageCycles)}) l USING (village_key, cycle_year)`;

/** The role class of a roster row (head, deputy, member), as the count tables group them. */
export const ROLE_CLASS = `CASE role WHEN 'secretary' THEN 'head' WHEN 'director' THEN 'head'
  WHEN 'deputy_secretary' THEN 'deputy' WHEN 'deputy_director' THEN 'deputy' ELSE 'member' END`;

/**
 * Whether units a and b (aliases) are the same person. An ID hash is `<key id>:<hash>`
 * (src/import/idHash.ts): only hashes under the same key can be compared.
 */
export const samePersonSql = (a: string, b: string): string =>
  `CASE WHEN ${a}.id_key IS NOT NULL AND ${a}.id_key = ${b}.id_key THEN ${a}.id_hash = ${b}.id_hash
        ELSE ${a}.name = ${b}.name
             AND (${a}.birth_year IS NULL OR ${b}.birth_year IS NULL OR ${a}.birth_year = ${b}.birth_year)
             AND (${a}.birth_month IS NULL OR ${b}.birth_month IS NULL OR ${a}.birth_month = ${b}.birth_month) END`;

/** Unit statuses that say the unit could be compared with the previous cycle. */
export const COMPARED = `('new', 'continued', 'ambiguous')`;

/**
 * A unit's scope as a number (a seat's unit is found under its one body, a person's under 'all'),
 * and the unit with its scope as one BIGINT (a unit number is below 2^62): the links' intermediate
 * tables are keyed by it rather than by the scope's name and the unit. 'village_committee' is too
 * long for DuckDB to keep inline, and the pairs' and statuses' hash tables keyed on it took most of
 * the engine's memory while the links were built (at a million roster rows, heap ≈0.2 GB higher).
 */
const scopeCode = (a: string) =>
  `CASE ${a}.scope_body WHEN 'all' THEN 0 WHEN 'party_branch' THEN 1 WHEN 'village_committee' THEN 2 ELSE 3 END`;
const scopedUnit = (a: string) => `(${a}.unit * 4 + ${scopeCode(a)})`;

/** The statuses as a one-byte ENUM between the links' statements (a VARCHAR takes 16), VARCHAR again in person_links. */
const STATUS = `ENUM('first', 'unknown', 'new', 'continued', 'ambiguous', 'left', 'stayed')`;

/**
 * Every village × cycle × body with data of the body (results, a roster or a statistical table),
 * from `src(table)`: what a body's previous and next cycle are taken from.
 */
export function bodyCyclesSql(src: (table: string) => string): string {
  const placed = 'village_key IS NOT NULL AND cycle_year IS NOT NULL AND body IS NOT NULL';
  return ['results', 'members', 'member_counts']
    .map((t) => `SELECT village_key, cycle_year, body FROM ${src(t)} WHERE ${placed}`)
    .join(' UNION ');
}

/**
 * The statements that build `target` (person_links, or its part): `src(table, alias?)` reads a
 * source table, filtered to the touched villages when building a part. person_links itself goes
 * into the compressed data database, as stat_people does (`temp` false): plain, at a million roster
 * rows its 1.8 million rows took ≈0.4 GB of the engine's memory (a seventh of that compressed) from
 * here to the end of the build, under every statement after it, and after it in the tab.
 */
export function personLinkSql(src: (table: string, alias?: string) => string, target: string, temp: boolean): string[] {
  return [
    // Every village-cycle with data of a body (results, a roster or a statistical table) and its
    // match key (mk: a number for it, cheaper to join on): a village's previous cycle of a body is
    // the latest earlier one it has data of.
    `CREATE OR REPLACE TEMP TABLE link_vc AS ${bodyCyclesSql(src)}`,
    `CREATE OR REPLACE TEMP TABLE link_keys AS
     SELECT *, dense_rank() OVER (ORDER BY match_key)::INTEGER AS mk
     FROM (${matchKeysSql('SELECT DISTINCT village_key, cycle_year FROM link_vc')})`,
    `CREATE OR REPLACE TEMP TABLE link_cycles AS
     WITH b AS (
       SELECT DISTINCT k.mk, v.body AS scope_body, v.cycle_year FROM link_vc v JOIN link_keys k USING (village_key, cycle_year)
       UNION SELECT DISTINCT k.mk, 'all', v.cycle_year FROM link_vc v JOIN link_keys k USING (village_key, cycle_year))
     SELECT mk, scope_body, cycle_year, lag(cycle_year) OVER w AS prev_cycle, lead(cycle_year) OVER w AS next_cycle
     FROM b WINDOW w AS (PARTITION BY mk, scope_body ORDER BY cycle_year)`,
    // Each intermediate goes as soon as it has been read for the last time: the engine's memory,
    // which a browser tab never gets back, then peaks lower.
    'DROP TABLE link_vc',
    // The units: every seat of the rosters that count, and every person of them (both bodies). A
    // unit's number is its seat's (import and row), a person's their first seat's: the same in a
    // whole build as in a part, so a refreshed village's numbers never meet another's.
    `CREATE OR REPLACE TEMP TABLE link_units AS
     WITH s AS (
       SELECT m.import_id, m.source_row, m.import_id::BIGINT * 4294967296 + m.source_row AS seat,
              m.village_key, k.mk, m.cycle_year, m.body, m.person_key,
              -- The 64-character hash as a 64-bit number of it: compared only for equality within a
              -- village, it links as well, and keeps person_links small (it stays with the count tables).
              m.name, m.birth_year, m.birth_month, CASE WHEN m.id_hash IS NOT NULL THEN hash(m.id_hash) END AS id_hash,
              CASE WHEN m.id_hash LIKE '%:%' THEN split_part(m.id_hash, ':', 1) END AS id_key,
              CASE ${ROLE_CLASS} WHEN 'head' THEN 1 WHEN 'deputy' THEN 2 ELSE 4 END AS role_bit
       FROM ${src('members_counted', 'm')} JOIN link_keys k ON k.village_key = m.village_key AND k.cycle_year = m.cycle_year
       WHERE m.body IS NOT NULL)
     SELECT body AS scope_body, seat AS unit, import_id, source_row, village_key, mk, cycle_year, person_key,
            name, birth_year, birth_month, id_hash, id_key, role_bit AS role_bits, false AS dup
     FROM s
     UNION ALL
     SELECT 'all', min(seat), NULL, NULL, any_value(village_key), any_value(mk), any_value(cycle_year),
            person_key, any_value(name), any_value(birth_year), any_value(birth_month), max(id_hash), max(id_key),
            bit_or(role_bit),
            -- Two seats of one body under one name are two persons the roster cannot tell apart (a
            -- body is a party branch or a village committee: counting them so spares a distinct count).
            count(*) > bool_or(body = 'party_branch')::INTEGER + bool_or(body = 'village_committee')::INTEGER
     FROM s GROUP BY person_key`,
    // A unit carries its match key as mk; the key itself is put back in person_links at the end (a
    // second 17-character string per unit in the plain link_units, ≈60 MB at a million roster rows).
    'CREATE OR REPLACE TEMP TABLE link_mk AS SELECT DISTINCT mk, match_key FROM link_keys',
    'DROP TABLE link_keys',
    // Every pair of units of consecutive cycles that may be the same person (samePersonSql), found
    // by two equality joins — on the ID hash under one key, else on the name — rather than by
    // testing every pair of a village's consecutive cycles (2.3 million pairs tested for 0.23
    // million found at 300,000 roster rows). The two halves are disjoint: the second takes only
    // pairs whose ID hashes are not under one key.
    // cur and prev: the scoped units (scopedUnit); prev_unit: the previous unit's own number.
    `CREATE OR REPLACE TEMP TABLE link_pairs AS
     WITH u AS (
       SELECT ${scopeCode('u')} AS sc, u.unit, u.mk, c.prev_cycle, u.dup, u.name, u.birth_year, u.birth_month, u.id_hash, u.id_key
       FROM link_units u JOIN link_cycles c USING (mk, scope_body, cycle_year) WHERE c.prev_cycle IS NOT NULL)
     SELECT u.unit * 4 + u.sc AS cur, ${scopedUnit('w')} AS prev, w.unit AS prev_unit, u.dup AS cur_dup
     FROM u JOIN link_units w ON w.mk = u.mk AND ${scopeCode('w')} = u.sc AND w.cycle_year = u.prev_cycle
       AND w.id_key = u.id_key AND w.id_hash = u.id_hash
     UNION ALL
     SELECT u.unit * 4 + u.sc, ${scopedUnit('w')}, w.unit, u.dup
     FROM u JOIN link_units w ON w.mk = u.mk AND ${scopeCode('w')} = u.sc AND w.cycle_year = u.prev_cycle AND w.name = u.name
     WHERE (u.id_key IS NULL OR w.id_key IS NULL OR u.id_key <> w.id_key)
       AND (u.birth_year IS NULL OR w.birth_year IS NULL OR u.birth_year = w.birth_year)
       AND (u.birth_month IS NULL OR w.birth_month IS NULL OR u.birth_month = w.birth_month)`,
    // A pair is one to one when neither unit has another partner and the current unit is not two
    // seats under one name: then, and only then, the current unit continued and the previous stayed.
    // The pairs' two counts first, then one row per unit in each direction (link_back as the current
    // unit, link_fwd as the previous), so that the status statement below joins two hash tables, not
    // four: joining the units to both counts in both directions at once needed some 125 MB more of
    // the engine's memory at a million roster rows (scripts/bench/countsMemory.ts), and the count
    // build peaked in the tab from there on (docs/performance.md, "Memory and the limits").
    `CREATE OR REPLACE TEMP TABLE link_one AS
     SELECT p.cur, p.prev, p.prev_unit, c.n = 1 AND r.n = 1 AND NOT p.cur_dup AS one
     FROM link_pairs p
     JOIN (SELECT cur, count(*) AS n FROM link_pairs GROUP BY cur) c USING (cur)
     JOIN (SELECT prev, count(*) AS n FROM link_pairs GROUP BY prev) r USING (prev)`,
    'DROP TABLE link_pairs',
    // A one-to-one pair is its current unit's only pair, and its previous unit's.
    `CREATE OR REPLACE TEMP TABLE link_back AS
     SELECT cur AS su, bool_or(one) AS one, any_value(prev) FILTER (WHERE one) AS prev_su,
            any_value(prev_unit) FILTER (WHERE one) AS prev_unit
     FROM link_one GROUP BY cur`,
    'CREATE OR REPLACE TEMP TABLE link_fwd AS SELECT prev AS su, bool_or(one) AS one FROM link_one GROUP BY prev',
    'DROP TABLE link_one',
    // Each unit's status against the previous cycle (status) and the next (next_status):
    // first — the village has no earlier cycle of the body; unknown — the earlier cycle has no
    // roster that counts, or the unit neither a name nor an ID; new / continued; ambiguous.
    // Looking forward: left / stayed / ambiguous / unknown, NULL without a later cycle.
    `CREATE OR REPLACE TEMP TABLE link_status AS
     WITH sizes AS (SELECT DISTINCT mk, scope_body, cycle_year FROM link_units)
     SELECT u.su, u.cycle_year, c.prev_cycle, c.next_cycle,
            CASE WHEN c.prev_cycle IS NULL THEN 'first'
                 WHEN ps.mk IS NULL OR u.blank THEN 'unknown'
                 WHEN b.su IS NULL THEN 'new'
                 WHEN b.one THEN 'continued'
                 ELSE 'ambiguous' END::${STATUS} AS status,
            b.prev_unit, b.prev_su,
            CASE WHEN c.next_cycle IS NULL THEN NULL
                 WHEN ns.mk IS NULL OR u.blank THEN 'unknown'
                 WHEN f.su IS NULL THEN 'left'
                 WHEN f.one THEN 'stayed'
                 ELSE 'ambiguous' END::${STATUS} AS next_status
     -- Only what the status needs is carried through the joins; the rest is joined back once below.
     FROM (SELECT scope_body, ${scopedUnit('link_units')} AS su, mk, cycle_year, name IS NULL AND id_key IS NULL AS blank FROM link_units) u
     JOIN link_cycles c USING (mk, scope_body, cycle_year)
     LEFT JOIN sizes ps ON ps.mk = u.mk AND ps.scope_body = u.scope_body AND ps.cycle_year = c.prev_cycle
     LEFT JOIN sizes ns ON ns.mk = u.mk AND ns.scope_body = u.scope_body AND ns.cycle_year = c.next_cycle
     LEFT JOIN link_back b ON b.su = u.su
     LEFT JOIN link_fwd f ON f.su = u.su`,
    'DROP TABLE link_back',
    'DROP TABLE link_fwd',
    'DROP TABLE link_cycles',
    // Years in office at the election: the cycle year less the year of the election that began the
    // unit's unbroken run of terms (docs/domain.md). A run that reaches the village's first
    // cycle of the body starts there; one through an ambiguous or unknown link is not counted.
    `CREATE OR REPLACE TEMP TABLE link_years AS
     WITH RECURSIVE chain(su, start_cycle) AS (
       SELECT su, cycle_year FROM link_status WHERE status IN ('new', 'first')
       UNION ALL
       SELECT n.su, ch.start_cycle
       FROM chain ch JOIN link_status n ON n.prev_su = ch.su AND n.status = 'continued')
     SELECT s.* EXCLUDE (cycle_year, prev_su), CASE WHEN s.status IN ('new', 'continued') THEN s.cycle_year - ch.start_cycle END AS years
     FROM link_status s LEFT JOIN chain ch ON ch.su = s.su`,
    'DROP TABLE link_status',
    // The wide units meet their status once, a scope at a time: each join's hash table holds a
    // scope's statuses, not all of them. In one statement it grew the engine's heap by ≈0.1 GB at a
    // million roster rows, the import's peak in the tab; a scope at a time it grows none.
    ...[0, 1, 2, 3].map(
      (code) => `${code === 0 ? `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${target} AS` : `INSERT INTO ${target}`}
     SELECT u.scope_body, u.unit, u.import_id, u.source_row, u.village_key, k.match_key, u.* EXCLUDE (scope_body, unit, import_id, source_row, village_key, mk),
            s.prev_cycle, s.next_cycle, s.status::VARCHAR AS status, s.prev_unit, s.next_status::VARCHAR AS next_status, s.years
     FROM link_units u JOIN link_years s ON s.su = ${scopedUnit('u')} JOIN link_mk k ON k.mk = u.mk
     WHERE ${scopeCode('u')} = ${code} AND s.su % 4 = ${code}`,
    ),
    'DROP TABLE link_units',
    'DROP TABLE link_years',
    'DROP TABLE link_mk',
    leftSql(target),
  ];
}

/**
 * The left members counted into the cycle after them (their village's next cycle of the body), per
 * body and role scope, for stat_people (withLeft): from `links`, person_links or its part.
 */
export const leftSql = (links: string): string =>
  `CREATE OR REPLACE TEMP TABLE stat_left AS
     SELECT match_key AS village_key, next_cycle AS cycle_year, scope_body AS body, r.role,
            count(*) FILTER (WHERE next_status IN ('left', 'stayed')) AS left_known,
            count(*) FILTER (WHERE next_status = 'left') AS n_left
     FROM ${links} JOIN (VALUES ('head', 1), ('deputy', 2), ('member', 4), ('all', 7)) r(role, bit) ON role_bits & r.bit <> 0
     WHERE next_cycle IS NOT NULL GROUP BY ALL`;

/**
 * A query of stat_people rows with their left members (stat_left, or `left`: those of its rows
 * that can match) put in: its left_known and n_left are 0 where the cycle could be compared with
 * the previous one and NULL where not.
 */
export function withLeft(rows: string, left = 'stat_left'): string {
  return `SELECT c.* REPLACE (
            CASE WHEN c.left_known IS NOT NULL THEN coalesce(l.left_known, 0) END AS left_known,
            CASE WHEN c.n_left IS NOT NULL THEN coalesce(l.n_left, 0) END AS n_left)
     FROM (${rows}) c
     LEFT JOIN ${left} l ON l.village_key = c.village_key AND l.cycle_year = c.cycle_year AND l.body = c.body AND l.role = c.role`;
}

export type AmbiguousLink = {
  county: string | null;
  township: string | null;
  village: string | null;
  village_key: string;
  body: string;
  cycle_year: number;
  name: string | null;
  birth: string | null;
  id_masked: string | null;
  role: string | null;
  person_key: string;
  prev_cycle: number;
  prev_name: string | null;
  prev_birth: string | null;
  prev_id_masked: string | null;
  prev_role: string | null;
  prev_person_key: string;
};

const BIRTH = (a: string) =>
  `CASE WHEN ${a}.birth_year IS NOT NULL THEN ${a}.birth_year::VARCHAR || coalesce('.' || lpad(${a}.birth_month::VARCHAR, 2, '0'), '') END`;

/**
 * Pairs of seats that may be the same person where the match is not one to one (two 张伟 born in
 * the same month in one village): listed for the office to decide, never guessed. Per body.
 */
export async function findAmbiguousLinks(
  db: Db,
  q: { county?: string | null; township?: string | null; village?: string | null; cycles: readonly number[] },
): Promise<AmbiguousLink[]> {
  const conds: string[] = [];
  const args: SqlParam[] = [];
  for (const [col, v] of [
    ['p.county', q.county],
    ['p.township', q.township],
    ['u.village_key', q.village],
  ] as const) {
    if (v) {
      conds.push(`${col} = ?`);
      args.push(v);
    }
  }
  if (q.cycles.length > 0) {
    conds.push(`u.cycle_year IN (${q.cycles.map(() => '?').join(', ')})`);
    args.push(...q.cycles);
  }
  return db.query<AmbiguousLink>(
    `SELECT p.county, p.township, p.village, u.village_key, u.scope_body AS body, u.cycle_year,
            u.name, ${BIRTH('u')} AS birth, mu.id_masked, mu.role, u.person_key,
            w.cycle_year AS prev_cycle, w.name AS prev_name, ${BIRTH('w')} AS prev_birth, mw.id_masked AS prev_id_masked,
            mw.role AS prev_role, w.person_key AS prev_person_key
     FROM person_links u
     JOIN person_links w ON w.match_key = u.match_key AND w.scope_body = u.scope_body AND w.cycle_year = u.prev_cycle
     JOIN members mu ON mu.import_id = u.import_id AND mu.source_row = u.source_row
     JOIN members mw ON mw.import_id = w.import_id AND mw.source_row = w.source_row
     JOIN stat_places p ON p.village_key = u.village_key
     WHERE u.scope_body <> 'all' AND (u.status = 'ambiguous' OR w.next_status = 'ambiguous') AND ${samePersonSql('u', 'w')}
       ${conds.length ? `AND ${conds.join(' AND ')}` : ''}
     ORDER BY p.county, p.township, p.village, u.village_key, u.cycle_year, u.scope_body, u.name, u.source_row, w.source_row`,
    args,
  );
}

/** Roster rows whose ID number was hashed under another office's key (or before keys were kept). */
export async function countForeignIdHashes(db: Db, keyId: string | null): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM members WHERE id_hash IS NOT NULL AND (? IS NULL OR NOT starts_with(id_hash, ? || ':'))`,
    [keyId, keyId],
  );
  return r?.n ?? 0;
}

export type RosterEntry = {
  person_key: string;
  village: string | null;
  name: string | null;
  body: string;
  role: string | null;
  gender: string | null;
  birth: string | null;
  id_masked: string | null;
  /** new, continued, ambiguous, first, unknown — or null where the village's statistical table counts. */
  status: string | null;
  years: number | null;
};

/** A village's roster of one cycle with each seat's link to the previous cycle: the way to a person's history. */
export async function villageRoster(db: Db, villageKey: string, cycle: number): Promise<RosterEntry[]> {
  return db.query<RosterEntry>(
    `SELECT m.person_key, p.village, m.name, m.body, m.role, m.gender, ${BIRTH('m')} AS birth, m.id_masked, pl.status, pl.years
     FROM members m
     LEFT JOIN stat_places p ON p.village_key = m.village_key
     LEFT JOIN person_links pl ON pl.scope_body = m.body AND pl.import_id = m.import_id AND pl.source_row = m.source_row
     WHERE m.village_key = ? AND m.cycle_year = ? AND m.body IS NOT NULL
     ORDER BY m.body, CASE WHEN m.role IN ('secretary', 'director') THEN 0 WHEN m.role LIKE 'deputy%' THEN 1 ELSE 2 END, m.source_row`,
    [villageKey, cycle],
  );
}

export type PersonSeat = {
  person_key: string;
  county: string | null;
  township: string | null;
  village: string | null;
  village_key: string;
  cycle_year: number;
  body: string;
  role: string | null;
  name: string | null;
  birth: string | null;
  id_masked: string | null;
  status: string | null;
  years: number | null;
  /** How this row was found: the person asked for, a chain of links, or the same ID / name and birth month. */
  found: 'self' | 'linked' | 'match';
};

/**
 * A person's seats in every cycle: the person asked for (a person_key), those linked to them cycle
 * by cycle (both ways), and any other of the village's rows that match them (the same ID number,
 * or name and birth month — a return after a break, or a namesake the links could not decide).
 */
export async function personHistory(db: Db, personKey: string): Promise<PersonSeat[]> {
  return db.query<PersonSeat>(
    `WITH RECURSIVE
     me AS (SELECT * FROM person_links WHERE scope_body = 'all' AND person_key = ?),
     back(unit) AS (
       SELECT unit FROM me
       UNION SELECT l.prev_unit FROM back b JOIN person_links l ON l.scope_body = 'all' AND l.unit = b.unit WHERE l.prev_unit IS NOT NULL),
     fwd(unit) AS (
       SELECT unit FROM me
       UNION SELECT l.unit FROM fwd f JOIN person_links l ON l.scope_body = 'all' AND l.prev_unit = f.unit),
     found AS (
       SELECT unit, 'linked' AS found FROM (SELECT unit FROM back UNION SELECT unit FROM fwd)
       UNION ALL
       SELECT w.unit, 'match' FROM me u JOIN person_links w ON w.scope_body = 'all' AND w.match_key = u.match_key AND w.unit <> u.unit
       WHERE ${samePersonSql('u', 'w')}),
     units AS (
       SELECT l.person_key, CASE WHEN l.person_key = ? THEN 'self' ELSE min(f.found) END AS found
       FROM found f JOIN person_links l ON l.scope_body = 'all' AND l.unit = f.unit GROUP BY l.person_key)
     SELECT m.person_key, p.county, p.township, p.village, m.village_key, m.cycle_year, m.body, m.role, m.name,
            ${BIRTH('m')} AS birth, m.id_masked, pl.status, pl.years, u.found
     FROM units u
     JOIN members m ON m.person_key = u.person_key
     JOIN stat_places p ON p.village_key = m.village_key
     LEFT JOIN person_links pl ON pl.scope_body = m.body AND pl.import_id = m.import_id AND pl.source_row = m.source_row
     ORDER BY m.cycle_year DESC, m.body, m.source_row`,
    [personKey, personKey],
  );
}
