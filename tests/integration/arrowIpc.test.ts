/** The engine's Arrow IPC files, reframed as streams, load back into DuckDB-WASM unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerToStream, ipcFileToStream, isIpcFile } from '../../src/db/arrowIpc';
import { openNodeDb } from '../../src/db/nodeDb';
import type { Db } from '../../src/db/types';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
  await db.exec(`CREATE TABLE t AS SELECT i::INTEGER AS n, CASE WHEN i % 3 = 0 THEN NULL ELSE '李家村' || i::VARCHAR END AS village,
                 i % 2 = 0 AS b, i / 7 AS d FROM range(5000) r(i)`);
});
afterAll(async () => {
  await db?.close();
});

describe('Arrow IPC file → stream', () => {
  it('keeps every row, value, null and type', async () => {
    const file = await db.queryArrow('SELECT * FROM t');
    expect(isIpcFile(file)).toBe(true);
    await db.insertArrow('back', ipcFileToStream(file), { create: true });
    const diff = await db.query(
      'SELECT count(*)::INTEGER AS n FROM ((SELECT * FROM t EXCEPT ALL SELECT * FROM back) UNION ALL (SELECT * FROM back EXCEPT ALL SELECT * FROM t))',
    );
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM back')).toEqual([{ n: 5000 }]);
    expect(diff).toEqual([{ n: 0 }]);
    const types = await db.query("SELECT data_type AS t FROM duckdb_columns() WHERE table_name = 'back' ORDER BY column_index");
    expect(types.map((r) => r.t)).toEqual(['INTEGER', 'VARCHAR', 'BOOLEAN', 'DOUBLE']);
  });

  it('in the answer’s own buffer, the same stream as a copy', async () => {
    const answer = await db.queryArrow('SELECT * FROM t');
    const copy = ipcFileToStream(answer);
    const stream = answerToStream(answer);
    expect(stream.buffer).toBe(answer.buffer);
    expect(stream).toEqual(copy);
    await db.insertArrow('back_in_place', stream, { create: true });
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM back_in_place)')).toEqual([
      { n: 0 },
    ]);
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM back_in_place')).toEqual([{ n: 5000 }]);
  });

  it('refuses what is not an IPC file, and a file cut short', async () => {
    expect(() => ipcFileToStream(new TextEncoder().encode('village,voters\n李家村,1286\n'))).toThrow(/not an Arrow IPC file/);
    const file = await db.queryArrow('SELECT * FROM t');
    expect(() => ipcFileToStream(file.subarray(0, file.length - 3))).toThrow();
  });
});
