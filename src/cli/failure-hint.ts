// Words added to a failure the page reports in a library's terms. onnxruntime's WASM build says
// "std::bad_alloc" when a model's tensors at the frame size do not fit in its 4 GB of memory;
// the user needs to hear that the frames are too large, and how large they are.

import type { NodeStatus } from '../graph/types.ts';

const OUT_OF_MEMORY = /bad_alloc|out of memory|Array buffer allocation failed|Aborted\(OOM\)/i;

/** The largest `W×H` a node reports in its facts (the source's size), if any. */
function largestFrame(statuses: Record<string, NodeStatus>): string | undefined {
  let best: { text: string; area: number } | undefined;
  for (const status of Object.values(statuses)) {
    for (const value of Object.values(status.facts ?? {})) {
      const m = /^(\d+)\s*[×x]\s*(\d+)$/.exec(String(value));
      if (m && (!best || Number(m[1]) * Number(m[2]) > best.area)) best = { text: `${m[1]}×${m[2]}`, area: Number(m[1]) * Number(m[2]) };
    }
  }
  return best?.text;
}

export function explainFailure(message: string, statuses: Record<string, NodeStatus>): string {
  if (!OUT_OF_MEMORY.test(message)) return message;
  const size = largestFrame(statuses);
  return `${message}: out of memory${size ? ` at ${size}` : ''}; the frames are too large to process in the browser ` +
    '(4K, 3840×2160, fits): scale the clip down first, e.g. ffmpeg -i IN -vf scale=-2:2160 OUT.mp4';
}
