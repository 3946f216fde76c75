/**
 * Draws a chart option to a file, away from the one on screen (which uses the SVG renderer):
 * PNG from an offscreen canvas-renderer instance at the asked pixel ratio, SVG from
 * ECharts' server-side renderer — a self-contained file with the text as text. Both wait for
 * the page's fonts, so Chinese is drawn in a CJK font (FONT_FAMILY names the common ones).
 * Loaded only when the user exports.
 */
import { CanvasRenderer } from 'echarts/renderers';
import { echarts } from '../charts/echartsSetup';
import type { ChartOption } from '../charts/option';
import type { Size } from '../charts/exportFrame';

echarts.use([CanvasRenderer]);

/** A data: URL as a Blob, decoded here: the CSP's connect-src would refuse fetch(dataUrl). */
function dataUrlBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const mime = /^data:([^;,]+)/.exec(url)?.[1] ?? 'application/octet-stream';
  const bin = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

async function fontsReady(): Promise<void> {
  if (typeof document !== 'undefined' && document.fonts) await document.fonts.ready;
}

export async function chartPng(option: ChartOption, size: Size, pixelRatio: number): Promise<Blob> {
  await fontsReady();
  const host = document.createElement('div');
  // Laid out but out of sight: a canvas needs a live element to size itself.
  host.style.cssText = `position:fixed;left:-${size.width + 100}px;top:0;width:${size.width}px;height:${size.height}px;pointer-events:none`;
  host.setAttribute('aria-hidden', 'true');
  document.body.appendChild(host);
  const chart = echarts.init(host, null, { renderer: 'canvas', width: size.width, height: size.height, devicePixelRatio: pixelRatio });
  try {
    chart.setOption(option, { notMerge: true, lazyUpdate: false });
    const url = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: '#ffffff' });
    return dataUrlBlob(url);
  } finally {
    chart.dispose();
    host.remove();
  }
}

export async function chartSvg(option: ChartOption, size: Size): Promise<string> {
  await fontsReady();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option, { notMerge: true, lazyUpdate: false });
    return `<?xml version="1.0" encoding="UTF-8"?>\n${chart.renderToSVGString()}`;
  } finally {
    chart.dispose();
  }
}
