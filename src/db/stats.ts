/**
 * Per-village counts that every indicator is computed from, refreshed once after each import or
 * delete (for the villages it touched, when they are few) so that views only ever read small,
 * pre-aggregated tables.
 *
 * - stat_places:  village_key → the names shown (latest cycle's spelling), county and township.
 * - stat_results: village × cycle × body — paired numerators/denominators of the ballot metrics
 *                 (a pair only counts where both halves are known) and the raw figures.
 * - stat_people:  village × cycle × body scope × role scope — counts of persons, from the roster
 *                 or from the statistical table (member_counts), whichever counts (src/db/sources.ts).
 *                 Body scope 'all' counts a person on both bodies once; role scope 'all' every role
 *                 class. A NULL count is one the data does not give: such rows do not cover the
 *                 indicators that read it, and the metric SQL says so instead of a partial figure.
 *                 The age pyramid's persons by gender and five-year band are columns of it too
 *                 (rosters only): as rows of a table of their own they were 2.9 million rows at a
 *                 million roster rows, 7 of the 18 s all these tables took in DuckDB's Node build.
 * - stat_villages: village × cycle — both bodies recorded, one-shoulder.
 * - stat_reported: village × cycle — what it reported, read by the completeness queries
 *                 (src/db/reported.ts).
 *
 * stat_places, stat_results, stat_villages and stat_reported are temporary tables: plain, not
 * compressed like the data database (src/db/lockdown.ts), because the dashboard's KPI cards read
 * stat_results several times per scope change and a scan of it took 20–40 ms compressed against
 * 4 ms plain (Chromium, 100k roster rows). The large one, stat_people, stays compressed: plain, it and the former age
 * table took ≈1 GB more at a million roster rows for no measurable gain. They are saved with the
 * imports (src/store/savedCounts.ts): a reload restores them instead of rebuilding them.
 */
import { COUNT_TABLES } from './countTables';
import { refreshLineage, successorsSql } from './lineage';
import { COUNTS } from './personCounts';
import { refreshingNullColumns } from './nullCounts';
import { bodyCyclesSql, leftSql, personLinkSql, ROLE_CLASS, withLeft } from './personLinks';
import { underlying } from './deferredDb';
import { reportedSql } from './reported';
import type { Db } from './types';

/** The electorate and the voters of an election: party members for a branch, villagers otherwise. */
export const ELECTORATE = `CASE WHEN body = 'party_branch' THEN coalesce(party_members_entitled, registered_voters) ELSE registered_voters END`;
export const VOTED = `CASE WHEN body = 'party_branch' THEN coalesce(party_members_voted, voters_voted) ELSE voters_voted END`;

/** A statistical table's counts → the count columns of stat_people (the roster's names). */
const TABLE_COUNTS: readonly (readonly [string, string])[] = [
  ['members', 'n_members'],
  ['women', 'n_women'],
  ['minority', 'n_minority'],
  ['party', 'n_party'],
  ['reelected', 'n_reelected'],
  ['age_le35', 'n_age_le35'],
  ['age_36_45', 'n_age_36_45'],
  ['age_46_55', 'n_age_46_55'],
  ['age_ge56', 'n_age_ge56'],
  ['age_le29', 'n_age_le29'],
  ['age_30_49', 'n_age_30_49'],
  ['age_ge50', 'n_age_ge50'],
  ['age_ge60', 'n_age_ge60'],
  ['edu_junior', 'n_edu_junior'],
  ['edu_senior', 'n_edu_senior'],
  ['edu_college', 'n_edu_college'],
  ['cross_holding', 'n_cross_holding'],
  ['cgo', 'n_cgo'],
];

/**
 * A table row that reports a figure knows it of every member: its "known" denominator is the
 * members elected when any of the figures behind it is given (an age band or the average age
 * means every age is accounted for).
 */
const KNOWN_FROM: readonly (readonly [string, readonly string[]])[] = [
  ['gender_known', ['women']],
  ['age_known', ['age_sum', 'age_le35', 'age_36_45', 'age_46_55', 'age_ge56', 'age_le29', 'age_30_49', 'age_ge50', 'age_ge60']],
  ['edu_known', ['edu_junior', 'edu_senior', 'edu_college']],
  ['party_known', ['party']],
  ['minority_known', ['minority']],
  ['reelect_known', ['reelected']],
];

/** A sum that is unknown when any summed row does not know it (duplicate rows kept on import). */
const sumAll = (col: string) => `CASE WHEN count(${col}) = count(*) THEN sum(${col})::BIGINT END`;

