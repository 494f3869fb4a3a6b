// Which installed model `auto` means. In order:
//  1. the one the user preferred (`npm run models -- --prefer FILE`);
//  2. an official fp32 file (MobileNetV3 before ResNet50: it is the real-time one);
//  3. a custom fp32 build known to run on onnxruntime-web's WebGPU EP (manifest knownBuilds);
//  4. any other fp32 model, in install order (runs everywhere on WASM);
//  5. anything else (fp16: needs shader-f16 on WebGPU, otherwise slow on WASM).
// fp32 comes first because fp16 only pays off on adapters with shader-f16, and fp32 runs on all.

import type { ModelEntry } from './model-library.ts';

export function pickAutoModel(entries: readonly ModelEntry[]): ModelEntry | undefined {
  const fp32 = entries.filter((e) => e.precision === 'fp32');
  return (
    entries.find((e) => e.preferred) ??
    fp32.find((e) => e.official && /mobilenet/i.test(e.id)) ??
    fp32.find((e) => e.official) ??
    fp32.find((e) => e.webgpu === 'verified') ??
    fp32.find((e) => e.webgpu !== 'fails') ??
    fp32[0] ??
    entries[0]
  );
}
