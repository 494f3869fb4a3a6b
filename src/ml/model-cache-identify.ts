// Turns the bytes of an .onnx a user dropped or downloaded into a library entry: the IO
// signature is checked (against the given family, or the family its inputs point to), the
// sha256 is compared with the manifest (official, or custom) and known builds.

import { checkSignature, familyOfIo } from './io-signature.ts';
import { customModelId, familySpec, knownBuildBySha, officialBySha } from './manifest.ts';
import type { ModelEntry, ModelFamily } from './model-library.ts';
import { readModelIoWeb } from './read-model-io-web.ts';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The entry for `bytes` named `fileName`. `family` undefined: judged from the model's inputs
 * (a file picked on the model page is not meant for any node yet). Throws `"<file>" was refused:
 * <first mismatch>` for a file that is not a usable model of that family.
 */
export async function identifyModel(bytes: Uint8Array, fileName: string, family?: ModelFamily): Promise<ModelEntry> {
  let precision: ModelEntry['precision'];
  let actualFamily: ModelFamily;
  try {
    const io = await readModelIoWeb(bytes);
    actualFamily = family ?? familyOfIo(io);
    const check = checkSignature(familySpec(actualFamily), io);
    if (!check.ok) throw new Error(check.reason);
    precision = check.precision;
  } catch (e) {
    throw new Error(`"${fileName}" was refused: ${(e as Error).message}`);
  }
  const sha256 = await sha256Hex(bytes);
  const official = officialBySha(sha256);
  if (official && official.family === actualFamily) {
    return { id: official.id, family: actualFamily, label: official.label, precision, official: true, sha256, bytes: bytes.length, file: fileName };
  }
  return {
    id: customModelId(fileName),
    family: actualFamily,
    label: `${familySpec(actualFamily).short} ${precision} (custom: ${fileName})`,
    precision,
    official: false,
    sha256,
    bytes: bytes.length,
    file: fileName,
    webgpu: knownBuildBySha(sha256)?.webgpu ?? 'unknown',
  };
}
