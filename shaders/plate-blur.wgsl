// Background Plate "blurred source": one direction of a separable Gaussian blur of an RGBA8
// picture, σ = radius / 2, taps out to 3σ, edges clamped (the border pixels repeat outwards).
// Colours are blurred premultiplied by alpha, so hidden colours of transparent pixels do not
// bleed in. `horizontal` reads the picture and writes premultiplied floats; `vertical` reads
// those and writes the straight-alpha RGBA8 result.

struct Blur {
  sigma: f32,
  taps: i32,
}

@group(0) @binding(0) var<uniform> blur: Blur;
@group(0) @binding(1) var src: texture_2d<f32>;
@group(0) @binding(2) var premultiplied: texture_storage_2d<rgba32float, write>;
@group(0) @binding(3) var result: texture_storage_2d<rgba8unorm, write>;

fn weight(i: i32) -> f32 {
  return exp(-f32(i * i) / (2.0 * blur.sigma * blur.sigma));
}

@compute @workgroup_size(8, 8)
fn horizontal(@builtin(global_invocation_id) id: vec3u) {
  let size = vec2i(textureDimensions(src));
  let xy = vec2i(id.xy);
  if (any(xy >= size)) {
    return;
  }
  var sum = vec4f(0.0);
  var weights = 0.0;
  for (var i = -blur.taps; i <= blur.taps; i++) {
    let c = textureLoad(src, vec2i(clamp(xy.x + i, 0, size.x - 1), xy.y), 0);
    let w = weight(i);
    sum += w * vec4f(c.rgb * c.a, c.a);
    weights += w;
  }
  textureStore(premultiplied, id.xy, sum / weights);
}

@compute @workgroup_size(8, 8)
fn vertical(@builtin(global_invocation_id) id: vec3u) {
  let size = vec2i(textureDimensions(src));
  let xy = vec2i(id.xy);
  if (any(xy >= size)) {
    return;
  }
  var sum = vec4f(0.0);
  var weights = 0.0;
  for (var i = -blur.taps; i <= blur.taps; i++) {
    let w = weight(i);
    sum += w * textureLoad(src, vec2i(xy.x, clamp(xy.y + i, 0, size.y - 1)), 0);
    weights += w;
  }
  let p = sum / weights;
  let rgb = select(vec3f(0.0), p.rgb / p.a, p.a > 0.0);
  textureStore(result, id.xy, vec4f(rgb, p.a));
}
