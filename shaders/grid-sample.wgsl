// Bilinear reads of small single-channel grids and of masks resized to the frame, by textureLoad
// (float grids are not filterable everywhere). Edges are clamped. Prepended to the shaders using it.

// `grid` (value in .r) at `g`, in cell units: cell i covers [i, i + 1), its value sits at i + 0.5.
fn gridSample(grid: texture_2d<f32>, g: vec2f) -> f32 {
  let last = vec2i(textureDimensions(grid)) - 1;
  let pos = g - 0.5;
  let p = vec2i(floor(pos));
  let t = pos - floor(pos);
  let a = textureLoad(grid, clamp(p, vec2i(0), last), 0).r;
  let b = textureLoad(grid, clamp(p + vec2i(1, 0), vec2i(0), last), 0).r;
  let c = textureLoad(grid, clamp(p + vec2i(0, 1), vec2i(0), last), 0).r;
  let d = textureLoad(grid, clamp(p + vec2i(1, 1), vec2i(0), last), 0).r;
  return mix(mix(a, b, t.x), mix(c, d, t.x), t.y);
}

// A mask (value in .r) resized bilinearly to `frame`, at frame pixel `xy` (pixel centres aligned).
// A 1x1 black mask stands for "no mask connected".
fn maskAt(mask: texture_2d<f32>, xy: vec2u, frame: vec2u) -> f32 {
  let size = vec2f(textureDimensions(mask));
  return gridSample(mask, (vec2f(xy) + 0.5) * size / vec2f(frame));
}
