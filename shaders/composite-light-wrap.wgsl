// Light wrap: the plate's light bleeding onto the foreground's edges, as Nuke's LightWrap.
// `pack` puts the placed plate's colour and the foreground's alpha side by side for one blur
// (composite-color-blur.wgsl, σ = width / 2); `main` then mixes the blurred plate into the
// foreground where the blurred alpha says the background is near:
//   k = amount · (1 − blur(α)),  C' = mix(C, α · blur(plate), k)   (C premultiplied)
// Deep inside the foreground blur(α) = 1 and nothing changes; the wrap fades out over about
// `width` pixels from the edge. Mixing (not adding) keeps the result in range.

struct LightWrap {
  amount: f32,
}

@group(0) @binding(0) var<uniform> params: LightWrap;
@group(0) @binding(1) var foreground: texture_2d<f32>;
@group(0) @binding(2) var plate: texture_2d<f32>;
@group(0) @binding(3) var result: texture_storage_2d<rgba32float, write>;

@compute @workgroup_size(8, 8)
fn pack(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(foreground);
  if (any(id.xy >= frame)) {
    return;
  }
  let a = textureLoad(foreground, id.xy, 0).a;
  textureStore(result, id.xy, vec4f(textureLoad(plate, id.xy, 0).rgb, a));
}

// Here `plate` is the blurred pack: rgb the blurred plate, a the blurred alpha.
@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(foreground);
  if (any(id.xy >= frame)) {
    return;
  }
  let c = textureLoad(foreground, id.xy, 0);
  let blurred = textureLoad(plate, id.xy, 0);
  let k = params.amount * (1.0 - blurred.a);
  textureStore(result, id.xy, vec4f(mix(c.rgb, c.a * blurred.rgb, k), c.a));
}
