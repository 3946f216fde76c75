/**
 * The submission package (报送包): one .zip an office sends upward, holding its imports' rows for a
 * scope, the per-village count tables of that scope, and manifest.json — who sent it, when, for
 * which scope, and the row count and SHA-256 of every part. docs/packages.md describes the format.
 * Reading one checks every part against the manifest before anything else is done with it.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ImportRecordSaved } from '../../db/types';
import { MAX_ARCHIVE_UNPACKED } from '../archive';

export const PACKAGE_MANIFEST = 'manifest.json';
export const PACKAGE_FORMAT = 'cunxuan-package';
export const PACKAGE_VERSION = 1;

/** The count tables a package carries, each as one part (counts/<table>.arrow). */
export const COUNT_PARTS = ['stat_results', 'stat_people', 'stat_villages'] as const;
export type CountPart = (typeof COUNT_PARTS)[number];
/** The village × cycles whose rosters stayed with the sender (or before it): their persons are in the count parts only. */
export const ROSTER_VILLAGES = 'roster_villages';

export interface PackageScope {
  /** A township with its county, a county (township null), or every place (both null). */
  county: string | null;
  township: string | null;
  /** A cycle, or null for every cycle. */
  cycle: number | null;
}

export interface PackagePart {
  /** Path in the zip. */
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/** One import of the sender, as far as the scope goes: its record and the part of each of its tables. */
export interface PackageImport {
  record: Omit<ImportRecordSaved, 'import_id'>;
  /** Table (results, members, member_counts) → the part holding its rows. */
  tables: Record<string, string>;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  version: number;
  /** Names the package: importing the same package twice is a conflict, not a new source. */
  packageId: string;
  /** 本单位名称: the sending office. */
  office: string;
  exportedBy: string;
  exportedAt: string;
  scope: PackageScope;
  rostersIncluded: boolean;
  imports: PackageImport[];
  /** Count table → its part; roster_villages too when the rosters were left out. */
  counts: Record<string, string>;
  /**
   * The build of the count SQL the count parts were made by (STATS_VERSION, src/db/stats.ts):
   * where it is the receiver's, a counts-only package's count rows are taken as they are instead
   * of being counted again. Absent from packages written before it was kept.
   */
  countsVersion?: string;
  parts: PackagePart[];
}

export class PackageError extends Error {
  constructor(
    readonly code: 'not_package' | 'newer' | 'malformed' | 'missing_part' | 'damaged_part',
    /** The part concerned (a path in the zip), if any. */
    readonly part: string | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'PackageError';
  }
}

/**
 * The browser's own SHA-256 (Web Crypto, native code): in JavaScript it took most of a province's
 * check. A page served without a secure context has no crypto.subtle: JavaScript's then.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  const digest = subtle
    ? new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
    : (await import('@noble/hashes/sha2.js')).sha256(bytes);
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export async function describePart(file: string, bytes: Uint8Array, rows: number): Promise<PackagePart> {
  return { file, rows, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}

const NOTE = `村选看板 报送包 / Village Election Dashboard submission package

manifest.json       报送单位、导出人、时间、范围，以及每个文件的行数和 SHA-256
                    the sending office, who exported it and when, the scope, and each part's rows and SHA-256
data/*.arrow        各次导入在该范围内的数据（Apache Arrow）/ the imports' rows in scope
counts/*.arrow      该范围内按村汇总的统计数 / the per-village counts of the scope

在村选看板的"导入数据"页面拖入本文件，即与本单位已有数据合并。
Drop this file on the dashboard's import page to merge it with your own data.
`;

export function buildPackage(manifest: PackageManifest, parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = { 'README.txt': strToU8(NOTE), [PACKAGE_MANIFEST]: strToU8(JSON.stringify(manifest, null, 1)) };
  for (const [name, bytes] of parts) entries[name] = [bytes, { level: 6 }];
  return zipSync(entries);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SAFE_PART = /^(data|counts)\/[\w.-]+\.arrow$/;

function checkManifest(v: unknown): PackageManifest {
  if (!isObj(v) || v.format !== PACKAGE_FORMAT) throw new PackageError('not_package', null, 'not a submission package');
  if (typeof v.version !== 'number' || v.version > PACKAGE_VERSION) throw new PackageError('newer', null, `version ${String(v.version)}`);
  const bad = (what: string) => new PackageError('malformed', PACKAGE_MANIFEST, what);
  if (typeof v.packageId !== 'string' || typeof v.office !== 'string' || typeof v.exportedAt !== 'string') throw bad('header');
  if (!isObj(v.scope) || !Array.isArray(v.imports) || !isObj(v.counts) || !Array.isArray(v.parts)) throw bad('sections');
  const listed = new Set<string>();
  for (const p of v.parts) {
    if (!isObj(p) || typeof p.file !== 'string' || !SAFE_PART.test(p.file)) throw bad('part name');
    if (!Number.isInteger(p.rows) || !Number.isInteger(p.bytes) || typeof p.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256))
      throw bad(`part ${p.file}`);
    listed.add(p.file);
  }
  const refersToPart = (f: unknown) => typeof f === 'string' && listed.has(f);
  for (const i of v.imports) {
    if (!isObj(i) || !isObj(i.record) || !isObj(i.tables)) throw bad('import entry');
    if (typeof i.record.kind !== 'string' || !['results', 'members', 'stats'].includes(i.record.kind)) throw bad('import kind');
    if (!Object.values(i.tables).every(refersToPart)) throw bad('import part');
  }
  if (!Object.values(v.counts).every(refersToPart)) throw bad('count part');
  return v as unknown as PackageManifest;
}

/** Whether a zip holds a submission package (not a backup archive), from its manifest alone. */
export function isPackageManifest(bytes: Uint8Array): boolean {
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return isObj(v) && v.format === PACKAGE_FORMAT;
  } catch {
    return false;
  }
}

