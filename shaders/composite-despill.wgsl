// Despill: removes the screen's colour cast from the foreground. `hue` is the screen colour's
// chroma (screen − its mean grey), so greys and colours leaning away from the screen are left
// alone. A colour leaning towards the screen, s = max(0, C·hue), loses amount × that lean along
// the hue: C' = C − amount · s / |hue|² · hue. For pure green this is the classic "green down
// to the average of red and blue", with what is taken from green handed to red and blue, so
// brightness (the channel mean) is kept. Works on the premultiplied foreground (the operation
// scales with α) and keeps each pixel within its own range: 0 to max(α, its brightest channel).

struct Despill {
  hue: vec3f,
  amount: f32,
}

@group(0) @binding(0) var<uniform> params: Despill;
@group(0) @binding(1) var foreground: texture_2d<f32>;
@group(0) @binding(2) var result: texture_storage_2d<rgba32float, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(foreground);
  if (any(id.xy >= frame)) {
    return;
  }
  let c = textureLoad(foreground, id.xy, 0);
  let lean = max(0.0, dot(c.rgb, params.hue));
  let despilled = c.rgb - params.amount * lean / dot(params.hue, params.hue) * params.hue;
  let top = max(c.a, max(c.r, max(c.g, c.b)));
  textureStore(result, id.xy, vec4f(clamp(despilled, vec3f(0.0), vec3f(top)), c.a));
}
