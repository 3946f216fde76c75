import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Place } from '../../queries/types';
import type { Candidate } from './placeSearch';
import { usePlaceFinder } from './usePlaceFinder';

/**
 * "Find a village": a combobox over villages and townships by name or pinyin, after the WAI-ARIA
 * pattern with a list popup. Focus stays in the box; the arrows move the active option, Enter
 * chooses it, Escape closes the list (and clears the box when it is closed already).
 */
export function PlaceSearchBox({ places, onChoose }: { places: readonly Place[]; onChoose: (c: Candidate) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { finder, load } = usePlaceFinder(places);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  // By key, not position: when the list changes (pinyin loaded, more typed) no other option becomes active.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const result = useMemo(() => (finder && query.trim() ? finder.find(query) : null), [finder, query]);
  const options = result?.candidates ?? [];
  const expanded = open && result !== null;
  const active = options.findIndex((c) => c.key === activeKey);
  const optionId = (i: number) => `${id}-option-${i}`;

  // The arrows may move past the list's scrolled edge.
  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [expanded, active, id]);

  const choose = (c: Candidate) => {
    onChoose(c);
    setQuery('');
    setOpen(false);
    setActiveKey(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The keys belong to the input method while it composes (pinyin typed into 李家).
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!options.length) return;
      e.preventDefault();
      const down = e.key === 'ArrowDown';
      const next = !expanded || active < 0 ? (down ? 0 : options.length - 1) : (active + (down ? 1 : options.length - 1)) % options.length;
      setOpen(true);
      setActiveKey(options[next]!.key);
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      choose(options[active]!);
    } else if (e.key === 'Escape' && (expanded || query)) {
      e.preventDefault();
      if (expanded) setOpen(false);
      else setQuery('');
    }
  };

  const where = (c: Candidate) =>
    [
      finder?.manyCounties ? c.county : null,
      c.kind === 'village' ? c.township : null,
      c.kind === 'village' && c.twin ? c.village_code : null,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <div className="place-search">
      <input
        type="text"
        role="combobox"
        aria-label={t('scope.search')}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={t('scope.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        data-scope="search"
        value={query}
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          load();
          setQuery(e.target.value);
          setOpen(true);
          setActiveKey(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="place-search-popup" hidden={!expanded}>
        <ul role="listbox" id={`${id}-list`} aria-label={t('scope.search')}>
          {options.map((c, i) => (
            // The WAI-ARIA combobox pattern (biome.json lets this file give list items the listbox roles):
            // options made active from the input (aria-activedescendant) and chosen with its keys.
            // biome-ignore lint/a11y: options of a listbox are not focusable themselves
            <li
              key={c.key}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              data-search-option
              data-kind={c.kind}
              data-township={c.township ?? undefined}
              data-village-key={c.kind === 'village' ? c.village_key : undefined}
              // Keeps the focus in the box, which would close the list before the click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
            >
              <span>{c.name}</span>
              {c.kind === 'township' && <span className="place-search-kind">{t('scope.township')}</span>}
              <span className="place-search-where">{where(c)}</span>
            </li>
          ))}
        </ul>
        {result && result.total > options.length && (
          <p className="place-search-note">{t('scope.searchMore', { count: result.total - options.length })}</p>
        )}
        {result && result.total === 0 && <p className="place-search-note">{t('scope.searchNone')}</p>}
      </div>
    </div>
  );
}
