import { useTranslation } from 'react-i18next';
import type { CompletenessTownship } from '../../queries/completeness';
import { DownloadableTable } from '../DownloadableTable';
import { COUNT_COLUMNS, totalsOf, townshipHeaders, townshipTable } from './completenessTables';

/** "5 / 7": reported of expected. */
function Ratio({ done, of }: { done: number; of: number }) {
  return (
    <>
      {done}
      <span className="muted"> / {of}</span>
    </>
  );
}

function Names({ names, none, label }: { names: readonly string[]; none: string; label: string }) {
  if (names.length === 0) return <span className="muted">{none}</span>;
  return (
    <details data-missing-count={names.length}>
      <summary>{label}</summary>
      <ul className="plain-list" data-missing-list="">
        {names.map((n, i) => (
          // A name can repeat (the totals row joins townships): the position keeps keys apart.
          <li key={`${i}-${n}`}>{n}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * One row per township: data-reported / data-expected are the villages with villagers' committee
 * results and the villages expected (the hook the checks read); each body's results and rosters
 * beside them, the 重点村 / 难点村 done, the missing villages by name; a totals row.
 */
export function TownshipTable({ rows, cycle }: { rows: readonly CompletenessTownship[]; cycle: number }) {
  const { t } = useTranslation();
  const total = totalsOf(rows);
  const cells = (r: CompletenessTownship) => (
    <>
      <td className="num">{r.expected}</td>
      {COUNT_COLUMNS.slice(1).map((c) => (
        <td key={c} className="num" data-count={c}>
          <Ratio done={r[c]} of={r.expected} />
        </td>
      ))}
      <td className="num" data-count="key">
        <Ratio done={r.key_done} of={r.key_expected} />
      </td>
      <td className="num" data-count="difficult">
        <Ratio done={r.difficult_done} of={r.difficult_expected} />
      </td>
    </>
  );
  return (
    <section className="card">
      <DownloadableTable
        headers={townshipHeaders(t)}
        table={() => townshipTable(t, rows, cycle)}
        fileName={t('completeness.fileName', { cycle })}
        action="export-completeness"
        tableAttrs={{ 'data-table': 'completeness-townships' }}
      >
        {rows.map((r) => (
          <tr
            key={`${r.county}|${r.township}`}
            data-county={r.county ?? ''}
            data-township={r.township ?? ''}
            data-reported={r.vc_results}
            data-expected={r.expected}
          >
            <td>{r.county}</td>
            <td>{r.township}</td>
            {cells(r)}
            <td data-missing="">
              <Names
                names={r.missing}
                none={t('completeness.noneMissing')}
                label={t('completeness.showMissing', { n: r.missing.length })}
              />
            </td>
            <td data-unlisted="" title={t('completeness.unlistedHint')}>
              {r.unlisted.join('、')}
            </td>
          </tr>
        ))}
        <tr className="totals" data-total="" data-reported={total.vc_results} data-expected={total.expected}>
          <th scope="row" colSpan={2}>
            {t('completeness.total')}
          </th>
          {cells(total)}
          <td>{total.missing.length > 0 ? t('completeness.showMissing', { n: total.missing.length }) : t('completeness.noneMissing')}</td>
          <td>{total.unlisted.length || ''}</td>
        </tr>
      </DownloadableTable>
    </section>
  );
}