/** Attributes of a person, the same whichever body they sit on; re-election is per body. */
const PERSON_COLUMNS = [
  'gender_known',
  'women',
  'age_known',
  'age_le35',
  'age_36_45',
  'age_46_55',
  'age_ge56',
  'age_le29',
  'age_30_49',
  'age_ge50',
  'age_ge60',
  'edu_known',
  'edu_junior',
  'edu_senior',
  'edu_college',
  'party_known',
  'party',
  'minority_known',
  'minority',
  'cgo',
] as const;
const BODY_COLUMNS = ['reelect_known', 'reelected'] as const;

/**
 * Both bodies' persons from two per-body counts (b: party branch, c: committee) and the x persons
 * on both — exactly what a roster gives, or NULL. Persons: b + c − x. A count A of persons with an
 * attribute is A_b + A_c − (those of the x who have it); that overlap lies between
 * max(0, A_b − (b − x), A_c − (c − x)) (for a per-body fact such as re-election: the two lower
 * bounds' excess over x) and min(A_b, A_c, x), and the count is exact only when the two meet —
 * e.g. party members (every branch member is one) or when no cross-holder can have the attribute.
 * The sum of ages is exact only without cross-holders.
 */
export function combined(): string {
  const known = (...cols: string[]) => cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
  const base = `${known('b.members', 'c.members', 'x.x')} AND x.x <= least(b.members, c.members)`;
  const union = (col: string, perBody: boolean) => {
    const lb = (t: string) => `greatest(0, ${t}.${col} - (${t}.members - x.x))`;
    const lo = perBody ? `greatest(0, ${lb('b')} + ${lb('c')} - x.x)` : `greatest(${lb('b')}, ${lb('c')})`;
    const hi = `least(b.${col}, c.${col}, x.x)`;
    return `CASE WHEN ${base} AND ${known(`b.${col}`, `c.${col}`)} AND ${lo} = ${hi} THEN b.${col} + c.${col} - ${hi} END AS ${col}`;
  };
  return [
    `CASE WHEN ${base} THEN b.members + c.members - x.x END AS members`,
    `CASE WHEN ${base} THEN x.x END AS cross_holding`,
    `CASE WHEN ${base} AND x.x = 0 THEN b.age_sum + c.age_sum END AS age_sum`,
    ...PERSON_COLUMNS.map((c) => union(c, false)),
    ...BODY_COLUMNS.map((c) => union(c, true)),
  ].join(',\n          ');
}

const pair = (num: string, den: string, name: string) =>
  `CASE WHEN (${num}) IS NOT NULL AND (${den}) > 0 THEN (${num}) END AS ${name}_num,
   CASE WHEN (${num}) IS NOT NULL AND (${den}) > 0 THEN (${den}) END AS ${name}_den`;

const COUNT_NAMES = COUNTS.map(([n]) => n);
const PERSON_COUNTS = COUNTS.map(([n, e]) => `${e} AS ${n}`).join(',\n          ');

/**
 * One person from their seats in scope: what a person is, the same on any seat (gender, age …),
 * yes where any seat says so (party member, re-elected), and the votes of all.
 */
const SEATS_TO_PERSON = `any_value(village_key) AS village_key, any_value(cycle_year) AS cycle_year, any_value(n_bodies) AS n_bodies,
          any_value(gender) AS gender, any_value(age) AS age, any_value(edu) AS edu, bool_or(party) AS party,
          any_value(minority) AS minority, bool_or(reelected) AS reelected, bool_or(cgo) AS cgo,
          sum(votes)::BIGINT AS votes, sum(votes_cast)::BIGINT AS votes_cast,
          any_value(p_status) AS lstatus, any_value(p_years) AS lyears`;

/**
 * In how many shares of the villages stat_people's roster rows are counted (see statsSql), and a
 * village's share: a person is of one village, so no count spans two shares.
 */
const SHARES = 2;
const shareOf = (villageKey: string) => `(hash(${villageKey}) % ${SHARES})::UTINYINT`;

/**
 * One statement per share of the villages, given the condition on stat_seat (whose `share` column
 * is each seat's) and the left members (stat_left) of that share. Over the whole of stat_left a
 * share's statement built a hash table of every village's left members: 0.3–0.4 s more each (four
 * shares at a million roster rows, DuckDB's Node build).
 */
