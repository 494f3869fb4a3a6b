// Vite config: React app + headless render page, served cross-origin isolated (threaded WASM),
// with /models, /examples and onnxruntime-web's .wasm/.mjs served from this origin (no CDN).

import { defineConfig, type Plugin, type Connect } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, statSync, readdirSync, mkdirSync, copyFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = import.meta.dirname;
const ortDist = join(root, 'node_modules/onnxruntime-web/dist');

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const mime: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
};

/** Serves files below `dir` at URL prefix `prefix` (no directory escapes). */
function serveFolder(prefix: string, dir: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const [path, query = ''] = (req.url ?? '').split('?');
    const url = decodeURIComponent(path);
    if (!url.startsWith(prefix)) return next();
    // A JSON module import (`import manifest from '…/models/manifest.json'` → `?import`) is Vite's job.
    if (query && extname(url) === '.json') return next();
    const file = normalize(join(dir, url.slice(prefix.length)));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    res.setHeader('Content-Type', mime[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(file).size));
    for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
    createReadStream(file).pipe(res);
  };
}

function projectFiles(): Plugin {
  const handlers = [
    serveFolder('/models/', resolve(root, 'models')),
    serveFolder('/examples/', resolve(root, 'examples')),
    serveFolder('/ort/', ortDist),
  ];
  const install = (use: (h: Connect.NextHandleFunction) => void) => handlers.forEach((h) => use(h));
  return {
    name: 'mattegraph-project-files',
    configureServer: (server) => install((h) => server.middlewares.use(h)),
    configurePreviewServer: (server) => install((h) => server.middlewares.use(h)),
    // The build ships onnxruntime-web's runtime files next to the app.
    writeBundle(options) {
      const out = join(options.dir ?? join(root, 'dist'), 'ort');
      mkdirSync(out, { recursive: true });
      for (const f of readdirSync(ortDist)) {
        if (/^ort-wasm.*\.(wasm|mjs)$/.test(f)) copyFileSync(join(ortDist, f), join(out, f));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), projectFiles()],
  server: { headers: isolationHeaders, host: '127.0.0.1', port: 5173 },
  preview: { headers: isolationHeaders, host: '127.0.0.1', port: 4173 },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { main: resolve(root, 'index.html'), headless: resolve(root, 'headless.html') },
    },
  },
  worker: { format: 'es' },
});
