// Inverts a matte (value in .r) into an r32float matte: 1 − v.

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var dst: texture_storage_2d<r32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = textureDimensions(src);
  if (any(id.xy >= size)) {
    return;
  }
  let v = textureLoad(src, vec2i(id.xy), 0).r;
  textureStore(dst, id.xy, vec4f(1.0 - v, 0.0, 0.0, 0.0));
}
