// Checks a model's inputs/outputs against its family's IO signatures (from the manifest) and
// names the first mismatch in words a user understands. Pure: the caller reads the model's IO
// (onnxruntime-node in the CLI, an onnxruntime-web WASM session in the browser).

import type { ModelFamily, Precision } from './model-library.ts';
import type { FamilySpec, IoSignature, IoSpec } from './manifest.ts';

export type SignatureCheck = { ok: true; precision: Precision } | { ok: false; reason: string };

/** A model matches when it has every input and output of one signature with the same dtype
 * and rank, and no other input (extra outputs are harmless and ignored). */
export function checkSignature(family: FamilySpec, io: IoSignature): SignatureCheck {
  const candidates = Object.entries(family.signatures) as [Precision, IoSignature][];
  const problems = new Map<Precision, string>();
  for (const [precision, sig] of candidates) {
    const problem = firstMismatch(sig, io);
    if (!problem) return { ok: true, precision };
    problems.set(precision, problem);
  }
  // Report against the signature the model most likely meant: the one whose `src`-like first
  // input has the model's dtype; otherwise the first signature.
  const first = candidates.find(([, sig]) => {
    const want = sig.inputs[0];
    return io.inputs.some((i) => i.name === want.name && i.dtype === want.dtype);
  }) ?? candidates[0];
  const reason = first ? problems.get(first[0])! : 'the manifest lists no signature for this family';
  return { ok: false, reason: `not a usable ${family.label} model: ${reason}` };
}

function firstMismatch(sig: IoSignature, io: IoSignature): string | undefined {
  return (
    compareSide('input', sig.inputs, io.inputs) ??
    compareSide('output', sig.outputs, io.outputs) ??
    extraInputs(sig.inputs, io.inputs)
  );
}

function compareSide(side: 'input' | 'output', want: IoSpec[], have: IoSpec[]): string | undefined {
  for (const w of want) {
    const h = have.find((x) => x.name === w.name);
    if (!h) return `${side} "${w.name}" is missing (the model's ${side}s are: ${names(have)})`;
    if (h.dtype !== w.dtype) return `${side} "${w.name}" is ${h.dtype}, expected ${w.dtype}`;
    if (h.rank >= 0 && h.rank !== w.rank) {
      return `${side} "${w.name}" has ${h.rank} dimension${h.rank === 1 ? '' : 's'}, expected ${w.rank}`;
    }
  }
  return undefined;
}

function extraInputs(want: IoSpec[], have: IoSpec[]): string | undefined {
  const extra = have.filter((h) => !want.some((w) => w.name === h.name));
  return extra.length ? `unexpected input${extra.length > 1 ? 's' : ''} ${extra.map((e) => `"${e.name}"`).join(', ')}` : undefined;
}

/** The family a model is meant for, judged by its inputs: only BGMv2 takes a plate, `bgr`. */
export function familyOfIo(io: IoSignature): ModelFamily {
  return io.inputs.some((i) => i.name === 'bgr') ? 'bgmv2' : 'rvm';
}

const names = (specs: IoSpec[]) => (specs.length ? specs.map((s) => s.name).join(', ') : 'none');

/** Turns onnxruntime's session metadata (web or node, same shape) into an IoSignature. */
export function ioFromMetadata(
  inputs: readonly OrtValueMetadata[],
  outputs: readonly OrtValueMetadata[],
): IoSignature {
  const spec = (m: OrtValueMetadata): IoSpec =>
    m.isTensor
      ? { name: m.name, dtype: m.type, rank: m.shape.length > 0 ? m.shape.length : -1 }
      : { name: m.name, dtype: 'non-tensor', rank: -1 };
  return { inputs: inputs.map(spec), outputs: outputs.map(spec) };
}

/** The part of onnxruntime-common's ValueMetadata this module needs (web and node agree). */
export type OrtValueMetadata =
  | { readonly name: string; readonly isTensor: false }
  | { readonly name: string; readonly isTensor: true; readonly type: string; readonly shape: readonly (number | string)[] };
