// Where the picture sits on the viewer stage: fitted, or at a zoom with a pan. Pure maths used
// by the stage, the wheel zoom, the wipe divider and the probe.

export interface StageTransform {
  scale: number;
  x: number;
  y: number;
}

export function fitTransform(stageW: number, stageH: number, w: number, h: number): StageTransform {
  const scale = Math.min(stageW / w, stageH / h);
  return { scale, x: (stageW - w * scale) / 2, y: (stageH - h * scale) / 2 };
}

/** 100%: one picture pixel per screen pixel, centred. */
export function actualSize(stageW: number, stageH: number, w: number, h: number): StageTransform {
  return { scale: 1, x: Math.round((stageW - w) / 2), y: Math.round((stageH - h) / 2) };
}

/** Zooms by `factor` keeping the stage point (px, py) over the same picture point. */
export function zoomAt(t: StageTransform, factor: number, px: number, py: number, min = 0.05, max = 32): StageTransform {
  const scale = Math.max(min, Math.min(max, t.scale * factor));
  const k = scale / t.scale;
  return { scale, x: px - (px - t.x) * k, y: py - (py - t.y) * k };
}

/** The picture pixel under stage point (px, py), or undefined outside the picture. */
export function pictureAt(t: StageTransform, w: number, h: number, px: number, py: number): { x: number; y: number } | undefined {
  const x = Math.floor((px - t.x) / t.scale);
  const y = Math.floor((py - t.y) / t.scale);
  return x >= 0 && y >= 0 && x < w && y < h ? { x, y } : undefined;
}
