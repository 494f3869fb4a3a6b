// The Color Key's parameters and model, shared by its passes (prepended after grid-sample.wgsl).
// See nodes/color-key/key-model.ts for the maths: C = α·F + (1 − α)·k·S, with the screen-ness of
// a colour measured by the two edges of a wedge of hues around the screen hue, each 1 at S.

struct KeyParams {
  screen: vec4f, // rgb: the picked screen colour S (0..1); a: |S|
  hue: vec4f,    // xyz: unit screen hue direction ĉ (S minus its grey, normalised)
  edgeA: vec4f,  // xyz: warm edge measure e₁ (e₁·S = 1); w: e₁·ĉ
  edgeB: vec4f,  // xyz: cool edge measure e₂ (e₂·S = 1); w: e₂·ĉ
  key: vec4f,    // tolerance, softness, clip black, clip white
  gate: vec4f,   // screen plate: chroma in, chroma out, dark out, dark in
  fit: vec4f,    // screen plate: residual in, residual out, cell size (px)
  look: vec4f,   // despill amount, despill bias, unmix cap, denoise sigma
  flags: vec4u,  // x: output mode (0 final, 1 matte, 2 status); y: 1 when a prior plate is bound
}

@group(0) @binding(0) var<uniform> P: KeyParams;

// How screen-like colour c is: 1 for S, 0 on the wedge's edge, negative outside (foreground).
fn screenness(c: vec3f) -> f32 {
  return min(dot(c, P.edgeA.xyz), dot(c, P.edgeB.xyz));
}

// The screen's brightness at frame pixel xy, relative to S, from the plate grid.
fn plateAt(plate: texture_2d<f32>, xy: vec2u) -> f32 {
  return gridSample(plate, (vec2f(xy) + 0.5) / P.fit.z);
}

// α from screen-ness s: the physical 1 − s minus the knee tolerance·(s / (1 − tolerance))^16,
// which keys out pixels within tolerance of the screen but leaves mid-range alpha (almost) as it
// is, then softness (1 = as is, lower hardens the transition about α = 0.5). Before clipping.
fn alphaFromScreenness(s: f32) -> f32 {
  let tolerance = P.key.x;
  let t = max(0.0, s / (1.0 - tolerance));
  let t2 = t * t;
  let t4 = t2 * t2;
  let t8 = t4 * t4;
  let a = 1.0 - s - tolerance * t8 * t8; // the knee: tolerance · t^16
  return clamp(0.5 + (a - 0.5) / P.key.y, 0.0, 1.0);
}
