import { useTranslation } from 'react-i18next';
import { FIELDS, fieldDef, type FieldId } from '../../import/fields';
import { duplicateHeaders } from '../../import/headers';
import { maskIdNumbersInText, maskIdText } from '../../import/normalize/idNumber';
import type { SheetPlan } from '../../import/pipeline';
import type { SourceSheet } from '../../import/read';
import { currentLang } from '../../i18n';
import { usePaged } from '../Pager';
import type { FileEntry } from './entry';

const SAMPLES = 3;

const fieldLabel = (id: FieldId, lang: 'zh' | 'en') => (lang === 'zh' ? fieldDef(id).zh : fieldDef(id).en);

/** Each file column → a field, changeable; a column left unmapped is kept as an extra column. */
export function MappingTable({
  entry,
  sheet,
  plan,
  locked,
  onChange,
}: {
  entry: FileEntry;
  sheet: SourceSheet;
  plan: SheetPlan;
  locked: boolean;
  onChange: (fn: (e: FileEntry) => FileEntry) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const layout = plan.layout!;
  const first = layout.headerIndex + layout.headerRowCount;
  const sampleRows = sheet.rows
    .slice(first, first + 12)
    .filter((r) => r.some((c) => c.trim() !== ''))
    .slice(0, SAMPLES);
  const options = FIELDS.filter((f) => !entry.kind || f.kinds.includes(entry.kind));
  const setField = (i: number, field: FieldId | null) =>
    onChange((e) => ({
      ...e,
      // A field belongs to one column: choosing it here releases it elsewhere.
      columns: e.columns.map((c, j) => (j === i ? { ...c, field } : field && c.field === field ? { ...c, field: null } : c)),
    }));
  const duplicates = duplicateHeaders(layout, entry.kind, entry.columns);
  const { shown, first: firstColumn, pager } = usePaged(entry.columns, 50, 'mapping');
  const columnName = (i: number) => t('import.columnN', { n: i + 1, header: entry.columns[i]?.header || `#${i + 1}` });
  return (
    // Collapsed when every column was recognised; open when something needs a person's eye.
    <details className="mapping" open={!entry.kind || entry.columns.some((c) => !c.field) || duplicates.length > 0}>
      <summary>{t('import.mapping')}</summary>
      {duplicates.map((d) => (
        <p key={d.field} className="notice" role="status" data-duplicate-header={d.field}>
          {t('import.duplicateHeader', {
            field: fieldLabel(d.field, lang),
            columns: d.columns.map(columnName).join(lang === 'zh' ? '、' : ', '),
            used: d.used === null ? t('import.duplicateNone') : columnName(d.used),
          })}
        </p>
      ))}
      <div className="table-scroll">
        <table className="grid" data-table="mapping">
          <thead>
            <tr>
              <th>{t('import.column')}</th>
              <th>{t('import.samples')}</th>
              <th>{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c, k) => {
              const i = firstColumn + k;
              return (
                <tr key={i} data-column={c.header}>
                  <td>{c.header || `#${i + 1}`}</td>
                  <td className="samples">
                    {sampleRows
                      // ID numbers are shown masked, as they are stored.
                      .map((r) => (c.field === 'id_number' ? maskIdText(r[i] ?? '') : maskIdNumbersInText(r[i] ?? '')))
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>
                    <select
                      value={c.field ?? ''}
                      disabled={locked}
                      data-mapping={i}
                      onChange={(e) => setField(i, (e.target.value || null) as FieldId | null)}
                    >
                      <option value="">{t('import.keepExtra')}</option>
                      {options.map((f) => (
                        <option key={f.id} value={f.id}>
                          {f[lang]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pager}
    </details>
  );
}
