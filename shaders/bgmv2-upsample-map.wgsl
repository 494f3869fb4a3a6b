// A coarse BGMv2 map ([1,1,h,w] covering the padded frame: err_sm at the backbone scale, ref_sm
// one value per 4x4 patch) as a frame-sized matte, sampled at the frame's pixel centres:
// bilinear (edges clamped, like F.interpolate with align_corners=False) for err, nearest for ref
// (a refined patch becomes a 4x4 block). Same as upsampledMatte in src/ml/bgmv2-maps.ts.
// With `countPatches`, each refined patch (value >= 0.5) touching the frame adds one to
// counters[1] (counted at its top-left pixel): countRefinedPatches on the CPU.

struct Params {
  width: u32,
  height: u32,
  paddedWidth: u32,
  paddedHeight: u32,
  mapWidth: u32,
  mapHeight: u32,
  half: u32,
  /** 1: nearest; 0: bilinear. */
  nearest: u32,
  /** 1: the map is ref_sm (mapWidth = paddedWidth / 4): count its refined patches. */
  countPatches: u32,
}

@group(0) @binding(0) var<storage, read> map: array<u32>;
@group(0) @binding(1) var result: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(2) var<storage, read_write> counters: array<atomic<u32>>;
@group(0) @binding(3) var<uniform> params: Params;

fn element(e: u32) -> f32 {
  if (params.half == 1u) {
    return unpack2x16float(map[e / 2u])[e % 2u];
  }
  return bitcast<f32>(map[e]);
}

fn at(x: i32, y: i32) -> f32 {
  let cx = u32(clamp(x, 0, i32(params.mapWidth) - 1));
  let cy = u32(clamp(y, 0, i32(params.mapHeight) - 1));
  return element(cy * params.mapWidth + cx);
}

fn level(v: f32) -> f32 {
  return floor(clamp(v, 0.0, 1.0) * 255.0 + 0.5) / 255.0;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let scale = vec2f(f32(params.mapWidth) / f32(params.paddedWidth), f32(params.mapHeight) / f32(params.paddedHeight));
  let pos = (vec2f(id.xy) + 0.5) * scale;
  var v: f32;
  if (params.nearest == 1u) {
    v = at(i32(floor(pos.x)), i32(floor(pos.y)));
  } else {
    let f = pos - 0.5;
    let f0 = floor(f);
    let t = f - f0;
    let x = i32(f0.x);
    let y = i32(f0.y);
    let top = at(x, y) * (1.0 - t.x) + at(x + 1, y) * t.x;
    let bottom = at(x, y + 1) * (1.0 - t.x) + at(x + 1, y + 1) * t.x;
    v = top * (1.0 - t.y) + bottom * t.y;
  }
  textureStore(result, id.xy, vec4f(vec3f(level(v)), 1.0));
  if (params.countPatches == 1u && id.x % 4u == 0u && id.y % 4u == 0u) {
    if (element((id.y / 4u) * params.mapWidth + id.x / 4u) >= 0.5) {
      atomicAdd(&counters[1], 1u);
    }
  }
}
