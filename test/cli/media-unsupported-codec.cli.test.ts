// Camera and editing codecs no browser decodes (ProRes, Motion JPEG in MOV): mp4box lists such a
// track as metadata, so the render said "the file has no video track". It must name the codec,
// say why it cannot be read and what to do, in one line, exit non-zero and write nothing.
// In MP4, Motion JPEG and MPEG-2 hide behind the MPEG-4 Part 2 sample entry (`mp4v`).

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../src/cli/ensure-build.ts';
import { repoRoot, sharedMedia } from '../support/shared-paths.ts';
import { runCli } from './cli-run.ts';

const talking = sharedMedia('person_video/three_people_talking_1080p24_4s.mp4');
let work: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(300_000);
  await ensureBuilt(repoRoot, { checkStale: true, verbose: false, log: (l) => console.log(l) });
  work = mkdtempSync(join(tmpdir(), 'mattegraph-cli-unsupported-'));
});
test.afterAll(() => work && rmSync(work, { recursive: true, force: true }));

const cases = [
  { name: 'prores.mov', codec: ['-c:v', 'prores_ks', '-profile:v', '2'], says: /this browser cannot decode ProRes video \(codec apcn, 160x90\): browsers have no decoder for ProRes; convert it to H\.264, VP9 or AV1/ },
  { name: 'mjpeg.mov', codec: ['-c:v', 'mjpeg'], says: /this browser cannot decode Motion JPEG video \(codec jpeg, 160x90\): browsers have no decoder for Motion JPEG/ },
  // In MP4 these three share the `mp4v` sample entry; the esds object type tells them apart.
  { name: 'mjpeg.mp4', codec: ['-c:v', 'mjpeg'], says: /this browser cannot decode Motion JPEG video \(codec jpeg, 160x90\): browsers have no decoder for Motion JPEG/ },
  { name: 'mpeg2.mp4', codec: ['-c:v', 'mpeg2video'], says: /this browser cannot decode MPEG-2 video \(codec mp2v, 160x90\): browsers have no decoder for MPEG-2/ },
  { name: 'mpeg4.mp4', codec: ['-c:v', 'mpeg4'], says: /this browser cannot decode MPEG-4 Part 2 video \(codec mp4v, 160x90\): browsers have no decoder for MPEG-4 Part 2/ },
];

for (const c of cases) {
  test(`${c.name}: the render names the codec and why, and writes nothing`, async () => {
    test.setTimeout(300_000);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', talking, '-t', '0.3', '-vf', 'scale=160:90', ...c.codec, '-an', join(work, c.name)]);
    const run = await runCli('render', [join(repoRoot, 'examples/transcode.json'), '--set', `source.file=${c.name}`, '--out', 'out.mp4', '--no-build'],
      { cwd: work, timeoutMs: 240_000 });
    expect(run.code).toBe(1);
    expect(run.lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(run.lines.at(-1)).toMatch(c.says);
    expect(readdirSync(work).filter((f) => f.startsWith('out'))).toEqual([]);
  });
}
