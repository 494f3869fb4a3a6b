// Composite "over": out = C + (1 − α)·plate, with C the premultiplied foreground (colour × α,
// from composite-foreground.wgsl and the optional edge passes) and the plate already placed in
// the frame (composite-plate-placement.wgsl). For a straight fgr + pha this is the familiar
// fgr·pha + plate·(1 − pha). The plate counts as opaque and so is the result.

@group(0) @binding(0) var foreground: texture_2d<f32>;
@group(0) @binding(1) var plate: texture_2d<f32>;
@group(0) @binding(2) var result: texture_storage_2d<rgba8unorm, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(foreground);
  if (any(id.xy >= frame)) {
    return;
  }
  let f = textureLoad(foreground, id.xy, 0);
  let rgb = f.rgb + textureLoad(plate, id.xy, 0).rgb * (1.0 - f.a);
  textureStore(result, id.xy, vec4f(clamp(rgb, vec3f(0.0), vec3f(1.0)), 1.0));
}
