// Evaluates one node port at one frame and copies its picture to the CPU. The Image stays
// owned by the evaluator; we retain it while reading its pixels so a newer request cannot
// release it under us, and dispose our reference once copied. With `accepts`, the evaluation
// runs only on a document of the graph state asked for (else a StaleDocumentError).

import type { GraphDocument, PortRef } from '../../graph/document.ts';
import { Image } from '../../gpu/image.ts';
import type { Engine } from '../engine.ts';
import type { Picture } from './picture.ts';

export async function fetchPicture(
  { evaluator, services }: Engine, port: PortRef, frame: number, signal: AbortSignal, accepts?: (doc: GraphDocument) => boolean,
): Promise<Picture> {
  const value = await evaluator.evaluate(port, frame, signal, { accepts });
  // Retained before any other queued evaluation can run and replace it.
  const image = value instanceof Image && !value.disposed ? value.retain() : undefined;
  if (!image) {
    throw new Error(value === undefined ? `${port.node} gives nothing to show yet` : `${port.node}.${port.port} is not a picture`);
  }
  try {
    signal.throwIfAborted();
    const gpu = await services.gpu().catch(() => undefined);
    const pixels = await image.pixels(gpu);
    signal.throwIfAborted();
    return { width: image.width, height: image.height, kind: image.kind, pixels: new Uint8ClampedArray(pixels) };
  } finally {
    image.dispose();
  }
}
