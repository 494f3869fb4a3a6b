// Heat-map colour of a value in 0..1 (an error map): the "jet" ramp, dark blue (0) → blue →
// cyan → green → yellow → red → dark red (1). Included before shaders that call heatColor().

fn heatColor(value: f32) -> vec3f {
  let t = clamp(value, 0.0, 1.0);
  return clamp(vec3f(1.5) - abs(vec3f(4.0 * t - 3.0, 4.0 * t - 2.0, 4.0 * t - 1.0)), vec3f(0.0), vec3f(1.0));
}
