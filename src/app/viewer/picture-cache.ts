// Recently shown pictures by key (graph state, node port, frame), up to a byte budget, so
// scrubbing back over frames already seen shows them at once. Least recently used goes first.

export class PictureCache<V extends { pixels: { byteLength: number } }> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.pixels.byteLength;
      this.entries.delete(key);
    }
    if (value.pixels.byteLength > this.budget) return;
    this.entries.set(key, value);
    this.bytes += value.pixels.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(k);
      this.bytes -= v.pixels.byteLength;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
