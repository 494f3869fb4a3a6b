// The keying model shared by the Color Key shaders and their CPU reference: the screen colour's
// chroma basis and the fixed constants of the screen-plate estimate. Plain TypeScript.
//
// A pixel is modelled as C = α·F + (1 − α)·B, with B the screen as lit at that pixel. B is the
// picked screen colour S scaled by a smooth brightness field k(x, y) (vignette, uneven light),
// which the node estimates from the pixels that look like screen. In the chroma plane (colour
// minus its grey part) the mix moves C from B straight towards F. Take a linear measure L_i that
// is 1 at S and 0 along a line of hues through grey: then L_i(C) / k = 1 − α exactly whenever F
// lies on that line. Two such lines, at hues on either side of the screen hue, bound a wedge of
// "screen-like" hues, and the screen-ness s = min_i L_i(C) / k gives 1 − α exactly for every F on
// the wedge's edge or beyond it on the other measure, in particular for every grey. Colours
// outside the wedge (skin, hair, greys, reds, blues, golden yellows) key as opaque; saturated
// lemon yellow sits near the warm edge for a typical green and keeps about 95% opacity.

/** Half-angle of the wedge of hues around the screen hue that count as screen-like. */
export const WEDGE_HALF_ANGLE = 75;
/**
 * The wedge's edges stay within this many degrees of the hue of the screen's strongest primary
 * (green 120°, blue 240°, red 0°): a yellowish green screen must not pull skin tones (20-40°) in.
 */
export const WEDGE_PRIMARY_REACH = 70;
/** Narrowest a wedge edge may be pulled in to (for screens far from any primary). */
export const WEDGE_MIN_HALF_ANGLE = 45;

/** Constants of the screen-plate estimate (see shaders/color-key-plate-cells.wgsl). */
export const PLATE = {
  /** Grid cell size in pixels: the plate's resolution (a vignette is far smoother than this). */
  cell: 16,
  /** Chroma angle (tangent) to the screen colour below which a pixel is screen, above which not. */
  chromaIn: 0.03,
  chromaOut: 0.1,
  /** Brightness (relative to the picked colour) below which a pixel is too dark to tell. */
  darkOut: 0.1,
  darkIn: 0.2,
  /** Second pass: relative brightness difference from the first estimate that is still screen. */
  residualIn: 0.03,
  residualOut: 0.08,
  /** Share of a cell's pixels that must be screen for the cell to trust its own average. */
  minShare: 0.05,
} as const;

/**
 * Edge-preserving smoothing of the screen-ness over each pixel's 3x3 neighbourhood: neighbours
 * count by how close their screen-ness is (Gaussian, this σ). Sensor noise on the screen and on
 * flat foreground averages out; a hair against the screen differs too much to be blurred.
 */
export const DENOISE_SIGMA = 0.05;

/** Largest factor the foreground unmixing may scale C − B by (keeps near-transparent pixels sane). */
export const UNMIX_CAP = 4;

export type Vec3 = [number, number, number];

/**
 * The screen colour's frame in RGB (0..1): S and |S|, the unit hue direction ĉ (S minus its grey,
 * normalised), and the wedge's two edges as linear measures scaled so each is 1 at S: the
 * screen-ness of a colour c is min(e₁·c, e₂·c), 1 for the screen, 0 on an edge, < 0 outside.
 */
export interface ScreenBasis {
  screen: Vec3;
  length: number;
  hue: Vec3;
  edges: [Vec3, Vec3];
  /** Hue angles (degrees) of the screen and of the two edges, for messages and tests. */
  angles: { screen: number; warm: number; cool: number };
}

const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const deg = Math.PI / 180;

/** Hue angle in degrees (red 0, yellow 60, green 120, cyan 180, blue 240, magenta 300). */
export const hueAngle = (c: readonly number[]) => {
  const h = Math.atan2(Math.sqrt(3) * (c[1] - c[2]), 2 * c[0] - c[1] - c[2]) / deg;
  return h < 0 ? h + 360 : h;
};

/** The basis for a screen colour given as 0..255 channels; throws when it has no hue to key on. */
export function screenBasis(rgb255: readonly number[]): ScreenBasis {
  const screen = rgb255.map((v) => v / 255) as Vec3;
  const mean = (screen[0] + screen[1] + screen[2]) / 3;
  const chroma = screen.map((v) => v - mean);
  const chromaLength = Math.hypot(chroma[0], chroma[1], chroma[2]);
  // Below this the colour is (nearly) grey: no direction to separate the screen from greys.
  if (chromaLength < 0.05) {
    throw new Error('the screen colour is almost grey: pick the coloured screen (green or blue), not a grey area');
  }
  const hue = chroma.map((v) => v / chromaLength) as Vec3;
  // ê = (1,1,1)/√3 × ĉ: perpendicular to grey and to ĉ, pointing towards increasing hue angle.
  const g = 1 / Math.sqrt(3);
  const side: Vec3 = [g * (hue[2] - hue[1]), g * (hue[0] - hue[2]), g * (hue[1] - hue[0])];
  const h = hueAngle(screen);
  const primary = 120 * screen.indexOf(Math.max(...screen));
  const offset = ((h - primary + 540) % 360) - 180; // screen hue relative to its primary, -180..180
  const half = (room: number) => Math.max(WEDGE_MIN_HALF_ANGLE, Math.min(WEDGE_HALF_ANGLE, room));
  const warm = half(WEDGE_PRIMARY_REACH + offset); // towards lower hue angles
  const cool = half(WEDGE_PRIMARY_REACH - offset);
  // Inward normals of the edge lines at hue h − warm and h + cool, scaled to 1 at the screen.
  const normal = (sin: number, cos: number, sign: number) => {
    const n = hue.map((v, i) => sin * v + sign * cos * side[i]) as Vec3;
    const atScreen = dot(n, screen);
    return n.map((v) => v / atScreen) as Vec3;
  };
  return {
    screen,
    length: Math.hypot(screen[0], screen[1], screen[2]),
    hue,
    edges: [normal(Math.sin(warm * deg), Math.cos(warm * deg), 1), normal(Math.sin(cool * deg), Math.cos(cool * deg), -1)],
    angles: { screen: h, warm: (h - warm + 360) % 360, cool: (h + cool) % 360 },
  };
}

/** How screen-like colour c (0..1) is: 1 for the screen colour, 0 on the wedge's edge, negative outside. */
export function screenness(b: ScreenBasis, c: readonly number[]): number {
  return Math.min(dot(c, b.edges[0]), dot(c, b.edges[1]));
}
