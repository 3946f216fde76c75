/**
 * Per-village counts that every indicator is computed from, rebuilt once after each import or
 * delete so that views only ever read small, pre-aggregated tables.
 *
 * - stat_places:  village_key → the names shown (latest cycle's spelling), county and township.
 * - stat_results: village × cycle × body — paired numerators/denominators of the ballot metrics
 *                 (a pair only counts where both halves are known) and the raw figures.
 * - stat_people:  village × cycle × body scope × role scope — counts of persons. Body scope
 *                 'all' counts a person on both bodies once; role scope 'all' every role class.
 * - stat_ages:    the same scopes × gender × five-year age band, for the age pyramid.
 * - stat_villages: village × cycle — both bodies recorded, one-shoulder.
 */
import type { Db } from './types';

const ROLE_CLASS = `CASE role WHEN 'secretary' THEN 'head' WHEN 'director' THEN 'head'
  WHEN 'deputy_secretary' THEN 'deputy' WHEN 'deputy_director' THEN 'deputy' ELSE 'member' END`;

/** The electorate and the voters of an election: party members for a branch, villagers otherwise. */
export const ELECTORATE = `CASE WHEN body = 'party_branch' THEN coalesce(party_members_entitled, registered_voters) ELSE registered_voters END`;
export const VOTED = `CASE WHEN body = 'party_branch' THEN coalesce(party_members_voted, voters_voted) ELSE voters_voted END`;

const pair = (num: string, den: string, name: string) =>
  `CASE WHEN (${num}) IS NOT NULL AND (${den}) > 0 THEN (${num}) END AS ${name}_num,
   CASE WHEN (${num}) IS NOT NULL AND (${den}) > 0 THEN (${den}) END AS ${name}_den`;

/** The persons of a scope counted: the numerators and denominators of every person metric. */
const COUNTS: readonly [string, string][] = [
  ['members', 'count(*)'],
  ['gender_known', 'count(gender)'],
  ['women', "count(*) FILTER (gender = 'female')"],
  ['age_known', 'count(age)'],
  ['age_sum', 'sum(age)::BIGINT'],
  ['age_le35', 'count(*) FILTER (age <= 35)'],
  ['age_36_45', 'count(*) FILTER (age BETWEEN 36 AND 45)'],
  ['age_46_55', 'count(*) FILTER (age BETWEEN 46 AND 55)'],
  ['age_ge56', 'count(*) FILTER (age >= 56)'],
  ['age_le29', 'count(*) FILTER (age <= 29)'],
  ['age_30_49', 'count(*) FILTER (age BETWEEN 30 AND 49)'],
  ['age_ge50', 'count(*) FILTER (age >= 50)'],
  ['age_ge60', 'count(*) FILTER (age >= 60)'],
  ['edu_known', 'count(edu)'],
  ['edu_junior', "count(*) FILTER (edu = 'junior_or_below')"],
  ['edu_senior', "count(*) FILTER (edu = 'senior')"],
  ['edu_college', "count(*) FILTER (edu = 'college')"],
  ['party_known', 'count(party)'],
  ['party', 'count(*) FILTER (party)'],
  ['minority_known', 'count(minority)'],
  ['minority', 'count(*) FILTER (minority)'],
  ['reelect_known', 'count(reelected)'],
  ['reelected', 'count(*) FILTER (reelected)'],
  ['cross_holding', 'count(*) FILTER (n_bodies > 1)'],
  ['cgo', 'count(*) FILTER (cgo)'],
  ['votes_sum', 'sum(votes)::BIGINT'],
  ['votes_cast_sum', 'sum(votes_cast)::BIGINT'],
];
const COUNT_NAMES = COUNTS.map(([n]) => n);
const BAND = 'least(greatest(floor(age / 5)::INTEGER * 5, 15), 75)';
const PERSON_COUNTS = COUNTS.map(([n, e]) => `${e} AS ${n}`).join(',\n          ');

