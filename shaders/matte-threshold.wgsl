// Thresholds a matte (value in .r) into an r32float matte: 1 at and above the level, 0 below;
// with softness > 0 a linear ramp of that width centred on the level instead of a step.

struct Threshold {
  level: f32,
  softness: f32,
  pad0: f32,
  pad1: f32,
}

@group(0) @binding(0) var<uniform> threshold: Threshold;
@group(0) @binding(1) var src: texture_2d<f32>;
@group(0) @binding(2) var dst: texture_storage_2d<r32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = textureDimensions(src);
  if (any(id.xy >= size)) {
    return;
  }
  let v = textureLoad(src, vec2i(id.xy), 0).r;
  var out = select(0.0, 1.0, v >= threshold.level);
  if (threshold.softness > 0.0) {
    out = clamp((v - threshold.level) / threshold.softness + 0.5, 0.0, 1.0);
  }
  textureStore(dst, id.xy, vec4f(out, 0.0, 0.0, 0.0));
}
