import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsvText, scanRecords } from '../../src/import/read/csv';

describe('detectDelimiter', () => {
  it('finds comma, tab and semicolon despite a title row', () => {
    const body = ['村,登记选民数,参加投票人数', '李家村,100,90', '王庄村,200,150'];
    for (const d of [',', '\t', ';']) {
      const text = ['XX镇2021年村委会换届选举统计表', ...body.map((l) => l.replaceAll(',', d))].join('\n');
      expect(detectDelimiter(text)).toBe(d);
    }
  });

  it('is not fooled by commas inside quoted numbers in a semicolon file', () => {
    const text = 'a;b;c\n"8,956";"1,2";x\n"3,4";"5,6";y\n';
    expect(detectDelimiter(text)).toBe(';');
  });
});

describe('scanRecords (independent of PapaParse)', () => {
  it('counts records, not physical lines, when a quoted cell holds a line break', () => {
    const s = scanRecords('a,b\n1,"x\ny"\n2,z\n', ',');
    expect(s.recordLines).toEqual([1, 2, 4]);
    expect(s.nonBlank).toBe(3);
    expect(s.badQuoteLine).toBeNull();
  });

  it('handles CRLF, CR and a last line without a break', () => {
    expect(scanRecords('a\r\nb\r\nc', ',').recordLines).toEqual([1, 2, 3]);
    expect(scanRecords('a\rb\rc\r', ',').recordLines).toEqual([1, 2, 3]);
  });

  it('counts delimiter-only lines as blank', () => {
    expect(scanRecords('a,b\n,,\n1,2\n \n', ',').nonBlank).toBe(2);
  });

  it('reports where an unclosed quote starts', () => {
    expect(scanRecords('a,b\n1,"oops\n2,x\n3,y\n', ',').badQuoteLine).toBe(2);
    // Closed again on a later line but followed by text: still a broken quote, not a cell.
    expect(scanRecords('a,b\n"x,1\ny,2\n"8,9",3\n', ',').badQuoteLine).toBe(2);
  });
});

describe('readCsvText', () => {
  it('agrees with the independent count on a clean file', () => {
    const sheet = readCsvText('\uFEFFa,b\n1,"x\ny"\n\n2,z\n', ',');
    expect(sheet.rows).toEqual([['a', 'b'], ['1', 'x\ny'], [''], ['2', 'z']]);
    expect(sheet.rowNumbers).toEqual([1, 2, 4, 5]);
    expect(sheet.independentCount).toBe(3);
  });

  it('re-reads a line whose quote never closes', () => {
    const sheet = readCsvText('村,人数\n李家村,100\n王庄村,"200\n赵家村,300\n', ',');
    expect(sheet.rows).toEqual([
      ['村', '人数'],
      ['李家村', '100'],
      ['王庄村', '"200'],
      ['赵家村', '300'],
    ]);
    expect([...sheet.quoteRecovered]).toEqual([3]);
    expect(sheet.independentCount).toBe(4);
  });

  it('re-reads the line with a broken quote instead of swallowing the rest of the file', () => {
    const sheet = readCsvText('村,人数\n李家村,100\n"王庄村,200\n赵家村,300\n"8,956",1\n', ',');
    expect(sheet.rows).toEqual([
      ['村', '人数'],
      ['李家村', '100'],
      ['"王庄村', '200'],
      ['赵家村', '300'],
      ['8,956', '1'],
    ]);
    expect(sheet.rowNumbers).toEqual([1, 2, 3, 4, 5]);
    expect([...sheet.quoteRecovered]).toEqual([3]);
    expect(sheet.independentCount).toBe(5);
  });
});
