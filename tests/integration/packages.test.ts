/**
 * Submission packages (报送包) on the real engine: written by one office's app, checked, merged
 * into another's beside its own data, asked about when they overlap, counted when they carry
 * counts only, deleted and undone, saved and restored.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importPackages } from '../../src/app/packageImporter';
import type { ConflictAnswer } from '../../src/app/importer';
import { COUNT_TABLES } from '../../src/db/countTables';
import { dataChanged } from '../../src/db/schema';
import type { Db } from '../../src/db/types';
import { memoryStore } from '../../src/store/fileStore';
import { openPackage, PackageError, type OpenedPackage } from '../../src/store/package/format';
import { writePackage } from '../../src/store/package/write';
import { Persistence } from '../../src/store/persistence';
import { importPrepared } from '../../src/app/importer';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { freshDb, importFixture, sampleDb } from './helpers';

const CUTOFF = new Date('2026-11-28T08:00:00Z');

async function office(files: string[]): Promise<Db> {
  const db = await freshDb();
  for (const f of files) await importFixture(db, f);
  return db;
}

async function pack(db: Db, township: string, includeRosters = true, fileName = `${township}.zip`): Promise<OpenedPackage> {
  const { bytes } = await writePackage(db, {
    scope: { county: '青山县', township, cycle: null },
    office: `${township}换届办`,
    exportedBy: '王干事',
    includeRosters,
    now: CUTOFF,
  });
  return await openPackage(bytes, fileName);
}

/** What the dashboard sums, per township: voters, voted, members, women, one-shoulder villages. */
async function figures(db: Db): Promise<Record<string, unknown>[]> {
  return db.query(`
    SELECT township,
      (SELECT sum(voted)::INTEGER FROM stat_results r WHERE r.township = t.township AND body = 'village_committee') AS voted,
      (SELECT sum(electorate)::INTEGER FROM stat_results r WHERE r.township = t.township) AS electorate,
      (SELECT sum(members)::INTEGER FROM stat_people p WHERE p.township = t.township AND body = 'all' AND role = 'all') AS persons,
      (SELECT sum(women)::INTEGER FROM stat_people p WHERE p.township = t.township AND body = 'village_committee' AND role = 'all') AS vc_women,
      (SELECT sum(age_f40)::INTEGER FROM stat_people p WHERE p.township = t.township AND body = 'all' AND role = 'all') AS f40,
      (SELECT sum(one_shoulder)::INTEGER FROM stat_villages v WHERE v.township = t.township) AS one_shoulder,
      (SELECT count(*)::INTEGER FROM stat_villages v WHERE v.township = t.township) AS village_cycles,
      (SELECT count(*)::INTEGER FROM stat_people p WHERE p.township = t.township) AS people_rows
    FROM (SELECT DISTINCT township FROM stat_places) t ORDER BY township`);
}

const answer = (a: ConflictAnswer) => async () => a;

/** Every row and column of every count table, in a fixed order. */
async function countTables(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of COUNT_TABLES) out[t] = await db.query(`SELECT * FROM ${t} ORDER BY ALL`);
  return out;
}

