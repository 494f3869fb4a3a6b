// A minimal protocol-buffers wire-format reader: enough to walk an ONNX file's messages field by
// field without a schema library. Length-delimited fields come back as views (no copies), so
// skipping a model's weights costs nothing. Varints are read as JS numbers: exact up to 2^53,
// which covers every count and index this project reads (negative int64s are not needed).

export type WireValue = { wire: 0; value: number } | { wire: 2; bytes: Uint8Array } | { wire: 1 | 5 };

export interface Field {
  field: number;
  value: WireValue;
}

export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

/** The varint at `pos`: its value and the position after it. */
function varintAt(bytes: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= bytes.length) throw new ProtobufError('truncated varint');
    const b = bytes[pos++];
    result += (b & 0x7f) * scale;
    if (b < 0x80) return [result, pos];
    scale *= 128;
  }
  throw new ProtobufError('varint longer than 10 bytes');
}

/** Every field of one message, in file order. Throws ProtobufError on malformed bytes. */
export function* fieldsOf(bytes: Uint8Array): Generator<Field> {
  let pos = 0;
  while (pos < bytes.length) {
    let tag: number;
    [tag, pos] = varintAt(bytes, pos);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new ProtobufError('field number 0');
    if (wire === 0) {
      let value: number;
      [value, pos] = varintAt(bytes, pos);
      yield { field, value: { wire: 0, value } };
    } else if (wire === 2) {
      let length: number;
      [length, pos] = varintAt(bytes, pos);
      if (pos + length > bytes.length) throw new ProtobufError('length-delimited field runs past the end');
      yield { field, value: { wire: 2, bytes: bytes.subarray(pos, pos + length) } };
      pos += length;
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > bytes.length) throw new ProtobufError('fixed-size field runs past the end');
      yield { field, value: { wire } };
    } else {
      throw new ProtobufError(`unsupported wire type ${wire}`);
    }
  }
}

export const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The varints of a packed repeated field. */
export function packedVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let value: number;
    [value, pos] = varintAt(bytes, pos);
    out.push(value);
  }
  return out;
}
