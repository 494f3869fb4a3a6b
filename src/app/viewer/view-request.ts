// Fetches what the viewer needs for one frame: A (and B for the wipe), each with the picture a
// matte was pulled from, served from the picture cache when this graph state and frame were
// seen before. Pictures are fetched one after another through the shared evaluator, each only
// from a document of the request's graph state: the evaluator takes an edit at once, while the
// request made before it is aborted a little later, and a picture of the edited graph must not
// be shown or kept under the state before the edit.

import type { GraphDocument, PortRef } from '../../graph/document.ts';
import type { ClipInfo } from '../../graph/types.ts';
import type { Engine } from '../engine.ts';
import type { ViewedPicture } from './compose-view.ts';
import { fetchPicture } from './fetch-picture.ts';
import type { Picture } from './picture.ts';
import { PictureCache } from './picture-cache.ts';
import { shortHash } from './short-hash.ts';

export interface ViewedPort {
  port: PortRef;
  colour?: PortRef;
}

export interface ViewRequest {
  a: ViewedPort;
  b?: ViewedPort;
  frame: number;
  /** Graph state (evaluation key hash and media epoch): part of every cache key. */
  stateKey: string;
  /** True for a document of this request's graph state (its evaluation key): the only ones it evaluates. */
  accepts(doc: GraphDocument): boolean;
  /** A live source (a camera) feeds it: every request is a new picture, never cached. */
  live?: boolean;
}

export interface ViewResult {
  frame: number;
  clip?: ClipInfo;
  a: ViewedPicture;
  b?: ViewedPicture;
  /** True when at least one picture was computed (not all served from the cache). */
  evaluated: boolean;
  /** Time the evaluation took, ms (0 from the cache). */
  evalMs: number;
}

/** About 50 frames of 720p in RGBA8. */
const CACHE_BYTES = 192 * 1024 * 1024;
export const pictureCache = new PictureCache<Picture>(CACHE_BYTES);

/** The cache part naming a graph state: its evaluation key (hashed) and the media epoch. */
export const viewStateKey = (evalKeyText: string, epoch: number): string => `${shortHash(evalKeyText)}.${epoch}`;

/**
 * One port's picture at `frame`, from the cache when this state and frame were seen before.
 * Computed, it is of this state (`accepts` refuses any other document), so it is kept under it,
 * unless the request was aborted meanwhile (the media epoch, also in the key, may have moved).
 */
export async function cachedPicture(
  engine: Engine, port: PortRef, frame: number, stateKey: string, signal: AbortSignal, accepts: (doc: GraphDocument) => boolean,
): Promise<{ picture: Picture; evaluated: boolean }> {
  const key = `${stateKey}|${port.node}.${port.port}|${frame}`;
  const hit = pictureCache.get(key);
  if (hit) return { picture: hit, evaluated: false };
  const picture = await fetchPicture(engine, port, frame, signal, accepts);
  if (!signal.aborted) pictureCache.set(key, picture);
  return { picture, evaluated: true };
}

export async function fetchView(engine: Engine, req: ViewRequest, signal: AbortSignal, onClip: (clip?: ClipInfo) => void): Promise<ViewResult> {
  const clip = await engine.evaluator.clipInfo(req.a.port.node, signal, { accepts: req.accepts });
  signal.throwIfAborted();
  onClip(clip);
  const frame = clip ? Math.max(0, Math.min(req.frame, clip.frameCount - 1)) : 0;
  let evaluated = false;
  const t0 = performance.now();
  const get = async (port: PortRef): Promise<Picture> => {
    // A live source gives a new picture each time: nothing of it is worth keeping.
    if (req.live) {
      evaluated = true;
      return fetchPicture(engine, port, frame, signal, req.accepts);
    }
    const got = await cachedPicture(engine, port, frame, req.stateKey, signal, req.accepts);
    evaluated ||= got.evaluated;
    return got.picture;
  };
  const viewed = async (v: ViewedPort): Promise<ViewedPicture> => {
    const picture = await get(v.port);
    // The colour source is optional help for two modes: a failure there is not the viewer's error.
    const colour = v.colour ? await get(v.colour).catch((e: unknown) => (signal.aborted ? Promise.reject(e) : undefined)) : undefined;
    return { picture, colour };
  };
  const a = await viewed(req.a);
  const b = req.b ? await viewed(req.b) : undefined;
  return { frame, clip, a, b, evaluated, evalMs: evaluated ? performance.now() - t0 : 0 };
}
