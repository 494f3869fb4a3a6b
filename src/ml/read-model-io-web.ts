// Reads the declared inputs/outputs of .onnx bytes in the browser by opening a short-lived
// onnxruntime-web WASM session (which also proves the file loads at all).

import type { IoSignature } from './manifest.ts';
import { ioFromMetadata } from './io-signature.ts';
import { configuredOrt } from './ort-env.ts';
import { firstLine } from './rvm-session.ts';

export async function readModelIoWeb(bytes: Uint8Array): Promise<IoSignature> {
  const ort = configuredOrt();
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    // A copy: onnxruntime may take over the buffer it is given, and the caller keeps `bytes`.
    session = await ort.InferenceSession.create(bytes.slice(), { executionProviders: ['wasm'], graphOptimizationLevel: 'disabled' });
  } catch (e) {
    throw new Error(`not an ONNX model onnxruntime can open (${firstLine(e)})`);
  }
  try {
    return ioFromMetadata(session.inputMetadata, session.outputMetadata);
  } finally {
    await session.release();
  }
}