const shares = (sql: (seats: string, left: string, k: number) => string): string[] =>
  Array.from({ length: SHARES }, (_, k) => sql(`share = ${k}`, `(FROM stat_left WHERE ${shareOf('village_key')} = ${k})`, k));

/** Counts keyed by village with the names shown (an inner join, as every count table has). */
const named = (counts: string, places: string) =>
  `SELECT p.county, p.township, p.village, c.* FROM (${counts}) c JOIN ${places} p USING (village_key)`;

/** The count tables the views read (COUNT_TABLES); the others are steps of their build. */
type CountTable = (typeof COUNT_TABLES)[number];

/** The villages' names shown (the latest cycle's spelling), from every source that names them. */
const placesSql = (src: (table: string) => string) => `WITH v AS (
       SELECT village_key, cycle_year, county, township, village, village_code FROM ${src('results')}
       UNION ALL SELECT village_key, cycle_year, county, township, village, village_code FROM ${src('members')}
       UNION ALL SELECT village_key, cycle_year, county, township, village, village_code FROM ${src('member_counts')}
       UNION ALL SELECT village_key, cycle_year, county, township, village, NULL FROM ${src('package_villages')})
     SELECT village_key,
            arg_max(county, cycle_year) AS county,
            arg_max(township, cycle_year) AS township,
            arg_max(village, cycle_year) AS village,
            max(village_code) AS village_code
     FROM v WHERE village_key IS NOT NULL GROUP BY village_key`;

/**
 * The statements that build the count tables: of every village, or (`part`) of the villages
 * listed in the temporary table stat_touched only, into tables named `<table>_part` (MERGE_SQL
 * then puts them in place). Every count is a village's own (a person is a name within a village
 * and cycle), so a village's rows come out the same either way.
 */
