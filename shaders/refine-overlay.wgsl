// Refine-region overlay: BGMv2's error map as a heat map over the source (mixed in with
// `opacity`), and its refined 4x4 patches outlined in magenta with a light magenta tint inside.
// err and ref are read at the frame's pixel (nearest; maps of another size are scaled to the
// frame). A pixel is refined when ref >= 0.5; it is on the outline when a 4-neighbour is not
// (or lies outside the frame). Each refined cell of the frame's 4x4 grid adds 1 to
// `refinedPatches`. Needs heat-map.wgsl (heatColor) prepended.

struct Params {
  opacity: f32,
  /** Bit 1: heat map, bit 2: outline. */
  mode: u32,
  _pad: vec2u,
}

@group(0) @binding(0) var source: texture_2d<f32>;
@group(0) @binding(1) var errMap: texture_2d<f32>;
@group(0) @binding(2) var refMap: texture_2d<f32>;
@group(0) @binding(3) var result: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(4) var<uniform> params: Params;
@group(0) @binding(5) var<storage, read_write> refinedPatches: atomic<u32>;

const HEAT = 1u;
const OUTLINE = 2u;
const OUTLINE_COLOR = vec3f(1.0, 0.0, 1.0);
const TINT = 0.25;

// The value of `map` at frame pixel p (nearest), for a frame of size `frame`.
fn mapAt(map: texture_2d<f32>, p: vec2i, frame: vec2u) -> f32 {
  let size = textureDimensions(map);
  let q = vec2u((vec2f(p) + 0.5) * vec2f(size) / vec2f(frame));
  return textureLoad(map, min(q, size - 1u), 0).r;
}

fn refined(p: vec2i, frame: vec2u) -> bool {
  if (any(p < vec2i(0)) || any(p >= vec2i(frame))) {
    return false;
  }
  return mapAt(refMap, p, frame) >= 0.5;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(source);
  if (any(id.xy >= frame)) {
    return;
  }
  let p = vec2i(id.xy);
  var rgb = textureLoad(source, p, 0).rgb;
  if ((params.mode & HEAT) != 0u) {
    rgb = mix(rgb, heatColor(mapAt(errMap, p, frame)), params.opacity);
  }
  let inside = refined(p, frame);
  if (inside && (params.mode & OUTLINE) != 0u) {
    let edge = !refined(p + vec2i(1, 0), frame) || !refined(p - vec2i(1, 0), frame) ||
      !refined(p + vec2i(0, 1), frame) || !refined(p - vec2i(0, 1), frame);
    rgb = select(mix(rgb, OUTLINE_COLOR, TINT), OUTLINE_COLOR, edge);
  }
  if (inside && id.x % 4u == 0u && id.y % 4u == 0u) {
    atomicAdd(&refinedPatches, 1u);
  }
  textureStore(result, p, vec4f(rgb, 1.0));
}
