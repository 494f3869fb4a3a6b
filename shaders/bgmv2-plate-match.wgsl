// Does the plate look like a clean plate of this shot? Both pictures averaged over a grid of
// cells; a cell matches when its mean RGB differs by less than the tolerance; matching cells are
// counted into counters[0]. One invocation per cell, summing its pixels as whole 8-bit levels
// (exact in u32), as src/ml/plate-match.ts does on the CPU.

struct Params {
  width: u32,
  height: u32,
  gridWidth: u32,
  gridHeight: u32,
  tolerance: f32,
}

@group(0) @binding(0) var source: texture_2d<f32>;
@group(0) @binding(1) var plate: texture_2d<f32>;
@group(0) @binding(2) var<storage, read_write> counters: array<atomic<u32>>;
@group(0) @binding(3) var<uniform> params: Params;

fn levels(t: texture_2d<f32>, x: u32, y: u32) -> vec3u {
  return vec3u(floor(textureLoad(t, vec2u(x, y), 0).rgb * 255.0 + 0.5));
}

// First pixel of cell `i` along an axis of `size` pixels cut into `cells`: pixel p is in cell
// floor(p * cells / size), so cell i starts at ceil(i * size / cells).
fn start(i: u32, size: u32, cells: u32) -> u32 {
  return (i * size + cells - 1u) / cells;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.gridWidth || id.y >= params.gridHeight) {
    return;
  }
  let x0 = start(id.x, params.width, params.gridWidth);
  let x1 = start(id.x + 1u, params.width, params.gridWidth);
  let y0 = start(id.y, params.height, params.gridHeight);
  let y1 = start(id.y + 1u, params.height, params.gridHeight);
  var s = vec3u(0u);
  var p = vec3u(0u);
  for (var y = y0; y < y1; y++) {
    for (var x = x0; x < x1; x++) {
      s += levels(source, x, y);
      p += levels(plate, x, y);
    }
  }
  let n = f32((x1 - x0) * (y1 - y0));
  let d = abs(vec3f(s) - vec3f(p));
  if (n > 0.0 && (d.r + d.g + d.b) / (3.0 * n * 255.0) < params.tolerance) {
    atomicAdd(&counters[0], 1u);
  }
}
