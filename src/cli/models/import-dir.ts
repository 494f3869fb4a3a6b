// `npm run models -- --from DIR`: imports the .onnx files of DIR. Each is opened with
// onnxruntime-node, checked against its family's IO signature from the manifest (BGMv2 when it
// takes a plate input `bgr`, else RVM), hashed, and
// recognised as official (sha256 of a release file) or custom. Accepted files are copied to
// models/weights/<id>.onnx; rejected ones are named with the reason.

import { chmodSync, copyFileSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkSignature, familyOfIo } from '../../ml/io-signature.ts';
import { customModelId, familySpec, knownBuildBySha, officialBySha } from '../../ml/manifest.ts';
import type { ModelEntry } from '../../ml/model-library.ts';
import { officialEntry } from './download.ts';
import { sha256File } from './hash-file.ts';
import { weightsDir, weightsPath, weightsUrl } from './installed-file.ts';
import { readModelIo } from './read-model-io.ts';

export interface ImportResult {
  accepted: ModelEntry[];
  rejected: { file: string; reason: string }[];
}

export async function importDir(dir: string, prefer?: string): Promise<ImportResult> {
  const root = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(root).filter((f) => f.toLowerCase().endsWith('.onnx') && statSync(join(root, f)).isFile()).sort();
  } catch (e) {
    throw new Error(`cannot read folder ${root}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!names.length) throw new Error(`no .onnx files in ${root}`);
  const preferName = prefer ? basename(prefer) : undefined;
  if (preferName && !names.includes(preferName)) throw new Error(`--prefer ${preferName}: no such .onnx file in ${root}`);

  const result: ImportResult = { accepted: [], rejected: [] };
  for (const name of names) {
    const path = join(root, name);
    process.stderr.write(`${name}: checking… `);
    try {
      const io = await readModelIo(path);
      const family = familyOfIo(io);
      const check = checkSignature(familySpec(family), io);
      if (!check.ok) throw new Error(check.reason);
      const sha256 = await sha256File(path);
      const bytes = statSync(path).size;
      const official = officialBySha(sha256);
      const known = knownBuildBySha(sha256);
      const entry: ModelEntry = official
        ? officialEntry(official)
        : {
            id: customModelId(name),
            family,
            label: `${familySpec(family).short} ${check.precision} (custom: ${name})`,
            precision: check.precision,
            official: false,
            sha256,
            bytes,
            url: weightsUrl(customModelId(name)),
            file: name,
            webgpu: known?.webgpu ?? 'unknown',
          };
      if (official && official.precision !== check.precision) throw new Error(`sha256 says ${official.id} but its IO is ${check.precision}`);
      if (name === preferName) entry.preferred = true;
      install(path, entry.id);
      result.accepted.push(entry);
      const kind = official ? 'official' : `custom, WebGPU: ${entry.webgpu}`;
      process.stderr.write(`ok: ${entry.id} (${check.precision}, ${kind})\n`);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      process.stderr.write(`skipped: ${reason}\n`);
      result.rejected.push({ file: name, reason });
    }
  }
  return result;
}

function install(src: string, id: string) {
  mkdirSync(weightsDir, { recursive: true });
  const dest = weightsPath(id);
  copyFileSync(src, `${dest}.part`);
  chmodSync(`${dest}.part`, 0o644); // the source may be read-only; the installed copy is ours
  renameSync(`${dest}.part`, dest);
}
