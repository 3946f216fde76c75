import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A long list one page at a time: however many rows a file or a county brings, the page never
 * holds more than `size` of them (a million warnings "shown all" would stall the tab).
 */
export function usePaged<T>(items: readonly T[], size: number, name: string): { shown: readonly T[]; first: number; pager: ReactNode } {
  const { t } = useTranslation();
  const [wanted, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  // A shorter list (a new scope, a filter) keeps the page within it.
  const page = Math.min(wanted, pages - 1);
  const shown = items.slice(page * size, (page + 1) * size);
  const pager =
    pages <= 1 ? null : (
      <nav className="pager" aria-label={t('pager.label')} data-pager={name}>
        <button type="button" className="link" disabled={page === 0} onClick={() => setPage(page - 1)} data-action="page-previous">
          {t('pager.previous')}
        </button>
        <span data-page={page + 1}>
          {t('pager.position', { from: page * size + 1, to: page * size + shown.length, total: items.length })}
        </span>
        <button type="button" className="link" disabled={page >= pages - 1} onClick={() => setPage(page + 1)} data-action="page-next">
          {t('pager.next')}
        </button>
      </nav>
    );
  return { shown, first: page * size, pager };
}