function statsSql(part: boolean, keepLinks = false): string[] {
  const t = (table: CountTable) => (part ? `${table}_part` : table);
  // A source read with an alias of its own name, filtered to the touched villages when building a part.
  const src = (table: string, alias = table) =>
    part ? `(FROM ${table} WHERE village_key IN (FROM stat_touched)) ${alias}` : alias === table ? table : `${table} ${alias}`;
  const people = t('stat_people');
  const links = t('person_links');
  return [
    // Links kept as they are (see linkInputs) still give the left members of each cycle.
    ...(keepLinks ? [leftSql(links)] : personLinkSql(src, links, part)),

    `CREATE OR REPLACE TEMP TABLE ${t('stat_places')} AS
     ${placesSql(src)}`,

    `CREATE OR REPLACE TEMP TABLE ${t('stat_results')} AS
     WITH r AS (
       SELECT village_key, cycle_year, body, ${ELECTORATE} AS electorate, ${VOTED} AS voted,
              eligible_voters, registered_voters, ballots_issued, ballots_returned, ballots_valid, ballots_invalid,
              party_members_entitled, party_members_present, seats, candidates,
              coalesce(first_round_success, rounds = 1) AS first_round
       FROM ${src('results')} WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL AND body IS NOT NULL)
     SELECT p.county, p.township, p.village, r.village_key, r.cycle_year, r.body,
            sum(turnout_num) AS turnout_num, sum(turnout_den) AS turnout_den,
            sum(registration_num) AS registration_num, sum(registration_den) AS registration_den,
            sum(return_num) AS return_num, sum(return_den) AS return_den,
            sum(invalid_num) AS invalid_num, sum(invalid_den) AS invalid_den,
            sum(first_round_ok) AS first_round_ok, sum(first_round_known) AS first_round_known,
            sum(electorate) AS electorate, sum(voted) AS voted, sum(eligible_voters) AS eligible,
            sum(ballots_issued) AS issued, sum(ballots_returned) AS returned, sum(ballots_valid) AS valid,
            sum(ballots_invalid) AS invalid, sum(party_members_present) AS present, sum(seats) AS seats,
            sum(candidates) AS candidates, count(*) AS source_rows
     FROM (
       SELECT *, ${pair('voted', 'electorate', 'turnout')},
                 ${pair('registered_voters', 'eligible_voters', 'registration')},
                 ${pair('ballots_returned', 'ballots_issued', 'return')},
                 ${pair('ballots_invalid', 'ballots_returned', 'invalid')},
                 CASE WHEN first_round THEN 1 WHEN NOT first_round THEN 0 END AS first_round_ok,
                 CASE WHEN first_round IS NOT NULL THEN 1 END AS first_round_known
       FROM r) r
     JOIN ${t('stat_places')} p USING (village_key)
     GROUP BY ALL`,

    // Every seat of every roster. Within one body a seat is a person (a name listed twice on one
    // body is flagged at import and counted twice); across bodies persons are counted below, by pid:
    // a number for the person_key, with how many bodies the person sits on, both from one pass over
    // the persons. Joined to the seats as they are read, they spare a second copy of the million
    // seats (0.7 s, and as much memory again, at a million roster rows); the number is cheaper to
    // group on than the long person_key. The ballots are read only where votes were cast: the
    // smaller side then, it is the one DuckDB builds its hash table on, not the seats (0.3 s less).
    `CREATE OR REPLACE TEMP TABLE stat_seat AS
     SELECT m.village_key, m.cycle_year, m.body, p.pid, ${ROLE_CLASS} AS role_class,
            -- The branch's secretary or the committee's director: one person both is 一肩挑 (stat_villages).
            (m.body = 'party_branch' AND m.role = 'secretary') OR (m.body = 'village_committee' AND m.role = 'director') AS chief,
            m.gender, m.age, m.education_tier AS edu, m.party_member AS party, m.is_minority AS minority, m.reelected,
            m.college_graduate_official AS cgo,
            CASE WHEN m.votes IS NOT NULL AND sr.voted > 0 THEN m.votes END AS votes,
            CASE WHEN m.votes IS NOT NULL AND sr.voted > 0 THEN sr.voted END AS votes_cast,
            p.n_bodies, ls.status AS lstatus, ls.years AS lyears, lp.status AS p_status, lp.years AS p_years,
            ${shareOf('m.village_key')} AS share
     FROM ${src('members_counted', 'm')}
     JOIN (SELECT person_key, row_number() OVER () AS pid,
                  bool_or(body = 'party_branch')::INTEGER + bool_or(body = 'village_committee')::INTEGER AS n_bodies
           FROM ${src('members_counted')} WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL AND body IS NOT NULL
           GROUP BY person_key) p ON p.person_key = m.person_key
     LEFT JOIN (SELECT village_key, cycle_year, body, voted FROM ${t('stat_results')} WHERE voted > 0) sr
       ON sr.village_key = m.village_key AND sr.cycle_year = m.cycle_year AND sr.body = m.body
     LEFT JOIN (SELECT import_id, source_row, status, years FROM ${links} WHERE scope_body <> 'all') ls
       ON ls.import_id = m.import_id AND ls.source_row = m.source_row
     LEFT JOIN (SELECT person_key, status, years FROM ${links} WHERE scope_body = 'all') lp ON lp.person_key = m.person_key
     WHERE m.village_key IS NOT NULL AND m.cycle_year IS NOT NULL AND m.body IS NOT NULL`,

    // Each scope's counts of the rosters, appended one scope at a time, straight into stat_people
    // (a plain copy first and then a compressed one took seconds more at a million rows). A person is
    // of one village, so the seats are counted a share of the villages at a time (SHARES): over
    // every seat at once, the hash tables of these statements were the count build's highest point
    // of the engine's heap, which never shrinks (+192 MB at a million roster rows, DuckDB's Node build).
    // A body's role 'all' adds up its role classes: within one body a person holds one seat (GROUPING
    // SETS over the seats saved a tenth of stat_people's CPU time but hold both hash tables at once:
    // the engine's heap peaked 96 MB higher at 300,000 roster rows). A roster row always covers every
    // indicator; members whose gender, age … is unknown are left out of that indicator's denominator
    // by its *_known count. Where a statistical table counts, the rows are corrected below.
    ...shares(
      (seats, left, k) => `${k === 0 ? `CREATE OR REPLACE ${part ? 'TEMP ' : ''}TABLE ${people} AS` : `INSERT INTO ${people}`}
       ${named(withLeft(`SELECT village_key, cycle_year, body, role_class AS role, ${PERSON_COUNTS} FROM stat_seat WHERE ${seats} GROUP BY village_key, cycle_year, body, role_class`, left), t('stat_places'))}`,
    ),
    `INSERT INTO ${people}
     ${withLeft(`SELECT any_value(county) AS county, any_value(township) AS township, any_value(village) AS village, village_key,
            cycle_year, body, 'all' AS role, ${COUNT_NAMES.map((n) => `sum(${n})::BIGINT AS ${n}`).join(', ')}
     FROM ${people} GROUP BY village_key, cycle_year, body`)}`,
    // Both bodies: the persons of one role class (a secretary who is also director is one head), and
    // all persons, one row each whatever their seats (role_class NULL, which a seat never has). The
    // seats are grouped into both kinds of persons in one pass (GROUPING SETS) and the persons
    // counted in one: as two statements they took 11–19 % longer (3.6–4.2 s against 3.3–3.5 s at a
    // million roster rows, DuckDB's Node build).
    ...shares(
      (seats, left) => `INSERT INTO ${people}
     ${named(
       withLeft(
         `SELECT village_key, cycle_year, 'all' AS body, coalesce(role_class, 'all') AS role, ${PERSON_COUNTS}
              FROM (SELECT role_class, ${SEATS_TO_PERSON} FROM stat_seat WHERE ${seats} GROUP BY GROUPING SETS ((pid, role_class), (pid)))
              GROUP BY village_key, cycle_year, role_class`,
         left,
       ),
       t('stat_places'),
     )}`,
    ),

    // Statistical tables: one row per village × cycle × body as given. A count the table does not
    // carry stays NULL, and so does the denominator of the indicators that would need it: such a
    // row does not cover them ("not available for this data", src/metrics/sql.ts).
    `CREATE OR REPLACE TEMP TABLE stat_tables AS
     WITH c AS (
       SELECT village_key, cycle_year, body,
              ${TABLE_COUNTS.map(([stat, col]) => `${sumAll(col)} AS ${stat}`).join(',\n            ')},
              CASE WHEN count(mean_age) = count(*) AND count(n_members) = count(*) THEN sum(mean_age * n_members) END AS age_sum
       FROM ${src('counts_counted')}
       WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL AND body IS NOT NULL
       GROUP BY ALL)
     SELECT *, 'all' AS role,
            ${KNOWN_FROM.map(([known, cols]) => `CASE WHEN coalesce(${cols.join(', ')}) IS NOT NULL THEN members END AS ${known}`).join(',\n          ')}
     FROM c`,

    // Village-cycles where a statistical table counts for a body, with the cross-holding persons its
    // rows state (the rows of the two bodies must agree).
    `CREATE OR REPLACE TEMP TABLE stat_mixed AS
     WITH body_rows AS (
       SELECT village_key, cycle_year, body, 'roster' AS src, cross_holding FROM ${people} WHERE body <> 'all' AND role = 'all'
       UNION ALL SELECT village_key, cycle_year, body, 'table', cross_holding FROM stat_tables)
     SELECT village_key, cycle_year, count(*) AS n_bodies,
            CASE WHEN min(cross_holding) FILTER (WHERE src = 'table') = max(cross_holding) FILTER (WHERE src = 'table')
                 THEN min(cross_holding) FILTER (WHERE src = 'table') END AS x
     FROM body_rows GROUP BY village_key, cycle_year HAVING bool_or(src = 'table')`,

    `CREATE OR REPLACE TEMP TABLE ${t('stat_villages')} AS
     WITH v AS (
       SELECT village_key, cycle_year FROM ${src('results')} WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL
       UNION SELECT village_key, cycle_year FROM ${src('members')} WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL
       UNION SELECT village_key, cycle_year FROM ${src('member_counts')} WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL),
     -- From the seats of the rosters that count (stat_seat), read once above.
     b AS (SELECT village_key, cycle_year, count(DISTINCT body) = 2 AS both_bodies FROM stat_seat GROUP BY ALL),
     os AS (
       SELECT DISTINCT village_key, cycle_year FROM (
         SELECT village_key, cycle_year, pid FROM stat_seat WHERE chief
         GROUP BY ALL HAVING count(DISTINCT body) = 2)),
     -- A statistical table says it outright (一肩挑 是/否); rows of the two bodies must agree.
     t AS (
       SELECT village_key, cycle_year, CASE WHEN bool_and(one_shoulder) THEN 1 WHEN NOT bool_or(one_shoulder) THEN 0 END AS flag
       FROM ${src('counts_counted')} GROUP BY ALL)
     SELECT p.county, p.township, p.village, v.village_key, v.cycle_year,
            CASE WHEN t.village_key IS NOT NULL THEN CASE WHEN t.flag IS NOT NULL THEN 1 END
                 WHEN b.both_bodies THEN 1 ELSE 0 END AS both_bodies,
            CASE WHEN t.village_key IS NOT NULL THEN t.flag
                 WHEN b.both_bodies AND os.village_key IS NOT NULL THEN 1 ELSE 0 END AS one_shoulder
     FROM v JOIN ${t('stat_places')} p USING (village_key)
     LEFT JOIN b USING (village_key, cycle_year)
     LEFT JOIN os USING (village_key, cycle_year)
     LEFT JOIN t USING (village_key, cycle_year)`,

    // The seats are read for the last time above: dropped as soon as they are, the engine's memory
    // (which a browser tab never gets back) peaks lower.
    'DROP TABLE stat_seat',

    // Both bodies of those village-cycles: persons on either counted once, as a roster would, from
    // the two bodies' counts (see combined()).
    `CREATE OR REPLACE TEMP TABLE stat_combined AS
     WITH body_rows AS (
       SELECT * EXCLUDE (county, township, village, age_gender_known, votes_sum, votes_cast_sum) FROM ${people}
       WHERE body <> 'all' AND role = 'all' AND (village_key, cycle_year) IN (SELECT village_key, cycle_year FROM stat_mixed)
       UNION ALL BY NAME SELECT * FROM stat_tables)
     SELECT b.village_key, b.cycle_year, 'all' AS body, 'all' AS role, ${combined()}
     FROM stat_mixed x
     JOIN body_rows b ON b.village_key = x.village_key AND b.cycle_year = x.cycle_year AND b.body = 'party_branch'
     JOIN body_rows c ON c.village_key = x.village_key AND c.cycle_year = x.cycle_year AND c.body = 'village_committee'
     UNION ALL BY NAME
     SELECT * REPLACE ('all' AS body) FROM stat_tables
     WHERE (village_key, cycle_year) IN (SELECT village_key, cycle_year FROM stat_mixed WHERE n_bodies = 1)`,

    // Where a table counts for a body: the rosters' both-bodies rows go (stat_combined has them),
    // and a roster body beside a table body takes the table's cross-holding count (the roster alone
    // sees no one on both).
    `DELETE FROM ${people} WHERE body = 'all' AND (village_key, cycle_year) IN (SELECT village_key, cycle_year FROM stat_mixed)`,
    `UPDATE ${people} SET cross_holding = CASE WHEN ${people}.role = 'all' THEN x.x END
     FROM stat_mixed x WHERE ${people}.village_key = x.village_key AND ${people}.cycle_year = x.cycle_year`,
    `INSERT INTO ${people} BY NAME
     SELECT p.county, p.township, p.village, parts.* FROM (
       SELECT * FROM stat_tables
       UNION ALL BY NAME SELECT * FROM stat_combined
       -- A table does not tell heads, deputies and members apart: those scopes get rows without
       -- counts, so a table village is "not covered" there instead of silently missing.
       UNION ALL BY NAME
       SELECT k.village_key, k.cycle_year, k.body, r.role
       FROM (SELECT village_key, cycle_year, body FROM stat_tables UNION SELECT village_key, cycle_year, 'all' FROM stat_mixed) k
       CROSS JOIN (VALUES ('head'), ('deputy'), ('member')) r(role)) parts
     JOIN ${t('stat_places')} p USING (village_key)`,

    ...['stat_tables', 'stat_mixed', 'stat_combined', 'stat_left'].map((x) => `DROP TABLE ${x}`),

    // A counts-only submission package's village × cycles (src/db/packageTables.ts): the sender
    // counted them from rosters it kept, so its rows stand in place of whatever was counted here.
    ...(
      [
        [people, 'package_people'],
        [t('stat_villages'), 'package_villages'],
      ] as const
    ).flatMap(([target, from]) => [
      `DELETE FROM ${target} WHERE (village_key, cycle_year) IN (SELECT village_key, cycle_year FROM ${src(from)})`,
      `INSERT INTO ${target} BY NAME
       SELECT p.county, p.township, p.village, c.* EXCLUDE (import_id, county, township, village)
       FROM ${src(from, 'c')} JOIN ${t('stat_places')} p USING (village_key)`,
    ]),

    // What each village reported per cycle, from the results rows and stat_people as they now are.
    `CREATE OR REPLACE TEMP TABLE ${t('stat_reported')} AS ${reportedSql(src('results'), people, t('stat_places'))}`,
  ];
}

