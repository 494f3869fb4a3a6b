// Says when a WebM/Matroska file is cut short: its Segment declares more bytes than the file has.
// (Files written live, e.g. by MediaRecorder, declare no size; those cannot be checked this way.)

import { byteSize } from './byte-size.ts';

/** EBML variable-length integer at `at`: its value (-1 for "unknown size") and byte length. */
export function readVint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } | undefined {
  const first = b[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (at + length > b.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i];
    allOnes &&= b[at + i] === 0xff;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

/** A user-facing sentence when the file is truncated, else undefined. */
export async function matroskaTruncation(blob: Blob): Promise<string | undefined> {
  const head = new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
  let pos = 0;
  for (let element = 0; element < 2; element++) {
    const id = readVint(head, pos, true);
    const size = id && readVint(head, pos + id.length, false);
    if (!id || !size) return undefined;
    const dataStart = pos + id.length + size.length;
    if (id.value === 0x18538067) {
      if (size.value < 0) return undefined;
      const needed = dataStart + size.value;
      if (needed <= blob.size) return undefined;
      return `the file is truncated: it has ${byteSize(blob.size)} of the ${byteSize(needed)} its header announces`;
    }
    if (size.value < 0) return undefined;
    pos = dataStart + size.value;
  }
  return undefined;
}
