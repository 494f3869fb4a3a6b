// Screen plate, step 1: per grid cell (PLATE.cell pixels square), the sum of the weights of the
// pixels that look like the screen and of their weighted brightness k = (C·Ŝ)/|S|. A pixel is
// screen when its colour is close in angle to S, not too dark, outside the garbage and holdout
// masks, and (second round) close in brightness to the first round's plate.

@group(0) @binding(1) var source: texture_2d<f32>;
@group(0) @binding(2) var garbage: texture_2d<f32>;
@group(0) @binding(3) var holdout: texture_2d<f32>;
@group(0) @binding(4) var prior: texture_2d<f32>;
@group(0) @binding(5) var sums: texture_storage_2d<rg32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (any(id.xy >= textureDimensions(sums))) {
    return;
  }
  let frame = textureDimensions(source);
  let cell = u32(P.fit.z);
  let start = id.xy * cell;
  let end = min(start + cell, frame);
  let unit = P.screen.rgb / P.screen.a;
  var total = 0.0;
  var weighted = 0.0;
  for (var y = start.y; y < end.y; y++) {
    for (var x = start.x; x < end.x; x++) {
      let xy = vec2u(x, y);
      let c = textureLoad(source, xy, 0).rgb;
      let p = dot(c, unit);
      let angle = length(c - p * unit) / max(p, 1e-3);
      let k = p / P.screen.a;
      var w = (1.0 - smoothstep(P.gate.x, P.gate.y, angle)) * smoothstep(P.gate.z, P.gate.w, k);
      w *= (1.0 - maskAt(garbage, xy, frame)) * (1.0 - maskAt(holdout, xy, frame));
      if (P.flags.y == 1u) {
        w *= 1.0 - smoothstep(P.fit.x, P.fit.y, abs(k / plateAt(prior, xy) - 1.0));
      }
      total += w;
      weighted += w * k;
    }
  }
  textureStore(sums, id.xy, vec4f(total, weighted, 0.0, 0.0));
}
