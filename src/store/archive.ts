/**
 * The whole saved state as one .zip: the manifest, each import's tables as the engine's Arrow
 * files (restored exactly as imported), the same tables as CSV for people (formula-leading text
 * neutralised, never read back), and a note saying what it is. Importing it back checks the
 * manifest and every file before use; archives of older versions, CSV only, still restore.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { MANIFEST } from './manifest';

const NOTE = `村选看板 数据备份 / Village Election Dashboard data archive

manifest.json  导入记录及每个文件的行数 / the imports and the row count of every file
*.arrow        各次导入的数据，用于恢复 / each import's rows, for restoring (Apache Arrow)
csv/*.csv      同样的数据，供查看（UTF-8 CSV；以 = + - @ 开头的文字前加了 ' 以防被当作公式）
               the same rows to read (UTF-8 CSV; text starting with = + - @ has a leading ')

在村选看板的"数据管理"中选择"导入备份"即可恢复。
Restore it with "Import archive" in the dashboard's data manager.
`;

/** Largest archive we unpack: a zip bomb must not take the tab down. */
export const MAX_ARCHIVE_UNPACKED = 2 * 1024 ** 3;

export function buildArchive(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = { 'README.txt': strToU8(NOTE) };
  // Saves of older versions are gzip already: stored as they are; everything else deflated.
  for (const [name, bytes] of files) entries[name] = [bytes, { level: name.endsWith('.gz') ? 0 : 6 }];
  return zipSync(entries);
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export function readArchive(bytes: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_ARCHIVE_UNPACKED) throw new ArchiveError('archive too large when unpacked');
        // The readable copies under csv/ are for people: a restore never reads them.
        return (
          f.name === MANIFEST ||
          f.name.endsWith('.arrow') ||
          (!f.name.startsWith('csv/') && (f.name.endsWith('.csv') || f.name.endsWith('.csv.gz')))
        );
      },
    });
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`not a zip archive (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!entries[MANIFEST]) throw new ArchiveError('no manifest.json: not a 村选看板 archive');
  return new Map(Object.entries(entries));
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
