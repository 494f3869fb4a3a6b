// Chromium flags that work headless on these machines (see ../shared/docs/ENVIRONMENT.md):
// WebGPU needs the last two; the networking flags stop futile connection attempts offline.
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