export const STATS_SQL: readonly string[] = [
  `CREATE OR REPLACE TABLE stat_places AS
   WITH v AS (
     SELECT village_key, cycle_year, county, township, village, village_code FROM results
     UNION ALL SELECT village_key, cycle_year, county, township, village, village_code FROM members)
   SELECT village_key,
          arg_max(county, cycle_year) AS county,
          arg_max(township, cycle_year) AS township,
          arg_max(village, cycle_year) AS village,
          max(village_code) AS village_code
   FROM v WHERE village_key IS NOT NULL GROUP BY village_key`,

  `CREATE OR REPLACE TABLE stat_results AS
   WITH r AS (
     SELECT village_key, cycle_year, body, ${ELECTORATE} AS electorate, ${VOTED} AS voted,
            eligible_voters, registered_voters, ballots_issued, ballots_returned, ballots_valid, ballots_invalid,
            party_members_entitled, party_members_present, seats, candidates,
            coalesce(first_round_success, rounds = 1) AS first_round
     FROM results WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL AND body IS NOT NULL)
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
   JOIN stat_places p USING (village_key)
   GROUP BY ALL`,

  // Every seat of every roster. Within one body a seat is a person (a name listed twice on one
  // body is flagged at import and counted twice); across bodies persons are counted below.
  `CREATE OR REPLACE TEMP TABLE stat_seat AS
   SELECT m.village_key, m.cycle_year, m.body, m.person_key, ${ROLE_CLASS} AS role_class,
          m.gender, m.age, m.education_tier AS edu, m.party_member AS party, m.is_minority AS minority, m.reelected,
          m.college_graduate_official AS cgo,
          CASE WHEN m.votes IS NOT NULL AND sr.voted > 0 THEN m.votes END AS votes,
          CASE WHEN m.votes IS NOT NULL AND sr.voted > 0 THEN sr.voted END AS votes_cast
   FROM members m
   LEFT JOIN stat_results sr ON sr.village_key = m.village_key AND sr.cycle_year = m.cycle_year AND sr.body = m.body
   WHERE m.village_key IS NOT NULL AND m.cycle_year IS NOT NULL AND m.body IS NOT NULL`,

  // Persons with both bodies in scope: one row each, whatever their seats.
  `CREATE OR REPLACE TEMP TABLE stat_person AS
   SELECT person_key, any_value(village_key) AS village_key, any_value(cycle_year) AS cycle_year,
          (bool_or(body = 'party_branch')::INTEGER + bool_or(body = 'village_committee')::INTEGER) AS n_bodies,
          any_value(gender) AS gender, any_value(age) AS age, any_value(edu) AS edu, bool_or(party) AS party,
          any_value(minority) AS minority, bool_or(reelected) AS reelected, bool_or(cgo) AS cgo,
          sum(votes)::BIGINT AS votes, sum(votes_cast)::BIGINT AS votes_cast
   FROM stat_seat GROUP BY person_key`,

  `CREATE OR REPLACE TEMP TABLE stat_seat_n AS
   SELECT s.*, p.n_bodies FROM stat_seat s JOIN stat_person p USING (person_key)`,

  // Persons of one role class with both bodies in scope (a secretary who is also director is one head).
  `CREATE OR REPLACE TEMP TABLE stat_person_class AS
   SELECT person_key, role_class, any_value(village_key) AS village_key, any_value(cycle_year) AS cycle_year, any_value(n_bodies) AS n_bodies,
          any_value(gender) AS gender, any_value(age) AS age, any_value(edu) AS edu, bool_or(party) AS party,
          any_value(minority) AS minority, bool_or(reelected) AS reelected, bool_or(cgo) AS cgo,
          sum(votes)::BIGINT AS votes, sum(votes_cast)::BIGINT AS votes_cast
   FROM stat_seat_n GROUP BY person_key, role_class`,

  // Each scope's counts, grouped by key and named after (grouping a million persons by three names
  // would cost more than the counting), appended one scope at a time. A body's role 'all' adds
  // up its role classes: within one body a person holds one seat.
  `CREATE OR REPLACE TABLE stat_people AS
   SELECT p.county, p.township, p.village, c.* FROM (
     SELECT village_key, cycle_year, body, role_class AS role, ${PERSON_COUNTS}
     FROM stat_seat_n GROUP BY village_key, cycle_year, body, role_class) c
   JOIN stat_places p USING (village_key)`,
  `INSERT INTO stat_people
   SELECT any_value(county), any_value(township), any_value(village), village_key, cycle_year, body, 'all',
          ${COUNT_NAMES.map((n) => `sum(${n})::BIGINT`).join(', ')}
   FROM stat_people GROUP BY village_key, cycle_year, body`,
  `INSERT INTO stat_people
   SELECT p.county, p.township, p.village, c.* FROM (
     SELECT village_key, cycle_year, 'all' AS body, role_class AS role, ${PERSON_COUNTS}
     FROM stat_person_class GROUP BY village_key, cycle_year, role_class) c
   JOIN stat_places p USING (village_key)`,
  `INSERT INTO stat_people
   SELECT p.county, p.township, p.village, c.* FROM (
     SELECT village_key, cycle_year, 'all' AS body, 'all' AS role, ${PERSON_COUNTS}
     FROM stat_person GROUP BY village_key, cycle_year) c
   JOIN stat_places p USING (village_key)`,

  // Persons by gender and five-year band, scope by scope as above.
  `CREATE OR REPLACE TABLE stat_ages AS
   SELECT p.county, p.township, p.village, c.* FROM (
     SELECT village_key, cycle_year, body, role_class AS role, gender, ${BAND} AS band, count(*) AS persons
     FROM stat_seat WHERE age IS NOT NULL AND gender IS NOT NULL GROUP BY ALL) c
   JOIN stat_places p USING (village_key)`,
  `INSERT INTO stat_ages
   SELECT any_value(county), any_value(township), any_value(village), village_key, cycle_year, body, 'all', gender, band, sum(persons)::BIGINT
   FROM stat_ages GROUP BY village_key, cycle_year, body, gender, band`,
  `INSERT INTO stat_ages
   SELECT p.county, p.township, p.village, c.* FROM (
     SELECT village_key, cycle_year, 'all' AS body, role_class AS role, gender, ${BAND} AS band, count(*) AS persons
     FROM stat_person_class WHERE age IS NOT NULL AND gender IS NOT NULL GROUP BY ALL) c
   JOIN stat_places p USING (village_key)`,
  `INSERT INTO stat_ages
   SELECT p.county, p.township, p.village, c.* FROM (
     SELECT village_key, cycle_year, 'all' AS body, 'all' AS role, gender, ${BAND} AS band, count(*) AS persons
     FROM stat_person WHERE age IS NOT NULL AND gender IS NOT NULL GROUP BY ALL) c
   JOIN stat_places p USING (village_key)`,

  `CREATE OR REPLACE TABLE stat_villages AS
   WITH v AS (
     SELECT village_key, cycle_year FROM results WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL
     UNION SELECT village_key, cycle_year FROM members WHERE village_key IS NOT NULL AND cycle_year IS NOT NULL),
   b AS (SELECT village_key, cycle_year, count(DISTINCT body) = 2 AS both_bodies FROM members GROUP BY ALL),
   os AS (
     SELECT DISTINCT s.village_key, s.cycle_year FROM members s
     JOIN members d ON d.person_key = s.person_key AND d.village_key = s.village_key AND d.cycle_year = s.cycle_year
     WHERE s.body = 'party_branch' AND s.role = 'secretary' AND d.body = 'village_committee' AND d.role = 'director')
   SELECT p.county, p.township, p.village, v.village_key, v.cycle_year,
          CASE WHEN b.both_bodies THEN 1 ELSE 0 END AS both_bodies,
          CASE WHEN b.both_bodies AND os.village_key IS NOT NULL THEN 1 ELSE 0 END AS one_shoulder
   FROM v JOIN stat_places p USING (village_key)
   LEFT JOIN b USING (village_key, cycle_year)
   LEFT JOIN os USING (village_key, cycle_year)`,

  ...['stat_seat', 'stat_person', 'stat_seat_n', 'stat_person_class'].map((t) => `DROP TABLE IF EXISTS ${t}`),
];

export async function refreshStats(db: Db): Promise<void> {
  for (const sql of STATS_SQL) await db.exec(sql);
}
