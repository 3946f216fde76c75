/** Debian's Chromium (or CHROMIUM_PATH), and the flags that keep it headless and from calling home on a closed network: for the browser tests (tests/browser/setup/browser.ts) and the benchmark's scripts. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
