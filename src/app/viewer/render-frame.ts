// Evaluates one frame of a node through the engine and draws it on a canvas. The Image stays
// owned by the evaluator; we retain it while reading its pixels so a newer request cannot
// release it under us, and dispose our reference once drawn.

import type { PortRef } from '../../graph/document.ts';
import type { ClipInfo } from '../../graph/types.ts';
import { Image } from '../../gpu/image.ts';
import type { Engine } from '../engine.ts';

export interface RenderedFrame {
  frame: number;
  clip?: ClipInfo;
  width: number;
  height: number;
  kind: Image['kind'];
}

export async function renderFrame(
  { evaluator, services }: Engine,
  target: PortRef,
  wantedFrame: number,
  canvas: HTMLCanvasElement,
  signal: AbortSignal,
  onClip: (clip: ClipInfo | undefined) => void,
): Promise<RenderedFrame> {
  const clip = await evaluator.clipInfo(target.node, signal);
  signal.throwIfAborted();
  onClip(clip);
  const frame = clip ? Math.min(wantedFrame, clip.frameCount - 1) : 0;
  const value = await evaluator.evaluate(target, frame, signal);
  // Retained before any other queued evaluation can run and replace it.
  const image = value instanceof Image && !value.disposed ? value.retain() : undefined;
  if (!image) {
    throw new Error(value === undefined ? `${target.node} gives nothing to show yet` : `${target.node}.${target.port} is not a picture`);
  }
  try {
    signal.throwIfAborted();
    const gpu = await services.gpu().catch(() => undefined);
    const pixels = await image.pixels(gpu);
    signal.throwIfAborted();
    drawPixels(canvas, image.width, image.height, pixels);
    return { frame, clip, width: image.width, height: image.height, kind: image.kind };
  } finally {
    image.dispose();
  }
}

function drawPixels(canvas: HTMLCanvasElement, width: number, height: number, pixels: Uint8ClampedArray) {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('the viewer canvas has no 2D context');
  // ImageData needs its own (non-shared) buffer.
  const own = pixels.buffer instanceof ArrayBuffer ? (pixels as Uint8ClampedArray<ArrayBuffer>) : new Uint8ClampedArray(pixels);
  ctx.putImageData(new ImageData(own, width, height), 0, 0);
}
