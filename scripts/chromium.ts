/** Debian's Chromium (or CHROMIUM_PATH), and the flags that keep it headless and from calling home on a closed network: for the benchmark's scripts (the browser tests keep their own list, tests/browser/setup/browser.ts). */
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
