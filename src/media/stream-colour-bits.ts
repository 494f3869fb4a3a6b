// Bit reader for the colour parsers of coded streams (H.264 SPS, VP9 frame header, AV1 sequence
// header): reads MSB first, as all three specifications write their headers.

export class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** n bits as an unsigned number (n <= 32). */
  u(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new RangeError('header ends early');
      v = v * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }

  /** Exp-Golomb unsigned (H.264 ue(v)). */
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros > 31) throw new RangeError('bad Exp-Golomb code');
    return 2 ** zeros - 1 + this.u(zeros);
  }

  /** Exp-Golomb signed (H.264 se(v)). */
  se(): number {
    const k = this.ue();
    return k & 1 ? (k + 1) / 2 : -k / 2;
  }

  /** AV1 uvlc(): leading zeros, a one, then that many bits. */
  uvlc(): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros >= 32) return 2 ** 32 - 1;
    return 2 ** zeros - 1 + this.u(zeros);
  }
}
