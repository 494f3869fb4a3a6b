// One demuxer interface over MP4/MOV (mp4box) and WebM/Matroska (mediabunny): every codec the
// browser decodes opens with the frame count and timestamps ffprobe sees, frames that match
// ffmpeg's decode, and random access equal to sequential decoding. Timing corner cases too:
// variable frame rate, NTSC rates, B-frames, and an edit list that trims the start.

import { test, expect, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { encodedFixture, ffmpeg, ffmpegFrameRgba, ffprobeFrameTimes, ffprobeVideo, tempDir } from './media-fixtures.ts';

const dir = tempDir();
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openPage(page: Page, files: Record<string, string>) {
  for (const [name, path] of Object.entries(files)) await page.route(`**/__test/${name}`, (route) => route.fulfill({ path }));
  await page.goto('/test/pages/media/clip.html');
  await page.waitForFunction(() => window.clipPage !== undefined);
}

/** Opens `file` and checks count, timestamps (to `tolUs`), pixels and random access against ffmpeg. */
async function expectLikeFfmpeg(page: Page, file: string, container: string, codec: RegExp, tolUs = 1) {
  const name = file.split('/').pop()!;
  const refs: Record<string, string> = { [name]: file };
  const probe = [0, 9, 23];
  for (const i of probe) refs[`${name}-${i}.rgba`] = ffmpegFrameRgbaPath(file, i);
  await openPage(page, refs);
  const opened = await page.evaluate((u) => window.clipPage.open(u), `/__test/${name}`);
  expect(opened.container, name).toBe(container);
  expect(opened.codec, name).toMatch(codec);
  const times = ffprobeFrameTimes(file);
  expect(opened.info.frameCount, `${name} frame count`).toBe(times.length);
  const ours = opened.info.frameTimestampsUs;
  for (let i = 0; i < times.length; i++) expect(Math.abs(ours[i] - times[i] * 1e6), `${name} frame ${i} time`).toBeLessThanOrEqual(tolUs);
  for (const i of probe) {
    const r = await page.evaluate(([i, u]) => window.clipPage.compare(i, u), [i, `/__test/${name}-${i}.rgba`] as const);
    expect(r.psnr, `${name} frame ${i} vs ffmpeg`).toBeGreaterThanOrEqual(40);
  }
  const seq = await page.evaluate((n) => window.clipPage.digests([...Array(n).keys()]), times.length);
  const order = [20, 3, 11, 12, 0, times.length - 1, 7];
  expect(await page.evaluate((o) => window.clipPage.digests(o), order), `${name} random access`).toEqual(order.map((i) => seq[i]));
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.openVideoFrames()), `${name}: frames left open`).toBe(0);
  return opened;
}

function ffmpegFrameRgbaPath(file: string, i: number): string {
  const out = `${file}-${i}.rgba`;
  ffmpegFrameRgba(file, i, out);
  return out;
}

