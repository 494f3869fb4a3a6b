// The Color Key run as a user runs it from the command line: each still goes through
// examples/color-key-alpha.json (Video Source -> Color Key -> Export of the matte) on the headless
// render page, exactly as `npm run render -- examples/color-key-alpha.json --set source.file=X.png
// --set key.screenColor=#RRGGBB --out DIR/` does, but with one browser for all the stills.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CliError } from '../cli-error.ts';
import { prepareGraph, readGraphFile } from '../graph-input.ts';
import { HeadlessBrowser } from '../headless-browser.ts';
import { HEADLESS_API, type HeadlessApi, type HeadlessRenderJob, type HeadlessRenderResult, type ParamKinds } from '../headless-protocol.ts';
import { distDir, modelsDirFor, projectRoot } from '../project-paths.ts';
import { startRenderServer } from '../render-server.ts';

type HeadlessWindow = Record<string, HeadlessApi>;

export const KEY_EXAMPLE = 'examples/color-key-alpha.json';

export interface KeyRenderOptions {
  verbose: boolean;
  log(line: string): void;
  /** Called after each still. */
  onStill?(done: number, total: number): void;
}

/** The key's matte of each PNG still (0..255, one byte a pixel), keyed with only `screenHex` set. */
export async function renderKeyMattes(stills: string[], screenHex: string, options: KeyRenderOptions): Promise<Uint8Array[]> {
  const graph = await readGraphFile(join(projectRoot, KEY_EXAMPLE));
  // The PNGs of the still being rendered, by file name, assembled from the page's chunks.
  let files = new Map<string, Buffer>();
  const server = await startRenderServer({
    distDir,
    modelsDir: modelsDirFor(undefined),
    onChunk: async (chunk, position, file) => {
      const name = file ?? 'output';
      const old = files.get(name) ?? Buffer.alloc(0);
      const grown = old.length >= position + chunk.length ? old : Buffer.concat([old, Buffer.alloc(position + chunk.length - old.length)]);
      chunk.copy(grown, position);
      files.set(name, grown);
    },
  });
  let browser: HeadlessBrowser | undefined;
  try {
    browser = await HeadlessBrowser.open({ origin: server.origin, watchdogMs: 120_000, verbose: options.verbose, log: options.log });
    const page = browser.page;
    const kinds = await browser.guard(page.evaluate((name) => (window as unknown as HeadlessWindow)[name].paramKinds(), HEADLESS_API)) as ParamKinds;
    const mattes: Uint8Array[] = [];
    for (const [k, still] of stills.entries()) {
      const prepared = prepareGraph(graph, [
        { node: 'source', param: 'file', text: still },
        { node: 'key', param: 'screenColor', text: screenHex },
      ], kinds);
      const media: Record<string, string> = {};
      for (const file of prepared.mediaFiles) media[file] = server.addMedia(file);
      const job: HeadlessRenderJob = {
        graphText: prepared.text, media, sinkPath: server.sinkPath, outputName: 'matte', format: 'png-sequence',
      };
      files = new Map();
      const result = await browser.guard(
        page.evaluate(([name, j]) => (window as unknown as HeadlessWindow)[name].render(j), [HEADLESS_API, job] as const),
      ) as HeadlessRenderResult;
      if (!result.ok) throw new CliError(`${KEY_EXAMPLE} on ${still}: ${result.message}`);
      const pngs = [...files.values()];
      if (result.frames !== 1 || pngs.length !== 1) throw new CliError(`${KEY_EXAMPLE} on ${still}: expected 1 PNG, got ${pngs.length}`);
      mattes.push(redChannel(pngs[0]));
      options.onStill?.(k + 1, stills.length);
    }
    return mattes;
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** The matte's value: R of the exported RGBA PNG (a grey matte has R = G = B). */
function redChannel(png: Buffer): Uint8Array {
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-f', 'png_pipe', '-i', '-', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    input: png,
    maxBuffer: 1 << 28,
  });
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4];
  return out;
}