describe('submission packages', () => {
  it('two townships merge into a county beside its own township, the same figures as at the senders', { timeout: 180_000 }, async () => {
    const hedong = await office(['results-utf8.csv', 'members-gb18030.csv']);
    const taoyuan = await office(['results-taoyuan.csv', 'members-taoyuan.csv']);
    const county = await office(['acceptance-township.csv']);
    const own = await figures(county);
    const packages = [await pack(hedong, '河东镇'), await pack(taoyuan, '桃源镇')];
    expect(packages[0]!.manifest.parts.every((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
    const out = await importPackages(county, packages, { ask: answer('cancel') });
    expect(out.packages.map((p) => [p.skipped, p.conflicts.length, p.importIds.length])).toEqual([
      [false, 0, 2],
      [false, 0, 2],
    ]);
    const merged = await figures(county);
    expect(merged).toEqual(
      [...(await figures(hedong)), ...own, ...(await figures(taoyuan))].sort((a, b) =>
        String(a.township).localeCompare(String(b.township)),
      ),
    );
    // Hand-counted from tests/fixtures: 河东镇's six villages voted 1174+1893+702+3108+…; the
    // rosters' 12 members of 河东镇 and 33 seats of 桃源镇 are persons of the county now.
    const row = (t: string) => merged.find((r) => r.township === t)!;
    expect(row('桃源镇').vc_women).toBe((await figures(taoyuan))[0]!.vc_women);
    expect(row('石桥镇').persons).toBeNull();
    // The imports know where they came from.
    const src = await county.query<{ office: string; exported_at: string }>(
      'SELECT DISTINCT office, exported_at FROM package_imports ORDER BY office',
    );
    expect(src).toEqual([
      { office: '桃源镇换届办', exported_at: CUTOFF.toISOString() },
      { office: '河东镇换届办', exported_at: CUTOFF.toISOString() },
    ]);
  });

  it('a counts-only package draws the same figures without a roster row, and they survive a rebuild', { timeout: 180_000 }, async () => {
    const taoyuan = await office(['results-taoyuan.csv', 'members-taoyuan.csv']);
    const p = await pack(taoyuan, '桃源镇', false);
    expect(p.manifest.imports.map((i) => i.record.kind)).toEqual(['results']);
    const county = await office(['acceptance-township.csv']);
    await importPackages(county, [p], { ask: answer('keep') });
    const [{ n }] = (await county.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM members')) as [{ n: number }];
    expect(n).toBe(0);
    const want = (await figures(taoyuan))[0];
    expect((await figures(county)).find((r) => r.township === '桃源镇')).toEqual(want);
    expect(want!.persons).toBeGreaterThan(0);
    await dataChanged(county);
    expect((await figures(county)).find((r) => r.township === '桃源镇')).toEqual(want);
    // The county forwards everything to the city, rosters ticked: 桃源镇's persons still go as counts.
    const { bytes } = await writePackage(county, {
      scope: { county: '青山县', township: null, cycle: null },
      office: '青山县',
      exportedBy: '',
      includeRosters: true,
    });
    const city = await office([]);
    await importPackages(city, [await openPackage(bytes, '青山县.zip')], { ask: answer('keep') });
    expect(await figures(city)).toEqual(await figures(county));
  });

  it('sends ID numbers only masked and hashed, and no rejected row', { timeout: 180_000 }, async () => {
    // A valid 18-digit number (its check character computed as GB 11643 says).
    const first17 = '11010519851203241';
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((n, d, i) => n + Number(d) * w[i]!, 0);
    const id = first17 + '10X98765432'[sum % 11]!;
    const csv = [
      '县(市、区),乡镇(街道),村(社区),换届年份,组织,姓名,职务,性别,身份证号,备用联系号',
      `青山县,河东镇,李家村,2021,村委会,李建国,主任,男,${id},${id}`,
      `青山县,河东镇,,2021,村委会,王五,委员,男,${id},${id}`,
    ].join('\n');
    const analysis = analyzeFile(new TextEncoder().encode(csv), 'ids.csv');
    const prepared = prepareDefault(analysis)!;
    const db = await freshDb();
    await importPrepared(db, prepared, { fileName: 'ids.csv', sheetName: null, encoding: 'utf-8' }, async () => 'keep');
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM rejected_rows')) as [{ n: number }];
    expect(n).toBe(1);
    const { bytes } = await writePackage(db, {
      scope: { county: null, township: null, cycle: null },
      office: '河东镇',
      exportedBy: '',
      includeRosters: true,
    });
    const parts = unzipSync(bytes);
    expect(Object.keys(parts).some((name) => name.includes('rejected'))).toBe(false);
    const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
    for (const [name, b] of Object.entries(parts)) expect(text(b).includes(id), name).toBe(false);
    const members = Object.entries(parts).find(([n]) => n.endsWith('-members.arrow'))![1];
    expect(text(members)).toContain(id.slice(0, 6));
  });

  it('refuses a package whose part was changed, naming the part, before touching anything', { timeout: 180_000 }, async () => {
    const hedong = await office(['results-utf8.csv', 'members-gb18030.csv']);
    const { bytes } = await writePackage(hedong, {
      scope: { county: null, township: null, cycle: 2021 },
      office: '河东镇',
      exportedBy: '',
      includeRosters: true,
    });
    const entries = unzipSync(bytes);
    const part = Object.keys(entries).find((n) => n.endsWith('members.arrow'))!;
    const changed = entries[part]!.slice();
    changed[changed.length >> 1] = (changed[changed.length >> 1] ?? 0) ^ 1;
    const damaged = zipSync({ ...entries, [part]: changed });
    let err: unknown;
    try {
      await openPackage(damaged, 'hedong.zip');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PackageError);
    expect((err as PackageError).code).toBe('damaged_part');
    expect((err as PackageError).part).toBe(part);
    // An intact copy opens; a zip that is no package is told apart.
    expect((await openPackage(bytes, 'ok.zip')).manifest.office).toBe('河东镇');
    await expect(openPackage(zipSync({ 'manifest.json': strToU8('{"format":"cunxuan-data"}') }), 'x.zip')).rejects.toThrow(PackageError);
  });

  it('a package covering villages already here asks; replace, keep and cancel each do what they say', { timeout: 180_000 }, async () => {
    const taoyuan = await office(['results-taoyuan.csv', 'members-taoyuan.csv']);
    const p = await pack(taoyuan, '桃源镇');
    const want = (await figures(taoyuan))[0]!;
    for (const [a, factor] of [
      ['replace', 1],
      ['keep', 2],
      ['cancel', 1],
    ] as const) {
      const county = await office([]);
      await importPackages(county, [p], { ask: answer('keep') });
      let asked = 0;
      const out = await importPackages(county, [p], {
        ask: async (_f, c) => {
          asked = c.length;
          return a;
        },
      });
      // 4 villages × 2 bodies of results, and the rosters' village × bodies.
      expect(asked).toBe(8);
      expect(out.packages[0]!.skipped).toBe(a === 'cancel');
      const got = (await figures(county))[0]!;
      expect(got.voted).toBe((want.voted as number) * factor);
      const [{ n }] = (await county.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports')) as [{ n: number }];
      expect(n).toBe(a === 'cancel' ? 2 : 4);
    }
  });

  it('a counts-only package replacing rosters here, and the reverse, ask and count once', { timeout: 180_000 }, async () => {
    const taoyuan = await office(['results-taoyuan.csv', 'members-taoyuan.csv']);
    const want = (await figures(taoyuan))[0]!;
    const county = await office(['results-taoyuan.csv', 'members-taoyuan.csv']);
    const out = await importPackages(county, [await pack(taoyuan, '桃源镇', false)], { ask: answer('replace') });
    expect(out.packages[0]!.conflicts.length).toBe(8);
    expect((await figures(county))[0]).toEqual(want);
    const [{ n }] = (await county.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM members')) as [{ n: number }];
    expect(n).toBe(0);
    const back = await importPackages(county, [await pack(taoyuan, '桃源镇', true)], { ask: answer('replace') });
    expect(back.packages[0]!.conflicts.length).toBe(8);
    expect((await figures(county))[0]).toEqual(want);
    const [{ c }] = (await county.query<{ c: number }>('SELECT count(*)::INTEGER AS c FROM package_people')) as [{ c: number }];
    expect(c).toBe(0);
  });

  it('deleting a package removes exactly its rows, undo brings them back, and a restore keeps them', { timeout: 180_000 }, async () => {
    const taoyuan = await office(['results-taoyuan.csv', 'members-taoyuan.csv']);
    const county = await office([]);
    const store = memoryStore();
    const persistence = await Persistence.open(county, store, { readOnly: false });
    await importFixture(county, 'acceptance-township.csv');
    await persistence.save((await county.query<{ id: number }>('SELECT import_id AS id FROM imports')).map((r) => Number(r.id)));
    const own = await figures(county);
    const out = await importPackages(county, [await pack(taoyuan, '桃源镇', false)], { ask: answer('keep'), persistence });
    const merged = await figures(county);
    await persistence.delete(out.packages[0]!.importIds);
    expect(await figures(county)).toEqual(own);
    expect(await county.query('SELECT * FROM package_people')).toEqual([]);
    await persistence.undoDelete();
    expect(await figures(county)).toEqual(merged);
    // A fresh start restores the saved state, package counts and source included.
    const again = await freshDb();
    await (await Persistence.open(again, store, { readOnly: false })).restore();
    expect(await figures(again)).toEqual(merged);
    expect((await again.query<{ office: string }>('SELECT office FROM package_imports'))[0]?.office).toBe('桃源镇换届办');
  });

  it('counts-only packages bring their count rows as sent: the same tables, every column, as counting their rows here', {
    timeout: 300_000,
  }, async () => {
    const taoyuan = await office(['results-taoyuan.csv', 'members-taoyuan.csv', 'stats-taoyuan-gb18030.csv']);
    const hedong = await office(['results-utf8.csv', 'members-gb18030.csv']);
    const packages = [await pack(taoyuan, '桃源镇', false), await pack(hedong, '河东镇', false)];
    const older = packages.map((p) => ({ ...p, manifest: { ...p.manifest, countsVersion: 'older' } }));
    const county = await office(['acceptance-township.csv']);
    const { db: sample } = await sampleDb();
    const older1 = await office(['acceptance-township.csv']);
    for (const [db, batch, sent] of [
      [county, packages, 2],
      // Into the bundled sample, which the merge removes.
      [sample, packages, 2],
      // Counted by another build of the count SQL: counted here.
      [older1, older, 0],
    ] as const) {
      const out = await importPackages(db, batch, { ask: answer('keep') });
      expect(out.counts?.sent).toBe(sent);
      const merged = await countTables(db);
      expect(merged.stat_people!.length).toBeGreaterThan(0);
      await dataChanged(db);
      expect(await countTables(db)).toEqual(merged);
    }
    // And the townships' figures are the senders'.
    const row = async (db: Db, t: string) => (await figures(db)).find((r) => r.township === t);
    for (const db of [county, sample, older1]) {
      expect(await row(db, '桃源镇')).toEqual(await row(taoyuan, '桃源镇'));
      expect(await row(db, '河东镇')).toEqual(await row(hedong, '河东镇'));
    }
  });
});
