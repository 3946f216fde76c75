import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaces } from '../../queries/hooks';
import { useScope } from '../../app/useScope';
import { BODY_SCOPES, ROLE_SCOPES, type BodyScope, type RoleScope } from '../../metrics/scope';
import { PlaceSearchBox } from './PlaceSearchBox';
import { villageOptions } from './villageOptions';

const ROLE_KEY: Record<RoleScope, 'scope.roleAll' | 'scope.roleHead' | 'scope.roleDeputy' | 'scope.roleMember'> = {
  all: 'scope.roleAll',
  head: 'scope.roleHead',
  deputy: 'scope.roleDeputy',
  member: 'scope.roleMember',
};

/**
 * One bar that sets the scope of every dashboard view: place (found by name, or chosen level by
 * level), cycle, body and role. The report covers both bodies and every role, so it shows place
 * and cycle only.
 */
export function ScopeBar({ placeAndCycleOnly = false }: { placeAndCycleOnly?: boolean }) {
  const { t } = useTranslation();
  const { scope, cycles, setScope } = useScope();
  const places = usePlaces().data ?? [];
  const counties = useMemo(() => [...new Set(places.map((p) => p.county ?? ''))].filter(Boolean).sort(), [places]);
  const townships = useMemo(
    () =>
      [...new Set(places.filter((p) => !scope.county || p.county === scope.county).map((p) => p.township ?? ''))].filter(Boolean).sort(),
    [places, scope.county],
  );
  const { county, township, village } = scope;
  const villages = useMemo(() => villageOptions(places, { county, township, village }), [places, county, township, village]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of selects in a row, grouped for screen readers; a fieldset would draw a frame
    <div className="scope-bar" role="group" aria-label={t('scope.label')} data-scope-bar>
      <PlaceSearchBox
        places={places}
        onChoose={(c) => setScope({ county: c.county, township: c.township, village: c.kind === 'village' ? c.village_key : null })}
      />
      <select
        value={scope.county ?? ''}
        aria-label={t('scope.county')}
        data-scope="county"
        onChange={(e) => setScope({ county: e.target.value || null, township: null, village: null })}
      >
        <option value="">{t('scope.allCounties')}</option>
        {counties.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        value={scope.township ?? ''}
        aria-label={t('scope.township')}
        data-scope="township"
        onChange={(e) => {
          const township = e.target.value || null;
          const county = township
            ? (places.find((p) => p.township === township && (!scope.county || p.county === scope.county))?.county ?? null)
            : scope.county;
          setScope({ county, township, village: null });
        }}
      >
        <option value="">{t('scope.allTownships')}</option>
        {townships.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        value={scope.village ?? ''}
        aria-label={t('scope.village')}
        data-scope="village"
        onChange={(e) => {
          const v = places.find((p) => p.village_key === e.target.value);
          setScope(v ? { county: v.county, township: v.township, village: v.village_key } : { village: null });
        }}
      >
        <option value="">{t('scope.allVillages')}</option>
        {villages.more && (
          <option value="" disabled>
            {t('scope.villagesByTownship')}
          </option>
        )}
        {villages.listed.map((v) => (
          <option key={v.village_key} value={v.village_key}>
            {v.village}
            {scope.township ? '' : ` · ${v.township ?? ''}`}
          </option>
        ))}
      </select>
      <select
        value={scope.cycle ?? ''}
        aria-label={t('scope.cycle')}
        data-scope="cycle"
        onChange={(e) => setScope({ cycle: Number(e.target.value) })}
      >
        {cycles.map((c) => (
          <option key={c} value={c}>
            {t('scope.year', { year: c })}
          </option>
        ))}
      </select>
      {!placeAndCycleOnly && (
        <>
          <select
            value={scope.body}
            aria-label={t('scope.body')}
            data-scope="body"
            onChange={(e) => setScope({ body: e.target.value as BodyScope })}
          >
            {BODY_SCOPES.map((b) => (
              <option key={b} value={b}>
                {b === 'all' ? t('scope.bodyAll') : t(`body.${b}`)}
              </option>
            ))}
          </select>
          <select
            value={scope.role}
            aria-label={t('scope.role')}
            data-scope="role"
            onChange={(e) => setScope({ role: e.target.value as RoleScope })}
          >
            {ROLE_SCOPES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_KEY[r])}
              </option>
            ))}
          </select>
        </>
      )}
      <Breadcrumb />
    </div>
  );
}

/** Where the scope sits, each level a link back up. */
function Breadcrumb() {
  const { t } = useTranslation();
  const { scope, setScope } = useScope();
  const places = usePlaces().data ?? [];
  const village = scope.village ? places.find((p) => p.village_key === scope.village) : undefined;
  const crumbs: { label: string; go: () => void }[] = [
    { label: t('scope.allData'), go: () => setScope({ county: null, township: null, village: null }) },
  ];
  if (scope.county) crumbs.push({ label: scope.county, go: () => setScope({ township: null, village: null }) });
  if (scope.township) crumbs.push({ label: scope.township, go: () => setScope({ village: null }) });
  if (village) crumbs.push({ label: village.village ?? village.village_key, go: () => undefined });
  return (
    <nav className="breadcrumb" aria-label="breadcrumb" data-breadcrumb>
      {crumbs.map((c, i) =>
        i === crumbs.length - 1 ? (
          <strong key={i}>{c.label}</strong>
        ) : (
          <span key={i}>
            <button type="button" className="link" onClick={c.go}>
              {c.label}
            </button>
            ›
          </span>
        ),
      )}
    </nav>
  );
}
