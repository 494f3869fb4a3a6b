// Combines two mattes per pixel into an r32float matte: A at its own size, B (value in .r)
// resized bilinearly to A's size. Needs grid-sample.wgsl prepended (maskAt).
// Mode codes follow COMBINE_MODES in nodes/matte-ops/matte-ops-settings.ts.

struct Combine {
  mode: u32,
  pad0: u32,
  pad1: u32,
  pad2: u32,
}

@group(0) @binding(0) var<uniform> combine: Combine;
@group(0) @binding(1) var a: texture_2d<f32>;
@group(0) @binding(2) var b: texture_2d<f32>;
@group(0) @binding(3) var dst: texture_storage_2d<r32float, write>;

fn combined(x: f32, y: f32) -> f32 {
  switch combine.mode {
    case 1u: { return max(x, y); }
    case 2u: { return min(x, y); }
    case 3u: { return x * y; }
    case 4u: { return x + y - x * y; }
    case 5u: { return min(x + y, 1.0); }
    case 6u: { return max(x - y, 0.0); }
    case 7u: { return x * (1.0 - y); }
    case 8u: { return abs(x - y); }
    default: { return x; }
  }
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let size = textureDimensions(a);
  if (any(id.xy >= size)) {
    return;
  }
  let x = textureLoad(a, vec2i(id.xy), 0).r;
  let y = maskAt(b, id.xy, size);
  textureStore(dst, id.xy, vec4f(clamp(combined(x, y), 0.0, 1.0), 0.0, 0.0, 0.0));
}
