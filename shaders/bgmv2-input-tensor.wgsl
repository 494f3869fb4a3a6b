// BGMv2's `src` or `bgr` input from a frame texture: NCHW [1,3,H',W'] RGB in 0..1 (alpha
// dropped) at the padded size the model runs at, the frame's last column and row repeated into
// the padding (src/ml/bgmv2-frame-layout.ts). float32, or float16 packed two to a u32 (no
// shader-f16 needed). One invocation per two neighbouring pixels of a row: W' is a multiple of 4,
// so a pair never straddles a row or a plane and each packed word has one writer.

struct Params {
  /** The frame's size. */
  width: u32,
  height: u32,
  /** The tensor's size (>= the frame's). */
  paddedWidth: u32,
  paddedHeight: u32,
  /** 1: float16 pairs packed in one u32; 0: float32, one per u32. */
  half: u32,
}

@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> tensor: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

fn pixel(x: u32, y: u32) -> vec4f {
  return textureLoad(frame, vec2u(min(x, params.width - 1u), min(y, params.height - 1u)), 0);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let x = 2u * id.x;
  let y = id.y;
  if (x >= params.paddedWidth || y >= params.paddedHeight) {
    return;
  }
  let a = pixel(x, y);
  let b = pixel(x + 1u, y);
  let plane = params.paddedWidth * params.paddedHeight;
  let first = y * params.paddedWidth + x;
  for (var c = 0u; c < 3u; c++) {
    let e = c * plane + first;
    if (params.half == 1u) {
      tensor[e / 2u] = pack2x16float(vec2f(a[c], b[c]));
    } else {
      tensor[e] = bitcast<u32>(a[c]);
      tensor[e + 1u] = bitcast<u32>(b[c]);
    }
  }
}
