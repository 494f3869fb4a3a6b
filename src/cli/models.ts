// `npm run models`: installs the model files the app uses (RVM; BGMv2 by --from only).
//   npm run models                       download the manifest's default official files (needs internet)
//   npm run models -- --id ID            download one official file by manifest id
//   npm run models -- --from DIR         import the .onnx files of DIR instead (no network)
//   npm run models -- --from DIR --prefer FILE   ... and make FILE the model `auto` picks
// Writes models/weights/<id>.onnx and models/installed.json (both git-ignored).

import { parseArgs } from 'node:util';
import { manifest } from '../ml/manifest.ts';
import { pickAutoModel } from '../ml/pick-model.ts';
import type { ModelEntry } from '../ml/model-library.ts';
import { downloadOfficial } from './models/download.ts';
import { importDir } from './models/import-dir.ts';
import { writeInstalled } from './models/installed-file.ts';

const usage = `usage: npm run models [-- --from DIR [--prefer FILE]] [-- --id MODEL_ID]
  (no options)   download ${manifest.official.filter((m) => m.download).map((m) => m.file).join(', ')}
  --id ID        download one official file: ${manifest.official.map((m) => m.id).join(', ')}
  --from DIR     import the .onnx files of DIR (checked against the RVM or BGMv2 IO signature)
  --prefer FILE  with --from: the file \`auto\` should use`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, prefer: { type: 'string' }, id: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (values.prefer && !values.from) throw new Error('--prefer only works with --from DIR');

  if (values.from) {
    const { accepted, rejected } = await importDir(values.from, values.prefer);
    if (!accepted.length) throw new Error(`no usable model in ${values.from} (${rejected.length} file(s) rejected, reasons above)`);
    report(writeInstalled(accepted), accepted.length);
    return 0;
  }

  const wanted = values.id
    ? manifest.official.filter((m) => m.id === values.id)
    : manifest.official.filter((m) => m.download);
  if (!wanted.length) throw new Error(`unknown model id "${values.id}" (known: ${manifest.official.map((m) => m.id).join(', ')})`);
  const installed: ModelEntry[] = [];
  for (const m of wanted) {
    try {
      installed.push(await downloadOfficial(m));
    } catch (e) {
      if (installed.length) writeInstalled(installed);
      const why = (e as Error).message;
      throw new Error(m.url ? `${why}. Offline? Import files you have with: npm run models -- --from DIR` : why);
    }
  }
  report(writeInstalled(installed), installed.length);
  return 0;
}

function report(all: ModelEntry[], added: number) {
  const auto = pickAutoModel(all.filter((e) => e.family === 'rvm'));
  const bgmv2 = pickAutoModel(all.filter((e) => e.family === 'bgmv2'));
  process.stdout.write(
    `installed ${added} model(s); models/installed.json lists ${all.length}; auto = ${auto?.id ?? 'none'}` +
      (bgmv2 ? `; BGMv2 auto = ${bgmv2.id}` : '') + '\n',
  );
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`models: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
