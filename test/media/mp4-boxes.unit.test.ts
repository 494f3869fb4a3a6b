import { describe, expect, it } from 'vitest';
import { describeTruncation, scanTopLevelBoxes } from '../../src/media/mp4-boxes.ts';

function box(type: string, payload: number): Uint8Array {
  const b = new Uint8Array(8 + payload);
  new DataView(b.buffer).setUint32(0, 8 + payload);
  b.set([...type].map((c) => c.charCodeAt(0)), 4);
  return b;
}
const file = (...parts: Uint8Array[]) => new Blob(parts as BlobPart[]);

describe('scanTopLevelBoxes', () => {
  it('lists the boxes of a well-formed file', async () => {
    const boxes = await scanTopLevelBoxes(file(box('ftyp', 16), box('moov', 100), box('mdat', 1000)));
    expect(boxes.map((b) => [b.type, b.start, b.size])).toEqual([['ftyp', 0, 24], ['moov', 24, 108], ['mdat', 132, 1008]]);
  });
  it('says an empty file is empty', async () => {
    await expect(scanTopLevelBoxes(file())).rejects.toThrow('the file is empty (0 bytes)');
  });
  it('says text or another format is not an MP4/MOV file', async () => {
    await expect(scanTopLevelBoxes(file(new TextEncoder().encode('hello, this is text')))).rejects.toThrow(/^not an MP4\/MOV file/);
    await expect(scanTopLevelBoxes(file(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0])))).rejects.toThrow(/^not an MP4\/MOV file/);
  });
});

describe('describeTruncation', () => {
  it('finds a missing index when the media data runs past the end', async () => {
    const whole = [box('ftyp', 16), box('mdat', 1000), box('moov', 100)];
    const cut = (await file(...whole).slice(0, 500).arrayBuffer());
    const boxes = await scanTopLevelBoxes(file(new Uint8Array(cut)));
    expect(describeTruncation(boxes, 500)).toMatch(/^the file is incomplete: its index \(moov box\) is missing/);
  });
  it('finds an index that is cut off', async () => {
    const boxes = await scanTopLevelBoxes(file(box('ftyp', 16), box('mdat', 100), box('moov', 100).subarray(0, 50)));
    expect(describeTruncation(boxes, 24 + 108 + 50)).toMatch(/^the file is truncated: its index \(moov box\) is cut off/);
  });
  it('says nothing about a whole file', async () => {
    const blob = file(box('ftyp', 16), box('moov', 100), box('mdat', 1000));
    expect(describeTruncation(await scanTopLevelBoxes(blob), blob.size)).toBeUndefined();
  });
});
