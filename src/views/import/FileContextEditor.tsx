import { useTranslation } from 'react-i18next';
import type { SheetPlan } from '../../import/pipeline';
import type { FileContext } from '../../import/normalizeRow';
import type { FileEntry } from './entry';
import { fieldLabel } from '../fieldLabel';

/** Values no column carries (cycle, body, …): read from the title or file name, or entered here. */
export function FileContextEditor({
  entry,
  plan,
  locked,
  onChange,
}: {
  entry: FileEntry;
  plan: SheetPlan;
  locked: boolean;
  onChange: (fn: (e: FileEntry) => FileEntry) => void;
}) {
  const { t } = useTranslation();
  const has = (f: string) => entry.columns.some((c) => c.field === f);
  const showYear = !has('cycle_year');
  const showBody = !has('body');
  const showLabel = !has('cycle_label') && !!entry.context.cycle_label;
  if (!showYear && !showBody && !showLabel) return null;
  const set = (k: keyof FileContext, v: string) =>
    onChange((e) => ({ ...e, context: { ...e.context, [k]: v || undefined }, confirmed: e.needsConfirm ? false : e.confirmed }));
  const from = (k: keyof FileContext) =>
    plan.inferredFrom[k] ? <small className="muted"> ({t(`import.inferredFrom_${plan.inferredFrom[k]}`)})</small> : null;
  return (
    <fieldset className="file-context" disabled={locked}>
      <legend>{t('import.fileWide')}</legend>
      <p className="muted">{t('import.fileWideHint')}</p>
      {showYear && (
        <label>
          {fieldLabel('cycle_year')}
          <input
            type="number"
            min={1949}
            max={2100}
            value={entry.context.cycle_year ?? ''}
            data-context="cycle_year"
            onChange={(e) => set('cycle_year', e.target.value)}
          />
          {from('cycle_year')}
        </label>
      )}
      {showLabel && (
        <label>
          {fieldLabel('cycle_label')}
          <input value={entry.context.cycle_label ?? ''} data-context="cycle_label" onChange={(e) => set('cycle_label', e.target.value)} />
          {from('cycle_label')}
        </label>
      )}
      {showBody && (
        <label>
          {fieldLabel('body')}
          <select value={entry.context.body ?? ''} data-context="body" onChange={(e) => set('body', e.target.value)}>
            <option value="">—</option>
            <option value="village_committee">{t('body.village_committee')}</option>
            <option value="party_branch">{t('body.party_branch')}</option>
          </select>
          {from('body')}
        </label>
      )}
      {entry.needsConfirm && (
        <label className="confirm">
          <input
            type="checkbox"
            checked={entry.confirmed}
            data-action="confirm-context"
            onChange={(e) => onChange((x) => ({ ...x, confirmed: e.target.checked }))}
          />
          {t('import.confirmInferred')}
        </label>
      )}
    </fieldset>
  );
}