const cases: { name: string; args: string[]; container: string; codec: RegExp; tolUs?: number }[] = [
  { name: 'vp8.webm', args: ['-c:v', 'libvpx', '-b:v', '1M'], container: 'WebM', codec: /^vp8$/, tolUs: 500 },
  { name: 'vp9.webm', args: ['-c:v', 'libvpx-vp9', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8'], container: 'WebM', codec: /^vp09\./, tolUs: 500 },
  { name: 'av1.webm', args: ['-c:v', 'libaom-av1', '-cpu-used', '8', '-b:v', '500k'], container: 'WebM', codec: /^av01\./, tolUs: 500 },
  { name: 'h264-bframes.mkv', args: ['-c:v', 'libx264', '-bf', '3', '-g', '12'], container: 'Matroska', codec: /^avc1\./, tolUs: 500 },
  { name: 'vp9.mp4', args: ['-c:v', 'libvpx-vp9', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8'], container: 'MP4', codec: /^vp09\./ },
  { name: 'av1.mp4', args: ['-c:v', 'libaom-av1', '-cpu-used', '8', '-b:v', '500k'], container: 'MP4', codec: /^av01\./ },
];

for (const c of cases) {
  test(`${c.name} opens like ffmpeg shows it`, async ({ page }) => {
    await expectLikeFfmpeg(page, encodedFixture(dir, c.name, c.args), c.container, c.codec, c.tolUs);
  });
}

test('variable frame rate keeps the real timestamps (MP4 and WebM)', async ({ page }) => {
  // Frame times 0, 70, 100, 170, 200 ... ms: durations alternate 70 and 30 ms.
  const vfr = ['-vf', "scale=320:180,setpts='(N*0.05+0.02*mod(N\\,2))/TB'", '-fps_mode', 'vfr', '-enc_time_base', '1/1000'];
  const mp4 = join(dir, 'vfr.mp4');
  ffmpeg(['-i', encodedFixture(dir, 'vfr-src.mp4', ['-c:v', 'libx264']), ...vfr, '-c:v', 'libx264', '-bf', '2', '-video_track_timescale', '1000', mp4]);
  const webm = join(dir, 'vfr.webm');
  ffmpeg(['-i', mp4, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-fps_mode', 'vfr', webm]);
  for (const [file, container] of [[mp4, 'MP4'], [webm, 'WebM']] as const) {
    const opened = await expectLikeFfmpeg(page, file, container, /./);
    const d = opened.info.frameDurationsUs;
    expect(d.slice(0, 4), container).toEqual([70_000, 30_000, 70_000, 30_000]);
  }
});

test('NTSC 29.97 and 23.976 stay exact over a long clip', async ({ page }) => {
  for (const [rate, frames] of [['30000/1001', 900], ['24000/1001', 720]] as const) {
    const file = join(dir, `ntsc-${frames}.mp4`);
    ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=64x36:rate=${rate}`, '-frames:v', String(frames), '-c:v', 'libx264', '-g', '30', file]);
    await openPage(page, { [`ntsc-${frames}.mp4`]: file });
    const { info } = await page.evaluate((u) => window.clipPage.open(u), `/__test/ntsc-${frames}.mp4`);
    const [num, den] = rate.split('/').map(Number);
    // Frame i starts at i * den / num seconds, to the microsecond, even 30 s in.
    for (const i of [0, 1, 299, frames - 1]) expect(info.frameTimestampsUs[i]).toBe(Math.round((i * den * 1e6) / num));
    expect(info.durationUs).toBe(Math.round((frames * den * 1e6) / num));
    expect(Number(ffprobeVideo(file).duration)).toBeCloseTo(info.durationUs / 1e6, 5);
    await page.evaluate(() => window.clipPage.close());
  }
});

test('an edit list that trims the start (stream copy from mid-GOP) shows the frames ffmpeg shows', async ({ page }) => {
  const src = encodedFixture(dir, 'gop.mp4', ['-c:v', 'libx264', '-bf', '2', '-g', '12'], 36);
  const trimmed = join(dir, 'trimmed.mp4');
  ffmpeg(['-ss', '0.4', '-i', src, '-c', 'copy', trimmed]);
  const opened = await expectLikeFfmpeg(page, trimmed, 'MP4', /^avc1\./);
  expect(opened.info.frameCount).toBeLessThan(36);
});

test('a transparent VP9 WebM made by ffmpeg opens with its alpha', async ({ page }) => {
  const file = join(dir, 'ffalpha.webm');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-frames:v', '10',
    '-vf', "format=yuva420p,geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='255*X/W'", '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', file]);
  await openPage(page, { 'ffalpha.webm': file });
  await page.evaluate(() => window.clipPage.open('/__test/ffalpha.webm'));
  const f = await page.evaluate(() => window.clipPage.rgba(6));
  expect(f.hasAlpha).toBe(true);
  const px = Buffer.from(f.base64, 'base64');
  let err = 0;
  for (let y = 0; y < 180; y++) for (let x = 0; x < 320; x++) err += Math.abs(px[(y * 320 + x) * 4 + 3] - Math.floor((255 * x) / 320));
  expect(err / (320 * 180), 'mean alpha error').toBeLessThan(2);
  await page.evaluate(() => window.clipPage.close());
  expect(await page.evaluate(() => window.clipPage.openVideoFrames())).toBe(0);
});
