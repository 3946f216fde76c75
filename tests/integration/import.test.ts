/**
 * Fixture files through the whole import path into the real DuckDB-WASM (Node build).
 * Expected figures are those of tests/fixtures/README.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPrepared } from '../../src/app/importer';
import { rejectedToBatch, rowsToBatch } from '../../src/import/columnBatch';
import { appendToStage, createStage, discardStaged, finishStage, ownStaged, stageImport } from '../../src/db/load';
import { ownColumns } from '../../src/db/schema';
import type { FieldId } from '../../src/import/fields';
import type { Db } from '../../src/db/types';
import { analyzeFile, prepareDefault, prepareImport } from '../../src/import/pipeline';
import { analyzeFixture, fixtureBytes, freshDb, importFixture } from './helpers';

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(async () => {
  await db.close();
});

const SIX = [
  ['李家村', 1286, 1174],
  ['王庄村', 2118, 1893],
  ['东河村', 851, 702],
  ['张家营村', 3375, 3108],
  ['前进村', 1562, 1214],
  ['柳树沟村', 968, 891],
] as const;

async function villageFigures() {
  return db.query<{ village: string; registered_voters: number; voters_voted: number; cycle_year: number; body: string }>(
    'SELECT village, registered_voters, voters_voted, cycle_year, body FROM results ORDER BY village_code, village',
  );
}

describe('the six 河东镇 villages in every encoding, delimiter and format', () => {
  const variants = [
    'results-utf8.csv',
    'results-utf8-bom.csv',
    'results-gb18030.csv',
    'results-utf16le.txt',
    'results-utf16be.csv',
    'results-semicolon.csv',
    'results-fullwidth.csv',
    'results-multiline-cell.csv',
    '2021年村委会换届选举统计表.csv',
    'results-two-row-header.csv',
    'legacy.xls',
    'workbook-two-sheets.xlsx',
  ];
  for (const name of variants) {
    it(name, async () => {
      const { prepared } = await importFixture(db, name);
      expect(prepared.kind).toBe('results');
      expect(prepared.counts).toMatchObject({ dataRows: 6, imported: 6, warned: 0, rejected: 0 });
      expect(prepared.reconciled).toBe(true);
      const rows = await villageFigures();
      expect(rows.map((r) => [r.village, r.registered_voters, r.voters_voted]).sort()).toEqual([...SIX].map((r) => [...r]).sort());
      expect(new Set(rows.map((r) => r.cycle_year))).toEqual(new Set([2021]));
      expect(new Set(rows.map((r) => r.body))).toEqual(new Set(['village_committee']));
      const [sum] = await db.query<{ reg: number; voted: number; invalid: number; returned: number }>(
        'SELECT sum(registered_voters) AS reg, sum(voters_voted) AS voted, sum(ballots_invalid) AS invalid, sum(ballots_returned) AS returned FROM results',
      );
      expect(sum).toMatchObject({ reg: 10160, voted: 8982 });
      if (name !== 'results-two-row-header.csv') expect(sum).toMatchObject({ invalid: 90, returned: 8974 });
    });
  }

  it('detects the encoding of each text file', () => {
    const enc = (n: string) => analyzeFile(fixtureBytes(n), n).source.encoding?.chosen;
    expect(enc('results-utf8.csv')).toBe('utf-8');
    expect(enc('results-gb18030.csv')).toBe('gb18030');
    expect(enc('results-utf16le.txt')).toBe('utf-16le');
    expect(enc('results-utf16be.csv')).toBe('utf-16be');
    expect(analyzeFile(fixtureBytes('results-utf16le.txt'), 'x.txt').source.delimiter).toBe('\t');
    expect(analyzeFile(fixtureBytes('results-semicolon.csv'), 'x.csv').source.delimiter).toBe(';');
  });

  it('keeps 12-digit area codes as text with their digits', async () => {
    await importFixture(db, 'workbook-two-sheets.xlsx');
    const codes = await db.query<{ village_code: string }>('SELECT village_code FROM results ORDER BY village_code');
    expect(codes.map((c) => c.village_code)).toEqual([
      '139901101201',
      '139901101202',
      '139901101203',
      '139901101204',
      '139901101205',
      '139901101206',
    ]);
  });
});

describe('messy sheets', () => {
  it('skips the title, totals, blank and notes rows of the GB18030 export and checks the totals', () => {
    const { prepared, analysis } = analyzeFixture('results-gb18030.csv');
    expect(analysis.sheets[0]!.layout!.titleLines[0]).toBe('青山县河东镇2021年第十二届村民委员会换届选举情况统计表');
    expect(prepared.skipped.map((s) => [s.rowNumber, s.kind])).toEqual([
      [9, 'totals'],
      [10, 'blank'],
      [11, 'notes'],
    ]);
    expect(prepared.counts).toMatchObject({ fileRows: 10, titleRows: 1, headerRows: 1, dataRows: 6, skipped: 3, blank: 1 });
    expect(prepared.totals).toHaveLength(1);
    expect(prepared.totals[0]!.mismatches).toEqual([]);
    expect(prepared.totals[0]!.compared).toBeGreaterThanOrEqual(8);
  });

  it('reports a totals row that does not add up', () => {
    const { prepared } = analyzeFixture('results-totals-mismatch.csv');
    expect(prepared.counts).toMatchObject({ dataRows: 6, imported: 6, skipped: 1 });
    expect(prepared.totals[0]!.mismatches).toEqual([{ field: 'registered_voters', header: '登记选民数', expected: 10160, found: 10260 }]);
  });

  it('reads year and body from the title of a two-row-header sheet, and asks to confirm them', () => {
    const { analysis } = analyzeFixture('results-two-row-header.csv');
    const plan = analysis.sheets[0]!;
    expect(plan.layout!.headerRowCount).toBe(2);
    expect(plan.inferred).toEqual({ cycle_year: '2021', body: 'village_committee' });
    expect(plan.inferredFrom).toEqual({ cycle_year: 'title', body: 'title' });
  });

  it('reads year and body from the file name', () => {
    const { analysis } = analyzeFixture('2021年村委会换届选举统计表.csv');
    expect(analysis.sheets[0]!.inferred).toMatchObject({ cycle_year: '2021', body: 'village_committee' });
    expect(analysis.sheets[0]!.inferredFrom).toMatchObject({ cycle_year: 'filename', body: 'filename' });
    // Without the file-wide values every row lacks its cycle and body.
    const sheet = analysis.source.sheets[0]!;
    const plan = analysis.sheets[0]!;
    const bare = prepareImport(sheet, plan.layout!, 'results', plan.columns, {});
    expect(bare.counts.rejected).toBe(6);
  });

  it('turns placeholders into empty values with a warning', () => {
    const { prepared } = analyzeFixture('results-placeholders.csv');
    expect(prepared.counts).toMatchObject({ imported: 2, warned: 4, rejected: 0 });
    const warned = prepared.rows.filter((r) => r.status === 'warning');
    expect(warned.map((r) => [r.rowNumber, r.issues.map((i) => i.code)])).toEqual([
      [2, ['placeholder']],
      [3, ['placeholder']],
      [4, ['placeholder']],
      [5, ['placeholder']],
    ]);
    expect(warned[0]!.values.eligible_voters).toBeNull();
    expect(warned[0]!.issues[0]!.value).toBe('xx');
  });

  it('rejects a row repeated word for word, so the village counts once', async () => {
    const { prepared } = await importFixture(db, 'results-duplicate-village.csv');
    expect(prepared.counts).toMatchObject({ dataRows: 7, imported: 6, warned: 0, rejected: 1 });
    const dup = prepared.rows.find((r) => r.status === 'rejected')!;
    expect(dup.rowNumber).toBe(8);
    expect(dup.issues.map((i) => [i.code, i.params])).toEqual([['duplicate_row_in_file', { row: 3 }]]);
    const [s] = await db.query<{ reg: number; n: number }>('SELECT sum(registered_voters) AS reg, count(*) AS n FROM results');
    expect(s).toEqual({ reg: 10160, n: 6 });
  });

  it('flags each ballot-integrity breach and rejects rows without village or cycle', async () => {
    const { prepared, outcome } = await importFixture(db, 'results-rule-breaches.csv');
    expect(prepared.counts).toMatchObject({ dataRows: 8, imported: 2, warned: 4, rejected: 2 });
    const codes = Object.fromEntries(prepared.rows.map((r) => [r.rowNumber, r.issues.map((i) => i.code)]));
    expect(codes).toEqual({
      2: ['voted_gt_registered'],
      3: ['returned_gt_issued'],
      4: ['valid_invalid_sum'],
      5: ['percent_over_100'],
      6: ['missing_village'],
      7: ['missing_cycle'],
      8: [],
      9: [],
    });
    const stored = await db.query<{ source_row: number; reasons: string }>(
      'SELECT source_row, reasons FROM rejected_rows WHERE import_id = ? ORDER BY source_row',
      [outcome.importId],
    );
    expect(stored.map((r) => r.source_row)).toEqual([6, 7]);
    expect(JSON.parse(stored[0]!.reasons)[0].code).toBe('missing_village');
    const [n] = await db.query<{ n: number }>('SELECT count(*) AS n FROM results');
    expect(n!.n).toBe(6);
  });

  it('recovers the rows after an unclosed quote instead of merging them', () => {
    const { prepared } = analyzeFixture('results-broken-quotes.csv');
    expect(prepared.counts).toMatchObject({ fileRows: 7, dataRows: 6, imported: 5, warned: 1, rejected: 0 });
    const bad = prepared.rows.find((r) => r.status === 'warning')!;
    expect(bad.rowNumber).toBe(4);
    expect(bad.issues.map((i) => i.code)).toEqual(['unterminated_quote']);
    expect(bad.values.registered_voters).toBe(1286);
    expect(prepared.rows.map((r) => r.values.voters_voted)).toEqual([1893, 702, 1174, 3108, 1214, 891]);
  });

  it('keeps a quoted line break as one cell and unmapped columns as extra data', async () => {
    const { prepared } = await importFixture(db, 'results-multiline-cell.csv');
    expect(prepared.counts.fileRows).toBe(7);
    const rows = await db.query<{ village: string; extra: string | null }>("SELECT village, extra FROM results WHERE village = '李家村'");
    expect(JSON.parse(rows[0]!.extra!)).toEqual({ 备注: '因外出务工人员较多，\n部分选民委托投票' });
  });

  it('refuses empty files and files that are not tables, with a reason', () => {
    expect(analyzeFile(fixtureBytes('empty.csv'), 'empty.csv').source.error?.code).toBe('empty');
    expect(analyzeFile(fixtureBytes('blank-lines.csv'), 'blank-lines.csv').source.error?.code).toBe('empty');
    const png = analyzeFile(fixtureBytes('not-a-table.csv'), 'not-a-table.csv');
    expect(png.source.error).toEqual({ code: 'not_a_table', detail: 'png' });
    expect(png.sheets).toEqual([]);
  });
});

describe('rosters', () => {
  it('normalises a GB18030 roster: dates, education tiers, minorities, age warnings', async () => {
    const { prepared } = await importFixture(db, 'members-gb18030.csv');
    expect(prepared.kind).toBe('members');
    expect(prepared.counts).toMatchObject({ dataRows: 12, imported: 10, warned: 2, rejected: 0 });
    expect(prepared.rows.filter((r) => r.status === 'warning').map((r) => [r.rowNumber, r.issues.map((i) => i.code)])).toEqual([
      [10, ['placeholder']],
      [13, ['age_out_of_range']],
    ]);
    const people = await db.query<{ n: number; cross: number; women: number; minority: number; avg_age: number }>(`
      WITH p AS (
        SELECT person_key, any_value(gender) AS gender, any_value(is_minority) AS is_minority, any_value(age) AS age,
               count(DISTINCT body) AS bodies
        FROM members GROUP BY person_key)
      SELECT count(*) AS n, count(*) FILTER (bodies = 2) AS cross, count(*) FILTER (gender = 'female') AS women,
             count(*) FILTER (is_minority) AS minority, round(avg(age), 1) AS avg_age FROM p`);
    expect(people[0]).toEqual({ n: 10, cross: 2, women: 3, minority: 2, avg_age: 41.9 });
    const li = await db.query<Record<string, unknown>>(
      "SELECT birth_year, birth_month, education, education_tier, ethnicity, is_minority, party_member, reelected, role, body FROM members WHERE name = '李淑珍'",
    );
    expect(li[0]).toEqual({
      birth_year: 1979,
      birth_month: 11,
      education: '中专',
      education_tier: 'senior',
      ethnicity: '回族',
      is_minority: true,
      party_member: true,
      reelected: true,
      role: 'member',
      body: 'party_branch',
    });
    const tiers = await db.query<{ tier: string; n: number }>(
      'SELECT education_tier AS tier, count(DISTINCT person_key) AS n FROM members GROUP BY 1 ORDER BY 1',
    );
    expect(tiers).toEqual([
      { tier: 'college', n: 4 },
      { tier: 'junior_or_below', n: 2 },
      { tier: 'senior', n: 4 },
    ]);
  });

  it('reads a roster with English headers and values', async () => {
    const { prepared } = await importFixture(db, 'members-english.csv');
    expect(prepared.counts).toMatchObject({ dataRows: 10, imported: 10 });
    const [p] = await db.query<{ n: number; cross: number }>(
      'SELECT count(*) AS n, count(*) FILTER (b = 2) AS cross FROM (SELECT person_key, count(DISTINCT body) AS b FROM members GROUP BY 1)',
    );
    expect(p).toEqual({ n: 7, cross: 3 });
    const heads = await db.query<{ village: string }>(`
      SELECT s.village FROM members s JOIN members d ON s.person_key = d.person_key
      WHERE s.role = 'secretary' AND d.role = 'director' ORDER BY 1`);
    expect(heads.map((h) => h.village)).toEqual(['东河村', '张家营村']);
  });

  it('offers the second sheet of a workbook as a roster', () => {
    const analysis = analyzeFile(fixtureBytes('workbook-two-sheets.xlsx'), 'workbook-two-sheets.xlsx');
    expect(analysis.source.sheets.map((s) => s.name)).toEqual(['村委会选举结果', '成员名单']);
    expect(analysis.sheets.map((s) => s.kind)).toEqual(['results', 'members']);
    const sheet = analysis.source.sheets[1]!;
    const plan = analysis.sheets[1]!;
    const prepared = prepareImport(sheet, plan.layout!, plan.kind!, plan.columns, plan.inferred);
    expect(prepared.counts).toMatchObject({ dataRows: 10, imported: 10 });
  });
});

describe('staging batch by batch', () => {
  it('keeps every row when the next batches arrive before the last is written, across buffer moves', async () => {
    // The import worker keeps two batches in flight; here all of them are, and the buffers move every 3 rows.
    const { prepared } = analyzeFixture('results-rule-breaches.csv');
    const { rows, ...report } = prepared;
    expect(rows.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    const stage = await createStage(db, prepared.kind, ownColumns(prepared.kind) as FieldId[], { flushRows: 3 });
    const writes = [];
    for (let i = 0; i < rows.length; i += 2) {
      const part = rows.slice(i, i + 2);
      writes.push(
        appendToStage(
          db,
          stage,
          rowsToBatch(
            prepared.kind,
            part.filter((r) => r.status !== 'rejected'),
          ),
          rejectedToBatch(part.filter((r) => r.status === 'rejected')),
        ),
      );
    }
    await Promise.all(writes);
    const batched = await finishStage(db, stage, report);
    const whole = await stageImport(db, prepared);
    const content = async (s: typeof whole) => ({
      rows: await db.query(`SELECT * FROM ${ownStaged(s)} ORDER BY source_row`),
      rejected: await db.query(`SELECT * FROM ${s.rejectedTable} ORDER BY source_row`),
    });
    const got = await content(batched);
    expect(got.rows.length).toBe(report.counts.imported + report.counts.warned);
    expect(got).toEqual(await content(whole));
    for (const s of [batched, whole]) await discardStaged(db, s);
  });
});

describe('importing what is already there', () => {
  it('asks, and replaces, keeps both or cancels as told', async () => {
    await importFixture(db, 'results-utf8.csv');
    const count = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM results'))[0]!.n;

    const cancelled = await importFixture(db, 'results-gb18030.csv', 'cancel');
    expect(cancelled.outcome.cancelled).toBe(true);
    expect(cancelled.outcome.conflicts).toHaveLength(6);
    expect(cancelled.outcome.conflicts[0]).toMatchObject({ cycle_year: 2021, body: 'village_committee', existing_rows: 1 });
    expect(await count()).toBe(6);

    const replaced = await importFixture(db, 'results-gb18030.csv', 'replace');
    expect(replaced.outcome.importId).toBe(2);
    expect(await count()).toBe(6);
    const ids = await db.query<{ import_id: number }>('SELECT DISTINCT import_id FROM results');
    expect(ids).toEqual([{ import_id: 2 }]);

    await importFixture(db, 'results-semicolon.csv', 'keep');
    expect(await count()).toBe(12);
    const imports = await db.query<{ n: number }>('SELECT count(*) AS n FROM imports');
    expect(imports[0]!.n).toBe(3);
  });

  it('does not ask about the bundled sample: the first own import replaces it', async () => {
    // The sample's 河东镇 has villages of the same names as results-utf8.csv.
    const name = '村委会换届选举结果.csv';
    const analysis = analyzeFile(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../data/sample', name))), name);
    await importPrepared(
      db,
      prepareDefault(analysis)!,
      { fileName: name, sheetName: null, encoding: 'utf-8', isSample: true },
      async () => 'keep',
    );
    const asked: number[] = [];
    const { outcome } = await importFixture(db, 'results-utf8.csv', (c) => (asked.push(c.length), 'cancel'));
    expect(asked).toEqual([]);
    expect(outcome).toMatchObject({ cancelled: false, sampleCleared: true, conflicts: [] });
    expect(await db.query('SELECT count(*)::INTEGER AS n, count(DISTINCT import_id)::INTEGER AS i FROM results')).toEqual([{ n: 6, i: 1 }]);
  });
});

describe('acceptance: a real township report', () => {
  it('adds up to 5,181 registered / 3,583 voted and 245 entitled / 208 voted', async () => {
    const { prepared } = await importFixture(db, 'acceptance-township.csv');
    expect(prepared.counts).toMatchObject({ dataRows: 10, imported: 10 });
    const rows = await db.query<{ body: string; reg: number; voted: number; entitled: number; pvoted: number }>(`
      SELECT body, sum(registered_voters) AS reg, sum(voters_voted) AS voted,
             sum(party_members_entitled) AS entitled, sum(party_members_voted) AS pvoted
      FROM results GROUP BY body ORDER BY body`);
    expect(rows).toEqual([
      { body: 'party_branch', reg: null, voted: null, entitled: 245, pvoted: 208 },
      { body: 'village_committee', reg: 5181, voted: 3583, entitled: null, pvoted: null },
    ]);
  });
});

describe('hostile input', () => {
  it('stores names that look like HTML, SQL or formulas as plain text', async () => {
    await importFixture(db, 'xss-names.csv');
    const names = await db.query<{ village: string }>('SELECT village FROM results ORDER BY source_row');
    expect(names.map((n) => n.village)).toEqual([
      '<img src=x onerror=alert(1)>',
      '"; DROP TABLE results; --',
      '=HYPERLINK("http://x")',
      '张家营村',
    ]);
    const [n] = await db.query<{ n: number }>('SELECT count(*) AS n FROM results');
    expect(n!.n).toBe(4);
  });

  it('cannot read anything from outside once opened', async () => {
    await expect(db.query("SELECT * FROM read_csv('https://example.com/x.csv')")).rejects.toThrow(/disabled|Permission/i);
    await expect(db.exec("COPY results TO '/tmp/leak.csv'")).rejects.toThrow();
    await expect(db.exec('SET enable_external_access=true')).rejects.toThrow(/lock|configuration/i);
  });
});
