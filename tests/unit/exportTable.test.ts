import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import { tableToCsv } from '../../src/export/csv';
import { safeFileName } from '../../src/export/download';
import { numberColumn, textColumn, type ExportTable } from '../../src/export/table';
import { sheetName, tableToXlsx } from '../../src/export/xlsx';

const LINK = '=HYPERLINK("http://x","点我")';

const table: ExportTable = {
  name: '排名: 参选率 [2021]',
  columns: [numberColumn('#', 0), textColumn('村'), numberColumn('参选率（%）', 1), numberColumn('登记选民数', 0), textColumn('备注')],
  rows: [
    [1, '李家村', 91.3, 1286, '-5'],
    [2, LINK, 50, 1000, '+1'],
    [3, '王庄村', null, undefined, 12],
  ],
};

describe('a table model as CSV', () => {
  it('starts with a BOM, keeps numbers of number columns as numbers and neutralises text', () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith('\uFEFF"#","村","参选率（%）"')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`1,"李家村",91.3,1286,"'-5"`);
    expect(lines[2]).toBe(`2,"'=HYPERLINK(""http://x"",""点我"")",50,1000,"'+1"`);
    // Missing numbers are empty; a number in a text column is text.
    expect(lines[3]).toBe('3,"王庄村",,,"12"');
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[2]?.[1]).toBe(`'${LINK}`);
  });
});

describe('a table model as XLSX', () => {
  it('writes numbers as numeric cells with their decimals and text as string cells, never formulas', async () => {
    const bytes = await tableToXlsx(table);
    const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
    expect(wb.SheetNames).toEqual(['排名  参选率  2021']);
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(ws.A1).toMatchObject({ t: 's', v: '#' });
    expect(ws.C2).toMatchObject({ t: 'n', v: 91.3, z: '0.0' });
    expect(ws.D2).toMatchObject({ t: 'n', v: 1286 });
    expect(ws.B3).toMatchObject({ t: 's', v: LINK });
    expect(ws.B3.f).toBeUndefined();
    expect(ws.E2).toMatchObject({ t: 's', v: '-5' });
    expect(ws.C4).toBeUndefined();
    expect(XLSX.utils.sheet_to_json(ws, { header: 1 })).toHaveLength(4);
    expect(ws['!autofilter']).toEqual({ ref: 'A1:E4' });
  });

  it('names sheets as Excel allows', () => {
    expect(sheetName('a/b\\c?d*e[f]g:h')).toBe('a b c d e f g h');
    expect(sheetName('')).toBe('Sheet1');
    expect(sheetName('长'.repeat(40))).toHaveLength(31);
  });
});

describe('file names from place names', () => {
  it('removes what no OS accepts and keeps the extension', () => {
    expect(safeFileName('<script>/..\\:*?"|镇-参选率.png')).toBe('_script_.._镇-参选率.png');
    expect(safeFileName(`${'长'.repeat(300)}.csv`)).toBe(`${'长'.repeat(100)}.csv`);
    expect(safeFileName('...')).toBe('export');
  });
});
