import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { neutraliseFormula, toCsv } from '../../src/export/csv';

describe('toCsv', () => {
  it('starts with a BOM and round-trips Chinese text, quotes and line breaks', () => {
    const csv = toCsv(
      ['村', '备注'],
      [
        ['李家村', '他说"好"\n第二行'],
        ['王庄村', null],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['村', '备注'],
      ['李家村', '他说"好"\n第二行'],
      ['王庄村', ''],
    ]);
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1+1']) {
      expect(neutraliseFormula(evil)).toBe(`'${evil}`);
    }
    const csv = toCsv(['村'], [['=HYPERLINK("http://x")']]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('leaves numbers, including negatives, as numbers', () => {
    expect(toCsv(['n'], [[-5], [12.5]])).toBe('\uFEFF"n"\r\n-5\r\n12.5\r\n');
    expect(neutraliseFormula('李家村')).toBe('李家村');
  });
});
