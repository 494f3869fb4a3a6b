// Opens an .onnx file with onnxruntime-node (native CPU) and reads its declared inputs/outputs.
// Opening it for real also proves onnxruntime can load it, which a header check would not.

import ort from 'onnxruntime-node';
import type { IoSignature } from '../../ml/manifest.ts';
import { ioFromMetadata } from '../../ml/io-signature.ts';

export async function readModelIo(path: string): Promise<IoSignature> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { graphOptimizationLevel: 'disabled' });
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new Error(`onnxruntime cannot open it (${why})`);
  }
  try {
    return ioFromMetadata(session.inputMetadata, session.outputMetadata);
  } finally {
    await session.release();
  }
}
