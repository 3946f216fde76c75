import { useTranslation } from 'react-i18next';
import { TechnicalDetails } from '../../ui/TechnicalDetails';
import { TEXT_ENCODINGS, type TextEncodingId } from '../../import/encoding';
import type { FileKind } from '../../import/fields';
import { blockers, hasNoDataRows, withKind, type FileEntry } from './entry';
import { formatBytes } from '../../import/limits';
import { FileContextEditor } from './FileContextEditor';
import { MappingTable } from './MappingTable';
import { ValidationReport } from './ValidationReport';

const DELIMITER_NAMES: Record<string, string> = { ',': ',', '\t': 'Tab', ';': ';' };

interface Props {
  entry: FileEntry;
  onChange: (fn: (e: FileEntry) => FileEntry) => void;
  /** Reads the file again in another encoding. */
  onEncoding: (encoding: TextEncodingId) => void;
  onSheet: (sheetIndex: number) => void;
  /** Runs a cancelled or failed check again. */
  onRecheck: () => void;
  onRemove: () => void;
}

export function FileCard({ entry, onChange, onEncoding, onSheet, onRecheck, onRemove }: Props) {
  const { t } = useTranslation();
  const { source } = entry.analysis;
  const plan = entry.analysis.sheets[entry.sheetIndex];
  const locked = entry.status !== 'pending';
  const open = blockers(entry);
  return (
    <section className="card file-card" data-file={entry.fileName} data-status={entry.status}>
      <header className="file-head">
        <h3>{entry.fileName}</h3>
        <span className="muted">
          {source.format.toUpperCase()} · {formatBytes(entry.size)}
        </span>
        <span className={`status status-${entry.status}`}>
          {entry.status === 'done' ? t('import.done') : entry.status === 'cancelled' ? t('import.cancelled') : ''}
        </span>
        {!locked && (
          <button type="button" className="link" onClick={onRemove}>
            {t('import.remove')}
          </button>
        )}
      </header>

      {source.error && (
        <div className="error" role="alert" data-read-error={source.error.code}>
          <p>{t(`import.readError_${source.error.code}`, { detail: source.error.detail ?? '', limit: source.error.limit ?? '' })}</p>
          {source.error.original && <TechnicalDetails text={source.error.original} />}
        </div>
      )}
      {entry.error && (
        <div className="error" role="alert" data-state="import-failed">
          <p>{t('import.failed')}</p>
          <TechnicalDetails text={entry.error} />
        </div>
      )}
      {entry.status === 'pending' && hasNoDataRows(entry) && (
        <p className="error" role="alert" data-state="no-data-rows">
          {t('import.noDataRows')}
        </p>
      )}
      {entry.outcome?.overlaps && entry.outcome.overlaps.length > 0 && entry.outcome.source && (
        <p className="notice" data-overlaps={entry.outcome.overlaps.length} data-source={entry.outcome.source}>
          {t('statTables.overlapsAsked', { n: entry.outcome.overlaps.length, source: t(`statTables.${entry.outcome.source}`) })}
        </p>
      )}

      <div className="file-settings">
        {source.encoding && (
          <label>
            {t('import.encoding')}
            <select
              value={source.encoding.chosen}
              disabled={locked}
              data-setting="encoding"
              onChange={(e) => onEncoding(e.target.value as TextEncodingId)}
            >
              {TEXT_ENCODINGS.map((enc) => (
                <option key={enc.id} value={enc.id}>
                  {enc.label}
                  {enc.id === source.encoding!.encoding ? ` (${t('import.detected')})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {source.delimiter && (
          <span>
            {t('import.delimiter')}: <code>{DELIMITER_NAMES[source.delimiter] ?? source.delimiter}</code>
          </span>
        )}
        {source.sheets.length > 1 && (
          <label>
            {t('import.sheet')}
            <select value={entry.sheetIndex} disabled={locked} data-setting="sheet" onChange={(e) => onSheet(Number(e.target.value))}>
              {source.sheets.map((s, i) => (
                <option key={i} value={i}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {!source.error && (
          <label>
            {t('import.kind')}
            <select
              value={entry.kind ?? ''}
              disabled={locked}
              data-setting="kind"
              onChange={(e) => onChange((x) => withKind(x, (e.target.value || null) as FileKind | null))}
            >
              <option value="">{t('import.kindUnknown')}</option>
              <option value="results">{t('import.kindResults')}</option>
              <option value="members">{t('import.kindMembers')}</option>
              <option value="stats">{t('statTables.kindStats')}</option>
            </select>
          </label>
        )}
      </div>
      {source.encoding && source.encoding.replacementChars > 0 && (
        <p className="warn-text">
          {t('import.replacementChars', { n: source.encoding.replacementChars, encoding: source.encoding.chosen })}
        </p>
      )}

      {plan?.layout && (
        <>
          <p className="muted">
            {t('import.headerAt', {
              row: source.sheets[entry.sheetIndex]?.rowNumbers[plan.layout.headerIndex] ?? plan.layout.headerIndex + 1,
            })}
            {plan.layout.headerRowCount === 2 ? t('import.twoRowHeader') : ''}
            {plan.layout.titleLines.length > 0 && (
              <>
                {' · '}
                {t('import.titleRows')}: <q>{plan.layout.titleLines.join(' / ')}</q>
              </>
            )}
          </p>
          <FileContextEditor entry={entry} plan={plan} locked={locked} onChange={onChange} />
          <MappingTable entry={entry} sheet={source.sheets[entry.sheetIndex]!} plan={plan} locked={locked} onChange={onChange} />
        </>
      )}
      {!source.error && !plan?.layout && <p className="error">{t('import.noHeader')}</p>}

      {open.length > 0 && entry.status === 'pending' && !source.error && (
        <ul className="blockers">
          {open.map((b) => (
            <li key={b}>{t(`import.${b}` as 'import.needKind')}</li>
          ))}
        </ul>
      )}
      {entry.check?.status === 'running' && (
        <p className="muted" aria-busy="true" data-check="running">
          {t('import.checkingFile')}
        </p>
      )}
      {(entry.check?.status === 'failed' || entry.check?.status === 'cancelled') && entry.status === 'pending' && (
        <div
          className={entry.check.status === 'failed' ? 'error' : 'notice'}
          role={entry.check.status === 'failed' ? 'alert' : 'status'}
          data-check={entry.check.status}
        >
          <p>
            {entry.check.status === 'failed' ? t('import.checkFailed') : t('import.checkCancelledFile')}{' '}
            <button type="button" className="link" data-action="recheck" onClick={onRecheck}>
              {t('import.recheck')}
            </button>
          </p>
          {entry.check.status === 'failed' && <TechnicalDetails text={entry.check.error} />}
        </div>
      )}
      {entry.check?.status === 'done' && <ValidationReport entry={entry} staged={entry.check.staged} />}
    </section>
  );
}
