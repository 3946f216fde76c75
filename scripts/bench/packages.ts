/**
 * The province's merge: county submission packages (counts only, as a city or province asks for
 * them) merged into an empty app, file chosen → dashboard drawn, against importing the same data
 * as the raw CSV files it was made from. Run by `npm run bench -- --packages[=N]` (N counties,
 * 100 by default: about 20,000 villages of 4 cycles).
 *
 * The data is the sample generator scaled (bench/generate.ts's generator: 2 sample counties and
 * N − 2 synthetic ones of 200 villages), imported once into DuckDB's Node build as the app imports
 * it; each county's package is then written by the app's own writer (src/store/package/write.ts).
 *
 *   npx tsx scripts/bench/packages.ts 5     # only generate bench/tmp/packages-5/
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { commitBatch, type StagedImport } from '../../src/db/load';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema, refreshCounts } from '../../src/db/schema';
import { writePackage } from '../../src/store/package/write';
import { generateSample } from '../generate-sample';
import { settle } from './dashboard';
import { importFiles } from './importFiles';
import { BENCH_TMP } from './generate';
import { stageFile } from './nodeImport';

const MB = 1024 * 1024;
const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;
const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/** The raw files: the roster and the two results files (the sample's statistical tables are left out). */
const RAW = ['两委成员花名册.csv', '村委会换届选举结果.csv', '党组织换届选举结果.csv'];

export interface PackageFiles {
  counties: number;
  villages: number;
  cycles: number;
  raw: string[];
  packages: string[];
}

/** Generates (once per N) the raw files and one counts-only package per county. */
export async function packageFiles(counties: number): Promise<PackageFiles> {
  const dir = path.join(BENCH_TMP, `packages-${counties}`);
  const pkgDir = path.join(dir, 'packages');
  const raw = RAW.map((n) => path.join(dir, n));
  const info = path.join(dir, 'info.json');
  if (!existsSync(info)) {
    const sample = generateSample({ extraCounties: Math.max(0, counties - 2) });
    mkdirSync(pkgDir, { recursive: true });
    for (const [name, bytes] of sample.files) if (RAW.includes(name)) writeFileSync(path.join(dir, name), bytes);
    const db = await openNodeDb();
    await ensureSchema(db);
    const staged: StagedImport[] = [];
    for (const f of raw) staged.push(await stageFile(db, f));
    await commitBatch(
      db,
      staged.map((s, k) => ({
        staged: s,
        conflicts: [],
        choice: 'keep' as const,
        meta: { fileName: RAW[k]!, sheetName: null, encoding: 'utf-8' },
      })),
      { clearSample: false },
    );
    await refreshCounts(db);
    const names = await db.query<{ county: string }>('SELECT DISTINCT county FROM stat_places ORDER BY county');
    for (const [k, { county }] of names.entries()) {
      const { bytes } = await writePackage(db, {
        scope: { county, township: null, cycle: null },
        office: `${county}换届选举工作领导小组办公室`,
        exportedBy: 'bench',
        includeRosters: false,
      });
      writeFileSync(path.join(pkgDir, `${String(k + 1).padStart(3, '0')}-${county}.zip`), bytes);
    }
    const [v] = await db.query<{ villages: number; cycles: number }>(
      'SELECT count(DISTINCT village_key)::INTEGER AS villages, count(DISTINCT cycle_year)::INTEGER AS cycles FROM stat_villages',
    );
    writeFileSync(info, JSON.stringify({ counties: names.length, ...v }));
    await db.close();
  }
  const meta = JSON.parse((await import('node:fs')).readFileSync(info, 'utf8')) as { counties: number; villages: number; cycles: number };
  const packages = readdirSync(pkgDir)
    .filter((f) => f.endsWith('.zip'))
    .sort()
    .map((f) => path.join(pkgDir, f));
  return { ...meta, raw, packages };
}

const sizeMB = (files: string[]) => round(files.reduce((n, f) => n + statSync(f).size, 0) / MB, 1);

