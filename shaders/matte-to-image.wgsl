// Writes a float matte (value in .r) as the matte image that travels on wires: rgba8unorm with
// the value, clamped to 0..1, in R, G and B and A = 1 (see src/gpu/image.ts).

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var dst: texture_storage_2d<rgba8unorm, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = textureDimensions(src);
  if (any(id.xy >= size)) {
    return;
  }
  let v = clamp(textureLoad(src, vec2i(id.xy), 0).r, 0.0, 1.0);
  textureStore(dst, id.xy, vec4f(v, v, v, 1.0));
}
