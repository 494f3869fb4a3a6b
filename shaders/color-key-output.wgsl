// The Color Key's two outputs. The matte: the processed key, minus the garbage mask, plus the
// holdout mask, as grey. The image, per output mode:
// - final: the foreground colour, straight (unpremultiplied) with the matte as alpha. F is
//   unmixed from the screen as lit there, F = C + (1 − α)/α·(C − k·S) (factor capped), then
//   despilled: what is left inside the screen's wedge of hues (beyond the bias, in screen-ness)
//   is moved out along the screen hue. Where the matte is 0 the colour is black.
// - matte: the matte as grey; status: white fully in, black fully out, grey in between.

@group(0) @binding(1) var source: texture_2d<f32>;
@group(0) @binding(2) var plate: texture_2d<f32>;
@group(0) @binding(3) var matte: texture_2d<f32>;
@group(0) @binding(4) var garbage: texture_2d<f32>;
@group(0) @binding(5) var holdout: texture_2d<f32>;
@group(0) @binding(6) var outMatte: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(7) var outImage: texture_storage_2d<rgba8unorm, write>;

fn foreground(c: vec3f, k: f32) -> vec3f {
  let a = alphaFromScreenness(screenness(c) / k);
  let factor = min((1.0 - a) / max(a, 1e-6), P.look.z);
  let f = clamp(c + factor * (c - k * P.screen.rgb), vec3f(0.0), vec3f(1.0));
  // Move F out along the screen hue until its screen-ness is down to the bias (per edge measure).
  let bias = P.look.y;
  let along = min((dot(f, P.edgeA.xyz) - bias) / P.edgeA.w, (dot(f, P.edgeB.xyz) - bias) / P.edgeB.w);
  let t = P.look.x * max(0.0, along);
  return clamp(f - t * P.hue.xyz, vec3f(0.0), vec3f(1.0));
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let frame = textureDimensions(source);
  if (any(id.xy >= frame)) {
    return;
  }
  let m = textureLoad(matte, id.xy, 0).r;
  let a = max(m * (1.0 - maskAt(garbage, id.xy, frame)), maskAt(holdout, id.xy, frame));
  textureStore(outMatte, id.xy, vec4f(vec3f(a), 1.0));
  var image: vec4f;
  switch P.flags.x {
    case 1u: {
      image = vec4f(vec3f(a), 1.0);
    }
    case 2u: {
      var v = 128.0 / 255.0;
      if (a >= 254.5 / 255.0) {
        v = 1.0;
      } else if (a < 0.5 / 255.0) {
        v = 0.0;
      }
      image = vec4f(vec3f(v), 1.0);
    }
    default: {
      let c = textureLoad(source, id.xy, 0).rgb;
      let f = foreground(c, plateAt(plate, id.xy));
      image = vec4f(f * min(1.0, a * 510.0), a);
    }
  }
  textureStore(outImage, id.xy, image);
}
