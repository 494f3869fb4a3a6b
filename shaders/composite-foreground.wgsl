// Reads the foreground in either convention into the premultiplied form every later composite
// pass works on: rgb = colour × alpha, a = alpha (rgba32float). Alpha comes from the matte
// input (its R), or from the foreground's own A when no matte is connected.
// - straight (fgr + pha, e.g. RVM): rgb = fgr × alpha.
// - premultiplied: rgb = fgr as is; a colour brighter than its alpha (light that adds, like a
//   glow) is kept, so the over below adds it as Nuke's over does.

struct Foreground {
  premultiplied: u32,
  alphaFromForeground: u32,
}

@group(0) @binding(0) var<uniform> conv: Foreground;
@group(0) @binding(1) var fgr: texture_2d<f32>;
@group(0) @binding(2) var pha: texture_2d<f32>;
@group(0) @binding(3) var result: texture_storage_2d<rgba32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(fgr);
  if (any(id.xy >= frame)) {
    return;
  }
  let c = textureLoad(fgr, id.xy, 0);
  var a = c.a;
  if (conv.alphaFromForeground == 0u) {
    a = textureLoad(pha, id.xy, 0).r;
  }
  var rgb = c.rgb * a;
  if (conv.premultiplied != 0u) {
    rgb = c.rgb;
  }
  textureStore(result, id.xy, vec4f(rgb, a));
}
