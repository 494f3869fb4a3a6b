// Edge colour decontamination. A semi-transparent edge pixel of a keyed or matted foreground
// often still holds the old background: C = α·F + (1 − α)·B. Unmixing, F = (C − (1 − α)·B)/α,
// needs a background estimate B (there is none for a room behind RVM's subject) and divides
// noise by α, exploding at thin hair. Instead the colour F is extrapolated from nearby solid
// foreground, by normalised convolution: F̂ = blur(w·F) / blur(w), with w the "solidness" of a
// pixel (0 below α = SOLID_FROM, 1 at α = 1). Each edge pixel then moves towards F̂ by
//   k = amount · confidence · (1 − w(α)),
// so solid pixels keep their colour, pixels at or below SOLID_FROM are replaced in full, and
// where hardly any solid pixel is in reach (blur(w) below REACH) the estimate fades out rather
// than being trusted. Works on the premultiplied foreground: C' = mix(C, α·F̂, k).
// Entry points: `weigh` writes (w·F, w) for the blur (composite-color-blur.wgsl), `main` applies.

const SOLID_FROM = 0.8;
const REACH = 0.02;

struct Decontaminate {
  amount: f32,
}

@group(0) @binding(0) var<uniform> params: Decontaminate;
@group(0) @binding(1) var foreground: texture_2d<f32>;
@group(0) @binding(2) var weighted: texture_2d<f32>;
@group(0) @binding(3) var result: texture_storage_2d<rgba32float, write>;

fn solidness(a: f32) -> f32 {
  return clamp((a - SOLID_FROM) / (1.0 - SOLID_FROM), 0.0, 1.0);
}

@compute @workgroup_size(8, 8)
fn weigh(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(foreground);
  if (any(id.xy >= frame)) {
    return;
  }
  let c = textureLoad(foreground, id.xy, 0);
  let w = solidness(c.a);
  // w > 0 only where α ≥ SOLID_FROM, so the division is safe where it matters.
  let straight = c.rgb / max(c.a, SOLID_FROM);
  textureStore(result, id.xy, vec4f(straight * w, w));
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(foreground);
  if (any(id.xy >= frame)) {
    return;
  }
  let c = textureLoad(foreground, id.xy, 0);
  let sums = textureLoad(weighted, id.xy, 0);
  let confidence = min(1.0, sums.a / REACH);
  var estimate = vec3f(0.0);
  if (sums.a > 0.0) {
    estimate = sums.rgb / sums.a;
  }
  let k = params.amount * confidence * (1.0 - solidness(c.a));
  textureStore(result, id.xy, vec4f(mix(c.rgb, c.a * estimate, k), c.a));
}
