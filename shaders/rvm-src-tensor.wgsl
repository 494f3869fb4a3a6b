// RVM's `src` input from a frame texture: NCHW [1,3,H,W] RGB in 0..1 (alpha dropped), written as
// float32 or as float16 packed two to a u32 (no shader-f16 needed for that). One invocation per
// pair of consecutive tensor elements, so a packed word is written by one invocation only.

struct Params {
  width: u32,
  height: u32,
  /** 1: float16 pairs packed in one u32; 0: float32, one per u32. */
  half: u32,
  /** Invocations per row of workgroups (the dispatch wraps into a second dimension). */
  rowStride: u32,
}

@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> tensor: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

fn element(e: u32) -> f32 {
  let plane = params.width * params.height;
  let p = e % plane;
  return textureLoad(frame, vec2u(p % params.width, p / params.width), 0)[e / plane];
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let pair = id.x + id.y * params.rowStride;
  let count = 3u * params.width * params.height;
  let e = 2u * pair;
  if (e >= count) {
    return;
  }
  let a = element(e);
  let hasB = e + 1u < count;
  let b = select(0.0, element(min(e + 1u, count - 1u)), hasB);
  if (params.half == 1u) {
    tensor[pair] = pack2x16float(vec2f(a, b));
  } else {
    tensor[e] = bitcast<u32>(a);
    if (hasB) {
      tensor[e + 1u] = bitcast<u32>(b);
    }
  }
}
