// How Mattegraph launches the system Chromium headless (CLI, bench and Playwright tests).
// WebGPU needs the last two flags; the networking flags stop futile connection attempts offline
// (see ../shared/docs/ENVIRONMENT.md).

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
