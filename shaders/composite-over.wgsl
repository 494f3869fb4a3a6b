// Composite "over": out = fgr·pha + plate·(1 − pha), per pixel of the frame (the size of fgr).
// The plate is resized to the frame bilinearly (pixel centres aligned, edges clamped), so a
// 1x1 plate is a solid colour. The plate counts as opaque and so is the result.

@group(0) @binding(0) var fgr: texture_2d<f32>;
@group(0) @binding(1) var pha: texture_2d<f32>;
@group(0) @binding(2) var plate: texture_2d<f32>;
@group(0) @binding(3) var result: texture_storage_2d<rgba8unorm, write>;

fn platePixel(p: vec2i) -> vec3f {
  let last = vec2i(textureDimensions(plate)) - 1;
  return textureLoad(plate, clamp(p, vec2i(0), last), 0).rgb;
}

// The plate, bilinearly resized to `frame`, at frame pixel `xy`.
fn plateAt(xy: vec2u, frame: vec2u) -> vec3f {
  let scale = vec2f(textureDimensions(plate)) / vec2f(frame);
  let pos = (vec2f(xy) + 0.5) * scale - 0.5;
  let p = vec2i(floor(pos));
  let t = pos - floor(pos);
  let top = mix(platePixel(p), platePixel(p + vec2i(1, 0)), t.x);
  let bottom = mix(platePixel(p + vec2i(0, 1)), platePixel(p + vec2i(1, 1)), t.x);
  return mix(top, bottom, t.y);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(fgr);
  if (any(id.xy >= frame)) {
    return;
  }
  let a = textureLoad(pha, id.xy, 0).r;
  let rgb = textureLoad(fgr, id.xy, 0).rgb * a + plateAt(id.xy, frame) * (1.0 - a);
  textureStore(result, id.xy, vec4f(rgb, 1.0));
}
