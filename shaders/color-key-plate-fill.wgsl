// Screen plate, step 3 (push), from the coarsest level down: a cell with enough screen pixels
// keeps its own average brightness; one with few blends towards its (bilinearly read) parent,
// so areas covered by the foreground get the screen interpolated from around them.

struct FillLevel {
  full: f32, // summed weight at which a cell trusts its own average
  top: u32,  // 1 at the coarsest level: no parent, the fallback is the picked colour (k = 1)
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<uniform> level: FillLevel;
@group(0) @binding(1) var sums: texture_2d<f32>;
@group(0) @binding(2) var parent: texture_2d<f32>;
@group(0) @binding(3) var filled: texture_storage_2d<r32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (any(id.xy >= textureDimensions(filled))) {
    return;
  }
  let s = textureLoad(sums, id.xy, 0).rg;
  var own = 0.0;
  if (s.x > 0.0) {
    own = s.y / s.x;
  }
  var fill = 1.0;
  if (level.top == 0u) {
    fill = gridSample(parent, (vec2f(id.xy) + 0.5) / 2.0);
  }
  let trust = min(1.0, s.x / level.full);
  textureStore(filled, id.xy, vec4f(trust * own + (1.0 - trust) * fill, 0.0, 0.0, 0.0));
}
