import { memo, useCallback, useEffect, useRef } from 'react';
import { echarts } from './echartsSetup';
import { REPLACED_COMPONENTS, type ChartOption } from './option';
import { currentLang } from '../i18n';
import { ChartExportMenu } from './ChartExportMenu';
import { optionTitle } from './exportFrame';
import { whenIdle } from '../util/idle';
import { traceSince } from '../util/trace';

export interface ChartItem {
  key: string;
  level: string;
}

interface Props {
  option: ChartOption;
  height?: number;
  /** A click on a data item that carries a place (see base.ts placeDatum). */
  onItemClick?: (item: ChartItem) => void;
  /** Receives the live instance; null when it goes away. */
  onInstance?: (chart: echarts.ECharts | null) => void;
  /** PNG/SVG/copy buttons above the chart (default on). */
  exportable?: boolean;
  /** The option shown is the last scope's and this one's is on its way: marked busy, not ready. */
  pending?: boolean;
  /** A fixed width in pixels (the report's A4 column); the container's width otherwise. */
  width?: number;
  'data-chart': string;
}

function isEmptyOption(option: ChartOption): boolean {
  return Array.isArray(option.graphic) && option.graphic.length > 0;
}

/**
 * One ECharts instance bound to a div: created once, given each new option whole (its components
 * replaced, so a series that disappears is gone), resized with its box and disposed on unmount.
 * Memoised: the page holding a chart re-renders on every answer of a scope change, a chart only
 * when what it is given changes.
 */
export const EChart = memo(function EChart({
  option,
  pending = false,
  height = 360,
  onItemClick,
  onInstance,
  exportable = true,
  width,
  'data-chart': id,
}: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  // Charts out of sight are drawn when the page is idle (or when they come into sight), so that a
  // scope change draws what the user is looking at first. null: not known yet.
  const inSight = useRef<boolean | null>(null);
  const undrawn = useRef<ChartOption | null>(null);
  const later = useRef<(() => void) | null>(null);

  const cancelIdleDraw = () => {
    later.current?.();
    later.current = null;
  };

  const draw = () => {
    cancelIdleDraw();
    const next = undrawn.current;
    if (!next || !chart.current) return;
    undrawn.current = null;
    const t0 = performance.now();
    chart.current.setOption(next, { replaceMerge: REPLACED_COMPONENTS, lazyUpdate: false });
    traceSince(`chart ${id}`, t0);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the instance lives as long as the element; options arrive through the effect below
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, null, { renderer: 'svg', locale: currentLang() === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (params) => {
      const d = params.data as { key?: unknown; level?: unknown } | null | undefined;
      if (d && typeof d.key === 'string' && d.key && typeof d.level === 'string') clickRef.current?.({ key: d.key, level: d.level });
    });
    // A resize draws too: ready only once the option given has been drawn.
    instance.on('finished', () => {
      if (!pendingRef.current && undrawn.current === null) node.setAttribute('data-state', 'ready');
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(node);
    const sight = new IntersectionObserver(
      (entries) => {
        inSight.current = entries[entries.length - 1]!.isIntersecting;
        if (inSight.current) draw();
      },
      { rootMargin: '100px' },
    );
    sight.observe(node);
    onInstance?.(instance);
    return () => {
      cancelIdleDraw();
      sight.disconnect();
      resize.disconnect();
      onInstance?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: draw() reads the refs; a new option is what this effect is for
  useEffect(() => {
    el.current?.setAttribute('data-state', 'rendering');
    undrawn.current = option;
    if (inSight.current) return draw();
    cancelIdleDraw();
    later.current = whenIdle(draw);
  }, [option]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: draw() reads the refs; a change of pending is what this effect is for
  useEffect(() => {
    if (!pending) {
      // The rows came back without a new option (the same as before): the one held back below is
      // current after all. A new option was scheduled or drawn by the effect above.
      if (undrawn.current && !inSight.current && !later.current) later.current = whenIdle(draw);
      return;
    }
    // A pending chart is drawn already: it turns ready with the option that follows.
    el.current?.setAttribute('data-state', 'rendering');
    // Out of sight, the last scope's option waiting for an idle moment is not worth drawing now
    // (that moment is while the new scope's queries run, and the charts in sight wait for it):
    // it is drawn if scrolled to, or replaced by the option that follows.
    if (!inSight.current) cancelIdleDraw();
  }, [pending]);

  const shownSize = useCallback(
    () => ({ width: el.current?.clientWidth ?? width ?? 640, height: el.current?.clientHeight ?? height }),
    [width, height],
  );

  const chartDiv = (
    <div
      ref={el}
      className="echart"
      role="img"
      aria-label={optionTitle(option)}
      aria-busy={pending}
      data-chart={id}
      data-empty={isEmptyOption(option) ? 'true' : 'false'}
      style={{ width: width ?? '100%', height }}
    />
  );
  if (!exportable) return chartDiv;
  return (
    <div className="echart-box" data-chart-box={id}>
      <ChartExportMenu option={option} shownSize={shownSize} />
      {chartDiv}
    </div>
  );
});
