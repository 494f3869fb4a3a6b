// Screen plate, step 2 (pull): each coarser cell gathers the finer cells around it (weights and
// weighted brightness) with a 4x4 tent, 1 3 3 1 per axis over 4, the same total as summing the
// 2x2 cells below it, so a coarse cell also hears its neighbours and holes fill evenly.

@group(0) @binding(0) var finer: texture_2d<f32>;
@group(0) @binding(1) var coarser: texture_storage_2d<rg32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (any(id.xy >= textureDimensions(coarser))) {
    return;
  }
  let size = vec2i(textureDimensions(finer));
  let tent = array<f32, 4>(0.25, 0.75, 0.75, 0.25);
  var sum = vec2f(0.0);
  for (var dy = -1; dy < 3; dy++) {
    for (var dx = -1; dx < 3; dx++) {
      let p = vec2i(id.xy) * 2 + vec2i(dx, dy);
      if (all(p >= vec2i(0)) && all(p < size)) {
        sum += tent[dx + 1] * tent[dy + 1] * textureLoad(finer, p, 0).rg;
      }
    }
  }
  textureStore(coarser, id.xy, vec4f(sum, 0.0, 0.0));
}
