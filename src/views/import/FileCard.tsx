import { useTranslation } from 'react-i18next';
import { TEXT_ENCODINGS, type TextEncodingId } from '../../import/encoding';
import type { FileKind } from '../../import/fields';
import type { PreparedImport } from '../../import/pipeline';
import { blockers, withEncoding, withKind, withSheet, type FileEntry } from './entry';
import { FileContextEditor } from './FileContextEditor';
import { MappingTable } from './MappingTable';
import { ValidationReport } from './ValidationReport';

const DELIMITER_NAMES: Record<string, string> = { ',': ',', '\t': 'Tab', ';': ';' };

interface Props {
  entry: FileEntry;
  prepared: PreparedImport | null;
  onChange: (fn: (e: FileEntry) => FileEntry) => void;
  onRemove: () => void;
}

export function FileCard({ entry, prepared, onChange, onRemove }: Props) {
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
          {source.format.toUpperCase()} · {(entry.size / 1024).toFixed(1)} KB
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
        <p className="error" role="alert" data-read-error={source.error.code}>
          {t(`import.readError_${source.error.code}`, { detail: source.error.detail ?? '' })}
        </p>
      )}
      {entry.error && <p className="error" role="alert">{t('import.failed', { message: entry.error })}</p>}
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
              onChange={(e) => onChange((x) => withEncoding(x, e.target.value as TextEncodingId))}
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
            <select value={entry.sheetIndex} disabled={locked} data-setting="sheet" onChange={(e) => onChange((x) => withSheet(x, Number(e.target.value)))}>
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
        <p className="warn-text">{t('import.replacementChars', { n: source.encoding.replacementChars, encoding: source.encoding.chosen })}</p>
      )}

      {plan?.layout && (
        <>
          <p className="muted">
            {t('import.headerAt', { row: (source.sheets[entry.sheetIndex]?.rowNumbers[plan.layout.headerIndex] ?? plan.layout.headerIndex + 1) })}
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
      {prepared && <ValidationReport entry={entry} prepared={prepared} />}
    </section>
  );
}
