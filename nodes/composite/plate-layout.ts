// Where the plate goes in the frame: its scale per axis and its top-left corner, in frame
// pixels, from the placement mode, the anchor and a Nuke-style offset (y up). Plain TypeScript.

export type PlateFit = 'stretch' | 'fit' | 'fill' | 'none';
export type PlateAlign =
  | 'top-left' | 'top' | 'top-right'
  | 'left' | 'center' | 'right'
  | 'bottom-left' | 'bottom' | 'bottom-right';

export interface PlateLayout {
  scaleX: number;
  scaleY: number;
  /** Top-left corner of the placed plate, frame pixels (y down). */
  left: number;
  top: number;
  /** Size of the placed plate, frame pixels. */
  width: number;
  height: number;
}

/** Anchor as fractions of the free space: 0 = left/top, 0.5 = centre, 1 = right/bottom. */
export function anchorOf(align: PlateAlign): { x: number; y: number } {
  const x = align.endsWith('left') ? 0 : align.endsWith('right') ? 1 : 0.5;
  const y = align.startsWith('top') ? 0 : align.startsWith('bottom') ? 1 : 0.5;
  return { x, y };
}

export function plateLayout(
  plate: { width: number; height: number },
  frame: { width: number; height: number },
  fit: PlateFit,
  align: PlateAlign,
  offsetX: number,
  offsetUp: number,
): PlateLayout {
  const sx = frame.width / plate.width;
  const sy = frame.height / plate.height;
  const [scaleX, scaleY] =
    fit === 'stretch' ? [sx, sy]
    : fit === 'fit' ? [Math.min(sx, sy), Math.min(sx, sy)]
    : fit === 'fill' ? [Math.max(sx, sy), Math.max(sx, sy)]
    : [1, 1];
  // Stretch covers the frame exactly (no rounding error in plate size × scale).
  const width = fit === 'stretch' ? frame.width : plate.width * scaleX;
  const height = fit === 'stretch' ? frame.height : plate.height * scaleY;
  const anchor = anchorOf(align);
  let left = anchor.x * (frame.width - width);
  let top = anchor.y * (frame.height - height);
  // Unscaled, a centred plate of odd difference would sit between pixels and come out blurred.
  if (fit === 'none') {
    left = Math.round(left);
    top = Math.round(top);
  }
  return { scaleX, scaleY, left: left + offsetX, top: top - offsetUp, width, height };
}