export const STATS_SQL: readonly string[] = statsSql(false);
/** A whole build with person_links kept as it is (only when linkInputs says it is still of the data). */
const KEEP_LINKS_SQL: readonly string[] = statsSql(false, true);

/**
 * The build's fingerprint (FNV-1a of its statements): count tables saved by another build of
 * them are not restored, they are rebuilt (src/store/savedCounts.ts).
 */
export const STATS_VERSION: string = (() => {
  let h = 0x811c9dc5;
  for (const ch of STATS_SQL.join(';')) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
})();
const PART_SQL: readonly string[] = statsSql(true);
/** A part replacing the touched villages' rows of the count tables. */
const MERGE_SQL: readonly string[] = COUNT_TABLES.flatMap((x) => [
  `DELETE FROM ${x} WHERE village_key IN (FROM stat_touched)`,
  `INSERT INTO ${x} BY NAME FROM ${x}_part`,
]);

/**
 * Above this share of the villages touched, the count tables are rebuilt whole: filtering every
 * source to the touched villages, then replacing their rows, costs more than it saves.
 */
const PART_SHARE = 0.25;

/**
 * Rebuilds the count tables: for every village, or, given `villages` (a query of village_key),
 * for those only. An import of one township's rosters into a province's data then costs its
 * villages' counts, not a province's (at a million roster rows a whole rebuild takes 8 s in the
 * browser). Should the part fail, the tables are rebuilt whole. Says which it was.
 */
