// Choke a matte (r32float): grey erosion (radius < 0) or dilation (radius > 0) over a disc of
// |radius| pixels. A fractional radius blends the discs of the two nearest whole radii, so the
// control moves smoothly. Edges are clamped.

struct Choke {
  radius: f32,
  pad0: f32,
  pad1: f32,
  pad2: f32,
}

@group(0) @binding(0) var<uniform> choke: Choke;
@group(0) @binding(1) var src: texture_2d<f32>;
@group(0) @binding(2) var dst: texture_storage_2d<r32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = vec2i(textureDimensions(src));
  let xy = vec2i(id.xy);
  if (any(xy >= size)) {
    return;
  }
  let r = abs(choke.radius);
  let r0 = i32(floor(r));
  let r1 = i32(ceil(r));
  let erode = choke.radius < 0.0;
  var inner = textureLoad(src, xy, 0).r;
  var outer = inner;
  for (var dy = -r1; dy <= r1; dy++) {
    for (var dx = -r1; dx <= r1; dx++) {
      let d2 = dx * dx + dy * dy;
      if (d2 > r1 * r1) {
        continue;
      }
      let v = textureLoad(src, clamp(xy + vec2i(dx, dy), vec2i(0), size - 1), 0).r;
      if (erode) {
        outer = min(outer, v);
        if (d2 <= r0 * r0) {
          inner = min(inner, v);
        }
      } else {
        outer = max(outer, v);
        if (d2 <= r0 * r0) {
          inner = max(inner, v);
        }
      }
    }
  }
  textureStore(dst, id.xy, vec4f(inner + (outer - inner) * (r - f32(r0)), 0.0, 0.0, 0.0));
}
