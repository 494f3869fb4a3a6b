// Places the plate in the frame, as Nuke's Reformat + Transform would: the plate is scaled by
// `scale` (stretch, fit, fill or none, decided on the CPU) and its top-left corner put at
// `origin`, in frame pixels. Sampling is bilinear with pixel centres aligned and edges clamped,
// so stretch with origin 0 is exactly the old "resize to the frame". Frame pixels the plate does
// not cover are black; a pixel it covers in part (a fractional edge) gets that share of it.
// Output: the placed plate, rgba32float, opaque.

struct Placement {
  scale: vec2f,   // frame pixels per plate pixel, per axis
  origin: vec2f,  // top-left corner of the placed plate, frame pixels
  size: vec2f,    // size of the placed plate, frame pixels
}

@group(0) @binding(0) var<uniform> place: Placement;
@group(0) @binding(1) var plate: texture_2d<f32>;
@group(0) @binding(2) var placed: texture_storage_2d<rgba32float, write>;

fn platePixel(p: vec2i) -> vec3f {
  let last = vec2i(textureDimensions(plate)) - 1;
  return textureLoad(plate, clamp(p, vec2i(0), last), 0).rgb;
}

// Plate colour at plate-space position `uv` (pixel centres at i + 0.5), bilinear.
fn plateSample(uv: vec2f) -> vec3f {
  let pos = uv - 0.5;
  let p = vec2i(floor(pos));
  let t = pos - floor(pos);
  let top = mix(platePixel(p), platePixel(p + vec2i(1, 0)), t.x);
  let bottom = mix(platePixel(p + vec2i(0, 1)), platePixel(p + vec2i(1, 1)), t.x);
  return mix(top, bottom, t.y);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(placed);
  if (any(id.xy >= frame)) {
    return;
  }
  let xy = vec2f(id.xy);
  let uv = (xy + 0.5 - place.origin) / place.scale;
  // How much of this pixel's square the placed plate's rectangle covers, per axis.
  let cover = clamp(min(xy + 1.0, place.origin + place.size) - max(xy, place.origin), vec2f(0.0), vec2f(1.0));
  textureStore(placed, id.xy, vec4f(plateSample(uv) * cover.x * cover.y, 1.0));
}
