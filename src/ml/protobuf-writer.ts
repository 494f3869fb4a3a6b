// A minimal protocol-buffers wire-format writer, the counterpart of protobuf-reader.ts: enough
// to build a small ONNX model or re-encode a message with some fields changed. Messages are
// lists of byte chunks, joined once at the end, so a model's weights are copied only once.

export type Chunks = Uint8Array[];

const VARINT = 0;
const LEN = 2;

export function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return new Uint8Array(out);
}

export const intField = (field: number, n: number): Chunks => [varint(field * 8 + VARINT), varint(n)];

/** A length-delimited field around a message (chunks) or raw bytes. */
export function bytesField(field: number, payload: Chunks | Uint8Array): Chunks {
  const parts = payload instanceof Uint8Array ? [payload] : payload;
  const length = parts.reduce((n, p) => n + p.length, 0);
  return [varint(field * 8 + LEN), varint(length), ...parts];
}

export const textField = (field: number, text: string): Chunks => bytesField(field, new TextEncoder().encode(text));

export function joinChunks(chunks: Chunks): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
