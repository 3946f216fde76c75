/**
 * Renders the app icons in public/icons/ from public/favicon.svg with Debian's Chromium
 * (playwright-core, no browser download): `npm run icons`. The PNGs are committed; re-run after
 * changing the favicon.
 *
 * - icon-192.png, icon-512.png: the favicon as is (rounded red tile, transparent corners).
 * - icon-maskable-512.png: full-bleed red square with the house scaled into the maskable safe
 *   zone (the centre circle of 80 % diameter), for launchers that crop icons to a shape.
 * - apple-touch-icon.png (180): the maskable artwork, opaque (iOS fills transparency with black).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const svg = readFileSync(path.join(root, 'public/favicon.svg'), 'utf8');
const outDir = path.join(root, 'public/icons');

/** The favicon's content without its background tile: the house drawing. */
function drawing(source: string): { fill: string; body: string } {
  const m = /^<svg[^>]*viewBox="0 0 64 64"[^>]*>(<rect [^>]*\/>)([\s\S]*)<\/svg>\s*$/.exec(source.trim());
  if (!m?.[1] || !m[2]) throw new Error('public/favicon.svg: expected <svg viewBox="0 0 64 64"><rect …/>…</svg>');
  const fill = /fill="([^"]+)"/.exec(m[1])?.[1];
  if (!fill) throw new Error('public/favicon.svg: background <rect> has no fill');
  return { fill, body: m[2] };
}

const { fill, body } = drawing(svg);
// 0.75: the drawing's far corners stay well inside the 0.4 × size safe-zone radius.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${fill}"/><g transform="translate(32 32) scale(0.75) translate(-32 -31)">${body}</g></svg>`;

const ICONS: { file: string; size: number; source: string }[] = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  { file: 'icon-maskable-512.png', size: 512, source: maskable },
  { file: 'apple-touch-icon.png', size: 180, source: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--force-color-profile=srgb', '--font-render-hinting=none'],
});
try {
  mkdirSync(outDir, { recursive: true });
  for (const { file, size, source } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(path.join(outDir, file), png);
    console.log(`public/icons/${file} (${size}×${size}, ${png.length} bytes)`);
    await page.close();
  }
} finally {
  await browser.close();
}
