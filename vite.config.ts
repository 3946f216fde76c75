/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Content Security Policy: only our own scripts (no inline ones), wasm compilation for DuckDB,
 * workers from our origin, and no connection to any other origin. Inline *styles* stay allowed:
 * React and ECharts set style attributes. Shipped twice: as a <meta> in the built index.html
 * (works on any static host) and as a header on `vite preview` (adds frame-ancestors, which a
 * <meta> cannot carry). Not applied to `vite dev`, whose hot-reload preamble is an inline script.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Puts the CSP <meta> first in the built index.html. */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

/**
 * The bundled sample, imported by the app's own importer at build time and emitted as `sample/`
 * (scripts/lib/sampleDataset.ts); the dev server makes and serves the same files.
 */
function sampleDataset(): Plugin[] {
  let files: Promise<Map<string, Uint8Array>> | null = null;
  // In a child process: the config stays free of the app's modules and of DuckDB.
  const make = async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cunxuan-sample-'));
    try {
      execFileSync(
        process.execPath,
        [
          fileURLToPath(new URL('./node_modules/tsx/dist/cli.mjs', import.meta.url)),
          fileURLToPath(new URL('./scripts/build-sample.ts', import.meta.url)),
          out,
        ],
        { stdio: 'inherit' },
      );
      return new Map(readdirSync(out).map((f) => [f, new Uint8Array(readFileSync(path.join(out, f)))] as const));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  const get = () => (files ??= make());
  return [
    {
      name: 'sample-dataset:build',
      apply: 'build',
      async generateBundle() {
        for (const [name, source] of await get()) this.emitFile({ type: 'asset', fileName: `sample/${name}`, source });
      },
    },
    {
      name: 'sample-dataset:serve',
      apply: 'serve',
      configureServer(server) {
        server.middlewares.use((req, res, next) => {
          const m = /^\/sample\/([\w.-]+)$/.exec((req.url ?? '').split('?')[0]!);
          if (!m) return next();
          void get().then((all) => {
            const bytes = all.get(m[1]!);
            res.statusCode = bytes ? 200 : 404;
            res.end(bytes ? Buffer.from(bytes) : undefined);
          }, next);
        });
      },
    },
  ];
}

const THEME = '#b91c1c'; // --accent in src/styles.css, the header's red

export default defineConfig({
  plugins: [
    react(),
    cspMeta(),
    ...sampleDataset(),
    VitePWA({
      // Registered from src/app/serviceWorker.ts (production only); no inline register script.
      injectRegister: null,
      // A new version waits for the user's "reload": never reload under a running import.
      registerType: 'prompt',
      // The icons are in the precache glob below already.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: '村选看板 · Village Election Dashboard',
        short_name: '村选看板',
        description:
          '村"两委"换届选举数据分析：数据只在本机浏览器中处理，不上传。Village election dashboard that runs entirely in the browser.',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME,
        background_color: '#f6f7f9',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Precached on install: app shell, all chunks, icons, the sample CSVs, and the DuckDB
        // `eh` bundle (wasm ~34 MB + worker) that every current browser selects.
        globPatterns: ['**/*.{html,js,css,svg,png,wasm}', 'sample/*'],
        // The documentation's screenshots are not part of the app; the `mvp` bundle (wasm ~39 MB) is only
        // for browsers without wasm exceptions and is cached at run time if one ever asks for it.
        globIgnores: ['screenshots/**', 'assets/duckdb-mvp-*.wasm', 'assets/duckdb-browser-mvp.worker-*.js'],
        maximumFileSizeToCacheInBytes: 48 * 1024 * 1024,
        // Control the first page right away so it works offline without a second visit.
        clientsClaim: true,
        navigateFallback: 'index.html',
        runtimeCaching: [
          {
            urlPattern: /\/assets\/duckdb-(?:browser-)?mvp[^/]*\.(?:wasm|js)$/,
            handler: 'CacheFirst',
            options: { cacheName: 'duckdb-mvp', expiration: { maxEntries: 4 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  // DuckDB-WASM ships prebuilt workers and wasm: serve them as files, don't pre-bundle them.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        // Opening DuckDB and importing fixtures in beforeAll takes over the 10 s default on a loaded 2-core machine.
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/setup/global.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The app boots DuckDB after every page load: seconds, more on a loaded CI machine.
          expect: { poll: { timeout: 30_000 } },
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
