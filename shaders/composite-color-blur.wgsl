// One direction of a Gaussian blur of an rgba32float picture (all four channels): σ = radius / 2,
// taps out to 3σ, edges clamped, weights normalised. Run horizontally, then vertically. The
// composite's decontamination and light wrap blur colour and a weight channel together with it.

struct Blur {
  sigma: f32,
  taps: i32,
  dx: i32,
  dy: i32,
}

@group(0) @binding(0) var<uniform> blur: Blur;
@group(0) @binding(1) var src: texture_2d<f32>;
@group(0) @binding(2) var dst: texture_storage_2d<rgba32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = vec2i(textureDimensions(src));
  let xy = vec2i(id.xy);
  if (any(xy >= size)) {
    return;
  }
  let step = vec2i(blur.dx, blur.dy);
  var sum = vec4f(0.0);
  var weights = 0.0;
  for (var i = -blur.taps; i <= blur.taps; i++) {
    let w = exp(-f32(i * i) / (2.0 * blur.sigma * blur.sigma));
    sum += w * textureLoad(src, clamp(xy + step * i, vec2i(0), size - 1), 0);
    weights += w;
  }
  textureStore(dst, id.xy, sum / weights);
}