export interface OpenedPackage {
  fileName: string;
  manifest: PackageManifest;
  parts: Map<string, Uint8Array>;
}

/**
 * Unzips and checks a package: its manifest, then every part it lists — present, of the listed
 * length and SHA-256. Any difference refuses the whole package, naming the part.
 */
export async function openPackage(bytes: Uint8Array, fileName: string): Promise<OpenedPackage> {
  // The names first, then each entry on its own: a part whose compressed bytes no longer inflate
  // is named like one whose checksum differs.
  const wanted: string[] = [];
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_ARCHIVE_UNPACKED) throw new PackageError('malformed', null, 'too large when unpacked');
        if (f.name === PACKAGE_MANIFEST || SAFE_PART.test(f.name)) wanted.push(f.name);
        return false;
      },
    });
  } catch (e) {
    if (e instanceof PackageError) throw e;
    throw new PackageError('not_package', null, `not a zip archive (${e instanceof Error ? e.message : String(e)})`);
  }
  const entries: Record<string, Uint8Array> = {};
  for (const name of wanted) {
    try {
      const one = unzipSync(bytes, { filter: (f) => f.name === name })[name];
      if (one) entries[name] = one;
    } catch (e) {
      throw new PackageError('damaged_part', name, `${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const m = entries[PACKAGE_MANIFEST];
  if (!m) throw new PackageError('not_package', null, 'no manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(m));
  } catch {
    throw new PackageError('malformed', PACKAGE_MANIFEST, 'not JSON');
  }
  const manifest = checkManifest(parsed);
  const parts = new Map<string, Uint8Array>();
  for (const p of manifest.parts) {
    const got = entries[p.file];
    if (!got) throw new PackageError('missing_part', p.file, `${p.file} is missing`);
    if (got.length !== p.bytes || (await sha256Hex(got)) !== p.sha256)
      throw new PackageError('damaged_part', p.file, `${p.file}: checksum does not match (${got.length} bytes, ${p.bytes} listed)`);
    parts.set(p.file, got);
  }
  return { fileName, manifest, parts };
}
