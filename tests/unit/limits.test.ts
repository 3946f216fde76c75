/**
 * Hostile and careless files meet a limit with a clear message before they can freeze the tab:
 * too many columns, a workbook that unpacks to far more than it weighs, cells too long to be data.
 */
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../../src/import/limits';
import { normalizeRow, type ColumnSpec } from '../../src/import/normalizeRow';
import { analyzeFile } from '../../src/import/pipeline';
import { readSource } from '../../src/import/read';
import { duplicateHeaders } from '../../src/import/headers';

const utf8 = (s: string) => new TextEncoder().encode(s);
const xlsx = (rows: unknown[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
};

describe('columns per sheet', () => {
  it('refuses a CSV wider than the limit before parsing it, naming the width and the limit', () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `列${i}`).join(',');
    const t0 = performance.now();
    const s = readSource(utf8(`${header}\n1,2,3\n`), 'wide.csv');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.error).toEqual({ code: 'too_many_columns', detail: '100000', limit: String(MAX_COLUMNS) });
    expect(s.sheets).toEqual([]);
    expect(analyzeFile(utf8(`${header}\n`), 'wide.csv').sheets).toEqual([]);
  });

  it('counts cells, not the delimiters inside quotes', () => {
    const commas = ','.repeat(5000);
    const s = readSource(utf8(`村名,备注\n李家村,"${commas}"\n`), 'notes.csv');
    expect(s.error).toBeUndefined();
    expect(s.sheets[0]!.rows[1]).toEqual(['李家村', commas]);
  });

  it('refuses a workbook wider than the limit before walking its grid', () => {
    const s = readSource(xlsx([Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`)]), 'wide.xlsx');
    expect(s.error).toEqual({ code: 'too_many_columns', detail: String(MAX_COLUMNS + 1), limit: String(MAX_COLUMNS) });
    expect(
      readSource(
        xlsx([
          ['村名', '登记选民数'],
          ['李家村', 900],
        ]),
        'ok.xlsx',
      ).error,
    ).toBeUndefined();
  });
});

describe('a workbook that unpacks to far more than it weighs', () => {
  it('is refused from its zip directory, before anything is inflated', () => {
    // 64 MB of sheet XML that deflates to a few tens of KB: the shape of a zip bomb.
    const bomb = zipSync(
      { '[Content_Types].xml': utf8('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 ** 2).fill(0x20) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(1024 ** 2);
    const t0 = performance.now();
    const s = readSource(bomb, 'bomb.xlsx');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(s.error?.code).toBe('workbook_too_large');
    expect(s.error?.detail).toMatch(/^64\.0 MB（\d+×）$/);
  });

  it('says a damaged workbook is damaged in our words, the reader’s own folded apart', () => {
    const good = xlsx([['村名'], ['李家村']]);
    // Cut short, as a failed download is: no zip directory.
    const s = readSource(good.slice(0, good.length - 40), 'damaged.xlsx');
    expect(s.error?.code).toBe('unreadable_workbook');
    expect(s.error?.detail).toBeUndefined();
    expect(s.error?.original).toBeTruthy();
  });
});

describe('cells too long to be data', () => {
  const columns: ColumnSpec[] = [
    { header: '村名', field: 'village' },
    { header: '换届年份', field: 'cycle_year' },
    { header: '组织', field: 'body' },
    { header: '登记选民数', field: 'registered_voters' },
    { header: '备注', field: null },
  ];

  it('rejects a row whose name is longer than any name, quoting only its start', () => {
    const long = '李'.repeat(MAX_NAME_CHARS + 1);
    const r = normalizeRow('results', [long, '2021', '村委会', '900', ''], 2, columns, {});
    expect(r.status).toBe('rejected');
    const issue = r.issues.find((i) => i.code === 'name_too_long')!;
    expect(issue).toMatchObject({ severity: 'reject', column: '村名', params: { length: MAX_NAME_CHARS + 1, limit: MAX_NAME_CHARS } });
    expect(issue.value.length).toBeLessThan(100);
  });

  it('leaves a number cell of megabytes empty with a warning, and cuts free text with a warning', () => {
    const huge = 'x'.repeat(50 * 1024 ** 2);
    const r = normalizeRow('results', ['李家村', '2021', '村委会', huge, huge], 2, columns, {});
    expect(r.status).toBe('warning');
    expect(r.issues.map((i) => i.code).sort()).toEqual(['text_truncated', 'value_too_long']);
    expect(r.extra.备注).toHaveLength(MAX_TEXT_CHARS);
    expect(r.issues.every((i) => i.value.length < 100)).toBe(true);
    // What a rejected row would keep of its cells is cut too.
    expect(r.cells.every((c) => c.length <= MAX_TEXT_CHARS)).toBe(true);
  });
});

describe('two columns named alike', () => {
  it('are listed with the one that is used, the first until the user picks another', () => {
    const s = readSource(utf8('村(社区),姓名,职务,姓名,换届年份\n李家村,张伟,主任,张伟,2021\n'), 'dup.csv');
    const plan = analyzeFile(utf8('村(社区),姓名,职务,姓名,换届年份\n李家村,张伟,主任,张伟,2021\n'), 'dup.csv').sheets[0]!;
    expect(s.error).toBeUndefined();
    expect(duplicateHeaders(plan.layout!, plan.kind, plan.columns)).toEqual([{ field: 'name', columns: [1, 3], used: 1 }]);
    const moved = plan.columns.map((c, i) => (i === 1 ? { ...c, field: null } : i === 3 ? { ...c, field: 'name' as const } : c));
    expect(duplicateHeaders(plan.layout!, plan.kind, moved)).toEqual([{ field: 'name', columns: [1, 3], used: 3 }]);
  });
});
