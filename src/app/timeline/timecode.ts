// Frame numbers as timecode, HH:MM:SS:FF at the clip's (rounded) frame rate.

export function timecode(frame: number, fps: number): string {
  const rate = Math.max(1, Math.round(fps));
  const ff = frame % rate;
  const total = Math.floor(frame / rate);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}:${pad(ff)}`;
}
