// A model's `pha` [1,1,H',W'] or `fgr` [1,3,H',W'] output (float32, or float16 packed two to a
// u32) as an RGBA8 picture of the frame's size, cropped when the model ran on a padded frame
// (BGMv2; RVM's tensors are the frame's size): a matte's value in R, G and B, or the
// foreground's RGB; alpha 1. Values clamped to 0..1 and rounded half up to 8 bits, as the CPU
// paths do (rvm-tensors.ts, croppedMatte/croppedImage in src/ml/bgmv2-maps.ts).

struct Params {
  /** The frame's size: the size written. */
  width: u32,
  height: u32,
  /** The tensor's size. */
  paddedWidth: u32,
  paddedHeight: u32,
  half: u32,
  /** 1 (a matte) or 3 (RGB). */
  channels: u32,
}

@group(0) @binding(0) var<storage, read> tensor: array<u32>;
@group(0) @binding(1) var result: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(2) var<uniform> params: Params;

fn element(e: u32) -> f32 {
  if (params.half == 1u) {
    return unpack2x16float(tensor[e / 2u])[e % 2u];
  }
  return bitcast<f32>(tensor[e]);
}

// The 8-bit level the CPU path picks (Math.round), as an exactly representable unorm value.
fn level(v: f32) -> f32 {
  return floor(clamp(v, 0.0, 1.0) * 255.0 + 0.5) / 255.0;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let plane = params.paddedWidth * params.paddedHeight;
  let p = id.y * params.paddedWidth + id.x;
  var rgb = vec3f(level(element(p)));
  if (params.channels == 3u) {
    rgb = vec3f(rgb.r, level(element(plane + p)), level(element(2u * plane + p)));
  }
  textureStore(result, id.xy, vec4f(rgb, 1.0));
}