export async function refreshStats(db: Db, villages?: string): Promise<'part' | 'whole'> {
  let how: 'part' | 'whole' = 'part';
  const inputs = await linkInputs(db);
  const table = await linksTable(db);
  const keep = table !== 'none' && linksOf.get(underlying(db)) === `${inputs}#${table}`;
  linksOf.delete(underlying(db));
  await refreshingNullColumns(db, async () => {
    if (villages !== undefined && (await buildPart(db, villages))) return;
    how = 'whole';
    for (const sql of keep ? KEEP_LINKS_SQL : STATS_SQL) await db.exec(sql);
  });
  linksOf.set(underlying(db), `${inputs}#${await linksTable(db)}`);
  await refreshLineage(db);
  return how;
}

/**
 * What person_links was last built from, per engine, with the table it was built into: a whole
 * rebuild whose inputs are still these keeps it. A results file re-imported (a corrected one, the
 * office's weekly routine) changes none of them, and at a million roster rows the links are half
 * of the count tables' build.
 */
const linksOf = new WeakMap<Db, string>();

/**
 * What person_links is a function of (src/db/personLinks.ts): the roster rows that count (a row's
 * values never change; which rows count does, with the source choice), the village × cycle ×
 * bodies with data of any kind (a body's previous and next cycle), and the village changes. Sets
 * as order-free fingerprints: a count and the sum of the members' hashes.
 */