/** File chosen → every package checked → merged → the overview drawn and settled. */
async function mergePackages(page: Page, files: string[], timeout: number) {
  const input = page.locator('input[type=file][data-action="choose-files"]');
  await input.waitFor({ state: 'attached', timeout: 120_000 });
  const t0 = await page.evaluate(() => performance.now());
  await input.setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-package-file][data-state="pending"]').length === n, files.length, {
    timeout,
    polling: 50,
  });
  const checked = await page.evaluate(() => performance.now());
  await page.locator('[data-action="confirm-import"]').click();
  await page.waitForFunction(
    (n) => {
      const failed = document.querySelector('.import-view [role="alert"]');
      if (failed) throw new Error(failed.textContent ?? 'merge failed');
      return document.querySelectorAll('[data-package-file][data-state="done"]').length === n;
    },
    files.length,
    { timeout, polling: 100 },
  );
  const merged = await page.evaluate(() => performance.now());
  await page.locator('[data-nav="overview"]').click();
  await settle(page, timeout);
  const drawn = await page.evaluate(() => performance.now());
  return { checkMs: round(checked - t0), mergeMs: round(merged - t0), dashboardMs: round(drawn - t0) };
}

/** The same data as raw CSV: chosen, checked, imported, the overview drawn and settled. */
async function importRaw(page: Page, files: string[], timeout: number) {
  const { t0, checkMs, importMs } = await importFiles(page, files, { timeout, trace: false });
  await page.locator('[data-nav="overview"]').click();
  await settle(page, timeout);
  const drawn = await page.evaluate(() => performance.now());
  return { checkMs: round(checkMs), importMs: round(importMs), dashboardMs: round(drawn - t0) };
}

/** The KPI cards as shown: the two ways in must draw the same dashboard. */
const kpis = (page: Page) => page.locator('[data-view="overview"] .kpi-value').allInnerTexts();

export async function benchPackages(
  browser: Browser,
  appUrl: string,
  counties: number,
  newPage: () => Promise<{ page: Page; close: () => Promise<void> }>,
  timeout = 1_800_000,
): Promise<Record<string, unknown>> {
  log(`generating ${counties} county packages`);
  const t = performance.now();
  const files = await packageFiles(counties);
  log(
    `${files.packages.length} packages (${sizeMB(files.packages)} MB), ${files.villages} villages × ${files.cycles} cycles; raw CSV ${sizeMB(files.raw)} MB (${round((performance.now() - t) / 1000)} s)`,
  );
  const run = async <T>(fn: (page: Page) => Promise<T>): Promise<T & { kpis: string[] }> => {
    const { page, close } = await newPage();
    try {
      await page.goto(`${appUrl}/?view=import`);
      const r = await fn(page);
      return { ...r, kpis: await kpis(page) };
    } finally {
      await close();
    }
  };
  const merge = await run((page) => mergePackages(page, files.packages, timeout));
  log(`packages: checked ${merge.checkMs} ms, merged ${merge.mergeMs} ms, dashboard drawn ${merge.dashboardMs} ms`);
  const raw = await run((page) => importRaw(page, files.raw, timeout));
  log(`raw CSV: checked ${raw.checkMs} ms, imported ${raw.importMs} ms, dashboard drawn ${raw.dashboardMs} ms`);
  void browser;
  return {
    counties: files.packages.length,
    villages: files.villages,
    cycles: files.cycles,
    packagesMB: sizeMB(files.packages),
    rawCsvMB: sizeMB(files.raw),
    packages: { checkMs: merge.checkMs, mergeMs: merge.mergeMs, dashboardMs: merge.dashboardMs },
    rawCsv: { checkMs: raw.checkMs, importMs: raw.importMs, dashboardMs: raw.dashboardMs },
    packagesVsRaw: round(merge.dashboardMs / raw.dashboardMs, 2),
    sameKpis: JSON.stringify(merge.kpis) === JSON.stringify(raw.kpis),
  };
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const f = await packageFiles(Number(process.argv[2] ?? 100));
  console.log(`${f.packages.length} packages, ${f.villages} villages × ${f.cycles} cycles; raw ${sizeMB(f.raw)} MB`);
}
