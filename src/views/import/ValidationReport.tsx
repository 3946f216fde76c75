import { useTranslation } from 'react-i18next';
import { usePaged } from '../Pager';
import { useDb } from '../../app/dbContext';
import type { StagedImport } from '../../queries/types';
import type { RejectedRow } from '../../queries/types';
import { rejectedRows } from '../../queries/actions';
import { formatIssue } from '../../import/issues';
import type { Lang } from '../../util/lang';
import type { RowIssue } from '../../import/normalizeRow';
import { currentLang } from '../../i18n';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import { TableExport } from '../TableExport';
import type { FileEntry } from './entry';

/** Issues drawn at once. */
const PAGE = 50;

/** Rejected rows as the user gave them (every cell text), with their row number and reasons: to correct and import again. */
export function rejectedRowsTable(rows: readonly RejectedRow[], headers: readonly string[], lang: Lang): ExportTable {
  return {
    name: lang === 'zh' ? '被拒绝的行' : 'Rejected rows',
    columns: [
      numberColumn(lang === 'zh' ? '原文件行号' : 'Row in file', 0),
      textColumn(lang === 'zh' ? '原因' : 'Reason'),
      ...headers.map((h) => textColumn(h)),
    ],
    rows: rows.map((r) => {
      const issues = JSON.parse(r.reasons) as RowIssue[];
      const cells = JSON.parse(r.cells) as string[];
      return [
        r.source_row,
        issues
          .filter((i) => i.severity === 'reject')
          .map((i) => formatIssue(i, lang))
          .join('; '),
        ...cells,
      ];
    }),
  };
}

export function ValidationReport({ entry, staged }: { entry: FileEntry; staged: StagedImport }) {
  const { t } = useTranslation();
  const db = useDb();
  const lang = currentLang();
  const prepared = staged.report;
  const c = prepared.counts;
  const issues = prepared.issues;
  const { shown, pager } = usePaged(issues, PAGE, 'issues');
  const stem = entry.fileName.replace(/\.[^.]+$/, '');
  const rejectedTable = async (): Promise<ExportTable> => {
    // Before the commit the rows are in the staging table; after it, in the import's record.
    const importId = entry.outcome?.importId;
    const rows = await rejectedRows(db, importId ? { importId } : { stagedTable: staged.rejectedTable });
    return rejectedRowsTable(
      rows,
      entry.columns.map((col) => col.header),
      lang,
    );
  };
  const issuesTable = (): ExportTable => ({
    name: t('import.issues'),
    columns: [
      numberColumn(t('import.row'), 0),
      textColumn(t('import.column')),
      textColumn(t('import.value')),
      textColumn(t('import.reason')),
    ],
    rows: issues.map((i) => [i.row, i.column, i.value, `${t(`import.severity_${i.severity}`)}: ${formatIssue(i, lang)}`]),
  });
  return (
    <section className="report" data-report={entry.fileName}>
      <h4>{t('import.report')}</h4>
      <dl className="counts small">
        <div>
          <dt>{t('import.fileRows')}</dt>
          <dd data-file-count="file">{c.fileRows}</dd>
        </div>
        <div>
          <dt>{t('import.dataRows')}</dt>
          <dd data-file-count="data">{c.dataRows}</dd>
        </div>
        <div className="ok">
          <dt>{t('import.imported')}</dt>
          <dd data-file-count="imported">{c.imported}</dd>
        </div>
        <div className="warn">
          <dt>{t('import.warnings')}</dt>
          <dd data-file-count="warnings">{c.warned}</dd>
        </div>
        <div className="bad">
          <dt>{t('import.rejected')}</dt>
          <dd data-file-count="rejected">{c.rejected}</dd>
        </div>
        <div>
          <dt>{t('import.skipped')}</dt>
          <dd data-file-count="skipped">{c.skipped}</dd>
        </div>
      </dl>
      <p className={prepared.reconciled ? 'muted' : 'error'} data-reconciled={prepared.reconciled}>
        {prepared.reconciled
          ? t('import.reconciled', {
              title: c.titleRows,
              header: c.headerRows,
              data: c.dataRows,
              skipped: c.skipped - c.blank,
              total: c.fileRows,
            })
          : t('import.notReconciled', { total: c.fileRows, counted: c.titleRows + c.headerRows + c.dataRows + c.skipped - c.blank })}
      </p>

      {prepared.totals.map((tc) =>
        tc.mismatches.length === 0 ? (
          <p key={tc.rowNumber} className="ok-text" data-totals="ok">
            {t('import.totalsOk', { row: tc.rowNumber, label: tc.label, n: tc.compared })}
          </p>
        ) : (
          <div key={tc.rowNumber} className="warn-text" data-totals="mismatch">
            {t('import.totalsBad', { row: tc.rowNumber, label: tc.label })}
            <ul>
              {tc.mismatches.map((m) => (
                <li key={m.field}>{t('import.totalsMismatch', { header: m.header, found: m.found, expected: m.expected })}</li>
              ))}
            </ul>
          </div>
        ),
      )}

      {prepared.skipped.length > 0 && (
        <details>
          <summary>
            {t('import.skippedRows')} ({c.skipped})
          </summary>
          <ul className="skipped">
            {prepared.skipped.map((s) => (
              <li key={s.rowNumber} data-skipped={s.kind}>
                {t('import.row')} {s.rowNumber} · {t(`import.skippedKind_${s.kind}`)}
                {s.text ? (
                  <>
                    {' '}
                    · <q>{s.text}</q>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      )}

      <h4>{t('import.issues')}</h4>
      {issues.length === 0 ? (
        <p className="muted">{t('import.noIssues')}</p>
      ) : (
        <div className="table-scroll">
          <TableExport table={issuesTable} fileName={`${stem}-${t('import.issues')}`} action="download-issues" />
          <table className="grid issues" data-table="issues">
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('import.column')}</th>
                <th>{t('import.value')}</th>
                <th>{t('import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i, k) => (
                <tr key={k} className={i.severity === 'reject' ? 'bad' : 'warn'} data-severity={i.severity}>
                  <td className="num">{i.row}</td>
                  <td>{i.column}</td>
                  <td>{i.value}</td>
                  <td>
                    {t(`import.severity_${i.severity}`)}: {formatIssue(i, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pager}
      {prepared.issueCount > issues.length && (
        <p className="muted">{t('import.moreIssues', { shown: issues.length, n: prepared.issueCount })}</p>
      )}
      {c.rejected > 0 && (
        <div className="rejected-export">
          {t('exporting.rejectedRows')} <TableExport table={rejectedTable} fileName={`${stem}-rejected`} action="download-rejected" />
        </div>
      )}
    </section>
  );
}