async function linkInputs(db: Db): Promise<string> {
  // Summed, not XORed: hash(a, b) combines its parts so that an even number of rows sharing a part
  // (every row of one import) cancels that part out of an XOR.
  const set = (rows: string, key: string) => `(SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(${key})), 0)::VARCHAR FROM (${rows}))`;
  const [r] = await db.query<{ k: string }>(
    `SELECT ${set('SELECT import_id, source_row FROM members_counted', 'import_id, source_row')}
       || '/' || ${set(
         bodyCyclesSql((t) => t),
         'village_key, cycle_year, body',
       )}
       || '/' || (SELECT coalesce(md5(string_agg(c::VARCHAR, '|' ORDER BY c::VARCHAR)), '') FROM village_changes c) AS k`,
  );
  return r!.k;
}

/** person_links as a table: which one (a restore or a rebuild makes another) and its rows (a merge deletes some). */
async function linksTable(db: Db): Promise<string> {
  const [t] = await db.query<{ oid: number }>(
    `SELECT max(table_oid)::INTEGER AS oid FROM duckdb_tables() WHERE table_name = 'person_links'`,
  );
  if (t?.oid === null || t?.oid === undefined) return 'none';
  const [r] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM person_links');
  return `${t.oid}:${r!.n}`;
}

/** Builds the count tables of `villages` and puts them in place; false if a whole rebuild is due instead. */
async function buildPart(db: Db, villages: string): Promise<boolean> {
  const [built] = await db.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN (${COUNT_TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  if (built?.n !== COUNT_TABLES.length) return false;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE stat_touched AS SELECT DISTINCT village_key FROM (${villages}) WHERE village_key IS NOT NULL`,
  );
  // Persons are linked across a merge or a rename: a touched village's predecessors and
  // successors are recounted with it.
  const [changes] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM village_changes');
  if ((changes?.n ?? 0) > 0)
    await db.exec(`INSERT INTO stat_touched
      WITH l AS (SELECT village_key, coalesce(s.lineage_key, v.village_key) AS k
                 FROM (SELECT DISTINCT village_key FROM stat_villages) v
                 LEFT JOIN (SELECT DISTINCT village_key, lineage_key FROM (${successorsSql('SELECT village_key, cycle_year FROM stat_villages')})) s
                 USING (village_key))
      SELECT DISTINCT l.village_key FROM l
      WHERE l.k IN (SELECT k FROM l WHERE village_key IN (FROM stat_touched) UNION SELECT village_key FROM stat_touched) AND l.village_key NOT IN (FROM stat_touched)`);
  try {
    const [share] = await db.query<{ touched: number; all: number }>(
      'SELECT (SELECT count(*) FROM stat_touched)::INTEGER AS touched, (SELECT count(*) FROM stat_places)::INTEGER AS "all"',
    );
    if (!share || share.touched > share.all * PART_SHARE) return false;
    for (const sql of PART_SQL) await db.exec(sql);
    // The touched villages' rows are replaced all at once or not at all.
    await db.exec('BEGIN TRANSACTION');
    try {
      for (const sql of MERGE_SQL) await db.exec(sql);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK');
      throw e;
    }
    return true;
  } catch {
    // A whole rebuild replaces every count table and its intermediates.
    return false;
  } finally {
    for (const x of [...COUNT_TABLES.map((t) => `${t}_part`), 'stat_touched']) await db.exec(`DROP TABLE IF EXISTS ${x}`);
  }
}

/** Count rows made elsewhere by this same build (a submission package's), one table per count table, with the columns it has. */
export interface SentCounts {
  stat_results: string | null;
  stat_people: string | null;
  stat_villages: string | null;
}

/**
 * Adds the count rows of villages new to the data as they were sent (`villages`: a table of
 * village_key), instead of counting them: made by this build of the count SQL from the same rows
 * (src/store/package/stage.ts checks both), they are the rows a rebuild would make, and replace
 * what was counted of those villages before (rows a "replace" removed). Only the names are this data's own (stat_places, from the rows, as a rebuild has them). `fresh`: every
 * count row here goes first (the sample's, removed by the same import). False, and nothing
 * changed, if it cannot be done (no count tables yet, or rows of another shape): the caller counts.
 */
export async function addSentCounts(db: Db, sent: SentCounts, villages: string, opts: { fresh?: boolean } = {}): Promise<boolean> {
  const [built] = await db.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN (${COUNT_TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  if (built?.n !== COUNT_TABLES.length) return false;
  const src = (table: string) => `(FROM ${table} WHERE village_key IN (FROM stat_touched)) ${table}`;
  const sql = [
    ...(opts.fresh ? COUNT_TABLES.map((x) => `DELETE FROM ${x}`) : []),
    `CREATE OR REPLACE TEMP TABLE stat_touched AS SELECT DISTINCT village_key FROM ${villages} WHERE village_key IS NOT NULL`,
    // What was counted of them before the merge replaced their rows.
    ...COUNT_TABLES.map((x) => `DELETE FROM ${x} WHERE village_key IN (FROM stat_touched)`),
    `INSERT INTO stat_places BY NAME ${placesSql(src)}`,
    ...(['stat_results', 'stat_people', 'stat_villages'] as const).flatMap((x) => {
      const from = sent[x];
      return from
        ? [
            `INSERT INTO ${x} BY NAME
             SELECT p.county, p.township, p.village, c.* EXCLUDE (pkg, county, township, village)
             FROM ${from} c JOIN stat_places p USING (village_key) WHERE c.village_key IN (FROM stat_touched)`,
          ]
        : [];
    }),
    // Not sent: made here, as a rebuild makes it, from the merged rows and the counts just added.
    `INSERT INTO stat_reported BY NAME
     ${reportedSql(src('results'), '(FROM stat_people WHERE village_key IN (FROM stat_touched))', 'stat_places')}`,
  ];
  let added = false;
  await refreshingNullColumns(db, async () => {
    await db.exec('BEGIN TRANSACTION');
    try {
      await db.exec(sql.join(';\n'));
      await db.exec('COMMIT');
      added = true;
    } catch {
      await db.exec('ROLLBACK');
    } finally {
      await db.exec('DROP TABLE IF EXISTS stat_touched');
    }
  });
  if (added) await refreshLineage(db);
  return added;
}
