// A picture the viewer holds on the CPU: its own copy of the RGBA8 pixels of a node's output,
// so it stays valid after the evaluator releases the Image.

export interface Picture {
  width: number;
  height: number;
  kind: 'image' | 'matte';
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

/** The alpha of a pixel: a matte's value (in R), or an image's A. */
export function alphaAt(p: Picture, i: number): number {
  return p.kind === 'matte' ? p.pixels[i * 4] : p.pixels[i * 4 + 3];
}
