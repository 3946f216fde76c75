/**
 * ECharts, tree-shaken to what the builders draw. The SVG renderer keeps text as text (crisp,
 * searchable, exportable as SVG) and renders CJK with the page's fonts.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  TitleComponent,
  TooltipComponent,
  GridComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  MarkLineComponent,
  GraphicComponent,
  DataZoomComponent,
  SVGRenderer,
]);

export { echarts };
