// A clean plate of another size resized to the shot's: bilinear, pixel centres aligned, edges
// clamped, each channel rounded to its 8-bit level (what src/ml/resize-rgba.ts does on the CPU).

struct Params {
  /** The shot's size: the size written. */
  width: u32,
  height: u32,
}

@group(0) @binding(0) var plate: texture_2d<f32>;
@group(0) @binding(1) var result: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(2) var<uniform> params: Params;

fn levels(x: i32, y: i32, size: vec2i) -> vec4f {
  let p = clamp(vec2i(x, y), vec2i(0), size - 1);
  return floor(textureLoad(plate, p, 0) * 255.0 + 0.5);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let size = vec2i(textureDimensions(plate));
  let scale = vec2f(size) / vec2f(f32(params.width), f32(params.height));
  let pos = (vec2f(id.xy) + 0.5) * scale - 0.5;
  let f = floor(pos);
  let t = pos - f;
  let x = i32(f.x);
  let y = i32(f.y);
  let top = mix(levels(x, y, size), levels(x + 1, y, size), t.x);
  let bottom = mix(levels(x, y + 1, size), levels(x + 1, y + 1, size), t.x);
  textureStore(result, id.xy, floor(mix(top, bottom, t.y) + 0.5) / 255.0);
}
