// Writes a ZIP archive (entries stored, not compressed: PNGs are compressed already) through a
// positional byte sink, one entry at a time, so a PNG sequence downloads as one file without
// holding more than one picture. Up to 4 GB and 65535 entries (no ZIP64).

import { crc32 } from './crc32.ts';

export type ByteSink = (chunk: Uint8Array, position: number) => void | Promise<void>;

interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private position = 0;

  constructor(private readonly sink: ByteSink) {}

  async add(name: string, data: Uint8Array): Promise<void> {
    if (this.entries.length >= 0xffff) throw new Error('a ZIP holds at most 65535 files here');
    const entry: Entry = { name: new TextEncoder().encode(name), crc: crc32(data), size: data.length, offset: this.position };
    if (entry.offset + data.length > 0xffffffff) throw new Error('the ZIP would pass 4 GB; export to a folder instead');
    const header = new Uint8Array(30 + entry.name.length);
    const v = new DataView(header.buffer);
    v.setUint32(0, 0x04034b50, true);
    this.common(v, 4, entry);
    header.set(entry.name, 30);
    await this.emit(header);
    await this.emit(data);
    this.entries.push(entry);
  }

  async finish(): Promise<void> {
    const start = this.position;
    for (const e of this.entries) {
      const rec = new Uint8Array(46 + e.name.length);
      const v = new DataView(rec.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true); // made by: version 2.0
      this.common(v, 6, e);
      v.setUint32(42, e.offset, true);
      rec.set(e.name, 46);
      await this.emit(rec);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, this.position - start, true);
    v.setUint32(16, start, true);
    await this.emit(end);
  }

  /** Fields shared by local and central headers, from "version needed" to the extra length. */
  private common(v: DataView, at: number, e: Entry) {
    v.setUint16(at, 20, true); // version needed
    v.setUint16(at + 2, 0x0800, true); // UTF-8 names
    v.setUint16(at + 4, 0, true); // stored
    v.setUint16(at + 6, 0, true); // time
    v.setUint16(at + 8, 0x21, true); // date: 1980-01-01
    v.setUint32(at + 10, e.crc, true);
    v.setUint32(at + 14, e.size, true);
    v.setUint32(at + 18, e.size, true);
    v.setUint16(at + 22, e.name.length, true);
    v.setUint16(at + 24, 0, true);
  }

  private async emit(bytes: Uint8Array) {
    const at = this.position;
    this.position += bytes.length;
    await this.sink(bytes, at);
  }
}

/** Zips named files into one Blob (the browser's download of a PNG sequence). */
export async function zipFiles(files: Iterable<{ name: string; data: Uint8Array }>): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const zip = new ZipWriter((chunk) => void parts.push(chunk as Uint8Array<ArrayBuffer>));
  for (const f of files) await zip.add(f.name, f.data);
  await zip.finish();
  return new Blob(parts, { type: 'application/zip' });
}
