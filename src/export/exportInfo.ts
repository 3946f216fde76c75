/**
 * What every exported chart and report says about where its figures come from: the imported
 * files by name (or "sample data"), and the date of the export. Provided once by the app shell.
 */
import { createContext, useContext } from 'react';
import type { Lang } from '../util/lang';

export interface SourceFile {
  file_name: string;
  is_sample: boolean;
}

const SHOWN = 3;

/** "示例数据（虚构）", "a.csv、b.csv", "a.csv、b.csv、c.csv 等 5 个文件"; "—" before any import. */
export function dataSourceText(files: readonly SourceFile[], lang: Lang): string {
  const user = [...new Set(files.filter((f) => !f.is_sample).map((f) => f.file_name))];
  const sample = files.some((f) => f.is_sample);
  const parts: string[] = [];
  if (sample) parts.push(lang === 'zh' ? '内置示例数据（虚构）' : 'bundled sample data (fictitious)');
  if (user.length > 0) {
    const named = user.slice(0, SHOWN).join(lang === 'zh' ? '、' : ', ');
    parts.push(
      user.length > SHOWN
        ? lang === 'zh'
          ? `${named} 等 ${user.length} 个文件`
          : `${named} and ${user.length - SHOWN} more files`
        : named,
    );
  }
  return parts.length ? parts.join(lang === 'zh' ? '；' : '; ') : '—';
}

/** The export date as YYYY-MM-DD in the user's time zone. */
export function exportDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export interface ExportInfo {
  files: readonly SourceFile[];
}

export const ExportInfoContext = createContext<ExportInfo>({ files: [] });

export function useExportInfo(): ExportInfo {
  return useContext(ExportInfoContext);
}
