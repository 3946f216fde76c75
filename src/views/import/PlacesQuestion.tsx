import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A village × cycle × body the import asks about. */
export interface QuestionPlace {
  township: string | null;
  village: string | null;
  cycle_year: number;
  body: string;
  /** Shown after the place, e.g. how many rows are there already. */
  note?: string;
}

const SHOWN = 20;

/**
 * A question the import asks before it writes anything (villages already imported; a roster and a
 * statistical table of the same villages): the places concerned, the answers, and "cancel import".
 */
export function PlacesQuestion({
  dialog,
  title,
  text,
  places,
  hint,
  onCancelAll,
  children,
}: {
  dialog: string;
  title: string;
  text: string;
  places: readonly QuestionPlace[];
  hint?: string;
  /** Stops the whole batch: nothing of it is written. */
  onCancelAll: () => void;
  /** The answers (buttons). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={`${dialog}-title`} data-dialog={dialog}>
        <h3 id={`${dialog}-title`}>{title}</h3>
        <p>{text}</p>
        <ul className="conflicts">
          {places.slice(0, SHOWN).map((c, i) => (
            <li key={i}>
              {c.township ? `${c.township} · ` : ''}
              {c.village} · {c.cycle_year} · {t(`body.${c.body}` as 'body.party_branch')}
              {c.note ? ` (${c.note})` : ''}
            </li>
          ))}
          {places.length > SHOWN && <li>…</li>}
        </ul>
        {hint && <p className="muted">{hint}</p>}
        <div className="actions">
          {children}
          <button type="button" data-action="cancel-import" onClick={onCancelAll}>
            {t('import.cancelImport')}
          </button>
        </div>
      </div>
    </div>
  );
}
