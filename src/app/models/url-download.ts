// "Download from URL…" on the model page: a model fetched from an address the user gives (a
// mirror on their own server, a Hugging Face file), for the manifest's files whose official
// address the page cannot fetch (GitHub release assets send no CORS header), and for custom
// models.
//
// What is kept, and when:
// - Asked for a manifest row (`official`): the file must be that release. A known size that
//   differs is refused before the body is read, a sha256 that differs after; nothing is stored,
//   and the message says how to keep the file anyway (as a custom model, from the page's own
//   "Download model from URL…"). A user who asked for the official file and got another one
//   must not find an unknown file standing in for it. Where the manifest knows no sha256 (the
//   BGMv2 exports), the file cannot be confirmed: it is kept as a custom model and said so.
// - Asked for any model: the family its inputs point to; official when its sha256 is a
//   manifest entry's, custom otherwise, and the message says which.
// Either way the family's IO signature is checked before anything is stored (the library).

import type { OfficialModel } from '../../ml/manifest.ts';
import { sha256Hex } from '../../ml/model-cache-identify.ts';
import { browserDownloadBlocker } from '../../ml/model-download-source.ts';
import { downloadModelBytes } from '../../ml/model-download.ts';
import { formatBytes } from './format-bytes.ts';
import { editorModelLibrary } from './model-library-access.ts';
import { keptWhere, reason, say, trackDownload } from './models-store.ts';

/** What a URL download is for: one manifest file, or any model. */
export type UrlDownloadTarget = { kind: 'official'; model: OfficialModel } | { kind: 'any' };

/** The progress key of a target's URL download (apart from the manifest address's Download). */
export const urlDownloadKey = (t: UrlDownloadTarget): string => (t.kind === 'official' ? `url:${t.model.id}` : 'url:any');

/** Why the page will not even try `url`, or undefined. */
export function urlProblem(url: string): string | undefined {
  const text = url.trim();
  if (!text) return 'Type or paste the address of the .onnx file';
  const blocker = browserDownloadBlocker(text);
  if (blocker) {
    return blocker.includes('GitHub')
      ? `${blocker}. Put the file on a server that sends CORS (your own, or Hugging Face), or run \`npm run models\` in the project folder`
      : blocker;
  }
  const protocol = new URL(text).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') return `only http and https addresses can be downloaded (not ${protocol})`;
  return undefined;
}

/** The file name an address ends in (`…/resolve/main/model.onnx?download=true`: model.onnx). */
export function fileNameOf(url: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
  return last || 'model.onnx';
}

const short = (sha: string) => `${sha.slice(0, 8)}…`;

/**
 * Downloads, checks and keeps the model at `url`; the page's message says how it went. True
 * when a model was kept.
 */
export async function downloadFromUrl(target: UrlDownloadTarget, url: string): Promise<boolean> {
  url = url.trim();
  const model = target.kind === 'official' ? target.model : undefined;
  const tracking = trackDownload(urlDownloadKey(target), model?.bytes ?? undefined);
  if (!tracking) return false;
  const fileName = model?.file ?? fileNameOf(url);
  const host = new URL(url).host;
  const keepAnyway = 'if you trust this file, keep it as a custom model with “Download model from URL…” at the top of this page';
  try {
    say('info', `Downloading ${fileName} from ${host}…`);
    const bytes = await downloadModelBytes({
      url,
      name: fileName,
      expectedBytes: model?.bytes ?? null,
      expectedSha256: null, // compared below, to say which file came instead
      signal: tracking.signal,
      onProgress: tracking.onProgress,
    }).catch((e: unknown) => {
      if (tracking.signal.aborted) throw e;
      // A size other than the manifest's (model-download.ts's wording) is another file, not a bad link.
      const sizeDiffers = model && /offers \d+ bytes/.test(reason(e));
      throw new Error(`${reason(e)}. Nothing was stored${sizeDiffers ? `; ${keepAnyway}` : ''}`);
    });
    const sha256 = await sha256Hex(bytes);
    if (model?.sha256 && sha256 !== model.sha256) {
      say('error', `The file at ${url} is not ${model.label}: its sha256 (${short(sha256)}) differs from the official file's (${short(model.sha256)}). Nothing was stored; ${keepAnyway}.`);
      return false;
    }
    tracking.signal.throwIfAborted();
    let added;
    try {
      added = await editorModelLibrary().addFile(new File([bytes as Uint8Array<ArrayBuffer>], fileName), model?.family);
    } catch (e) {
      say('error', `Model ${fileName} from ${host} refused: ${reason(e)}. Nothing was stored.`);
      return false;
    }
    const { entry } = added;
    const what = entry.official
      ? 'the official file (its sha256 matches the manifest)'
      : model
        ? `no sha256 is published for ${model.label}, so it cannot be confirmed as the official file: listed as a custom model`
        : 'not an official release (its sha256 matches no manifest entry): listed as a custom model';
    say('info', `Downloaded ${entry.label} (${formatBytes(entry.bytes)}) from ${host}: ${what}; ${keptWhere(added.origin, added.storageProblem)}`);
    return true;
  } catch (e) {
    if (tracking.signal.aborted) say('info', `Download of ${fileName} from ${host} cancelled: nothing was stored`);
    else say('error', `Download of ${fileName} failed: ${reason(e)}`);
    return false;
  } finally {
    tracking.done();
  }
}
