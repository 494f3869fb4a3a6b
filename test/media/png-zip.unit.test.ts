import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../../src/media/png-encode.ts';
import { zipFiles } from '../../src/media/zip-writer.ts';
import { crc32 } from '../../src/media/crc32.ts';

const dir = mkdtempSync(join(tmpdir(), 'mg-png-'));

/** A 37x23 RGBA picture with gradients and every alpha value somewhere. */
function picture(w = 37, h = 23): Uint8ClampedArray {
  const px = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) px.set([(i * 7) & 255, (i * 13) & 255, (i * 3 + 40) & 255, i & 255], i * 4);
  return px;
}

describe('encodePng', () => {
  it('writes RGBA that ffmpeg decodes to exactly the same bytes, alpha included', async () => {
    const px = picture();
    const file = join(dir, 'p.png');
    writeFileSync(file, await encodePng(px, 37, 23));
    const back = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
    expect(Buffer.compare(back, Buffer.from(px))).toBe(0);
    const probe = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=pix_fmt,width,height', '-of', 'csv=p=0', file]).toString().trim();
    expect(probe).toBe('37,23,rgba');
  });
});

describe('ZipWriter', () => {
  it('makes an archive Python\'s zipfile reads back intact', async () => {
    const a = new TextEncoder().encode('first file');
    const b = await encodePng(picture(4, 4), 4, 4);
    const blob = await zipFiles([{ name: 'a.txt', data: a }, { name: 'frame_000001.png', data: b }]);
    const file = join(dir, 'z.zip');
    writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
    const script = 'import zipfile,sys,zlib\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(",".join(f"{i.filename}:{i.file_size}:{zlib.crc32(z.read(i))}" for i in z.infolist()))';
    const out = execFileSync('python3', ['-c', script, file]).toString().trim();
    expect(out).toBe(`a.txt:${a.length}:${crc32(a)},frame_000001.png:${b.length}:${crc32(b)}`);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
