import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import { markFirstViewDrawn } from '../../app/firstView';
import { useRoute } from '../../app/route';
import { useScope } from '../../app/useScope';
import { METRICS } from '../../metrics/catalogue';
import { childLevel } from '../../metrics/levels';
import { MetricSelect } from '../MetricSelect';
import type { RankOrder } from '../../charts/types';
import { chartChoices, choicesToParams, RATES_BY_PLACE, TURNOUT_ORDERS, type Banding } from '../../queries/chartChoices';
import { RankingTable } from './RankingTable';
import { useDrillDown } from './useDrillDown';
import { OVERVIEW_CHARTS, useOverviewOptions, type OverviewChartId } from './useOverviewOptions';

/** The overview's charts, all reading aggregated rows for the shared scope; their choices live in the URL. */
export function OverviewCharts() {
  const { t } = useTranslation();
  const { scope } = useScope();
  const [route, navigate] = useRoute();
  const choices = useMemo(() => chartChoices(route.params), [route.params]);
  const choose = (c: Parameters<typeof choicesToParams>[0]) => navigate(choicesToParams(c));
  const drill = useDrillDown();
  const { options, pending } = useOverviewOptions(scope, choices);
  // Every chart has its option: the engine may start once they are drawn (src/app/firstView.ts).
  const complete = pending.size === 0 && OVERVIEW_CHARTS.every((id) => options[id]);
  useEffect(() => {
    if (complete) markFirstViewDrawn();
  }, [complete]);

  const chart = (id: OverviewChartId, height = 360) => {
    const option = options[id];
    return option ? (
      <EChart option={option} pending={pending.has(id)} height={height} data-chart={id} onItemClick={drill} />
    ) : (
      <p className="muted">…</p>
    );
  };

  return (
    <section className="charts">
      <div className="chart-grid">
        <div className="card chart-card wide">
          <div className="chart-tools">
            <label>
              {t('overview.turnoutOrder.label')}{' '}
              <select
                value={choices.turnoutOrder}
                onChange={(e) => choose({ turnoutOrder: e.target.value as RankOrder })}
                data-select="turnout-order"
              >
                {TURNOUT_ORDERS.map((o) => (
                  <option key={o} value={o}>
                    {t(`overview.turnoutOrder.${o}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {chart('turnout-by-village', 440)}
        </div>
        <div className="card chart-card">
          <div className="chart-tools">
            <MetricSelect
              name="trend-metric"
              value={choices.trend}
              options={METRICS.map((m) => m.id)}
              onChange={(trend) => choose({ trend })}
            />
          </div>
          {chart('trend')}
        </div>
        <div className="card chart-card">{chart('heatmap', 460)}</div>
        <div className="card chart-card">{chart('age-pyramid')}</div>
        <div className="card chart-card">
          <div className="chart-tools">
            <select value={choices.banding} onChange={(e) => choose({ banding: e.target.value as Banding })} data-select="banding">
              <option value="ten_year">≤35 / 36–45 / 46–55 / ≥56</option>
              <option value="twenty_year">≤29 / 30–49 / ≥50</option>
            </select>
          </div>
          {chart('age-bands')}
        </div>
        <div className="card chart-card">{chart('education')}</div>
        <div className="card chart-card wide">
          <div className="chart-tools">
            <MetricSelect name="rate-metric" value={choices.rate} options={RATES_BY_PLACE} onChange={(rate) => choose({ rate })} />
          </div>
          {chart('rates-by-place', 380)}
        </div>
      </div>
      <RankingTable level={childLevel(scope)} />
    </section>
  );
}
