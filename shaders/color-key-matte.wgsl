// The key: each pixel's screen-ness s = min(e₁·C, e₂·C) / k against the screen as lit there (the
// plate), smoothed over its 3x3 neighbourhood with weights for similar screen-ness (noise goes,
// edges stay), then α = 1 − s through tolerance and softness, then clip black / clip white.

@group(0) @binding(1) var source: texture_2d<f32>;
@group(0) @binding(2) var plate: texture_2d<f32>;
@group(0) @binding(3) var matte: texture_storage_2d<r32float, write>;

fn screennessAt(p: vec2i, frame: vec2i) -> f32 {
  let q = clamp(p, vec2i(0), frame - 1);
  let c = textureLoad(source, q, 0).rgb;
  return screenness(c) / plateAt(plate, vec2u(q));
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = vec2i(textureDimensions(source));
  let xy = vec2i(id.xy);
  if (any(xy >= frame)) {
    return;
  }
  let own = screennessAt(xy, frame);
  let sigma = P.look.w;
  var sum = 0.0;
  var weights = 0.0;
  for (var dy = -1; dy <= 1; dy++) {
    for (var dx = -1; dx <= 1; dx++) {
      let v = screennessAt(xy + vec2i(dx, dy), frame);
      let d = v - own;
      let w = exp(-(d * d) / (2.0 * sigma * sigma));
      sum += w * v;
      weights += w;
    }
  }
  let a = alphaFromScreenness(sum / weights);
  let clipped = clamp((a - P.key.z) / max(P.key.w - P.key.z, 1e-4), 0.0, 1.0);
  textureStore(matte, id.xy, vec4f(clipped, 0.0, 0.0, 0.0));
}
